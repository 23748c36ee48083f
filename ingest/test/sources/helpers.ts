import { DEFAULT_CONFIG_FILE } from '../../src/paths.ts'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import type { PostInput } from '@pulso/types'
import { loadEntities } from '../../src/entities.ts'
import { createValidator } from '../../src/validate.ts'
import { memoryCursorStore } from '../../src/sources/cursor.ts'
import type { SourceContext } from '../../src/sources/types.ts'

export const entities = loadEntities(DEFAULT_CONFIG_FILE)
const validate = createValidator({ maxTextChars: 20_000 })

/** A source's context for tests: the sample entities, the given cursors, a silent log, and `emit`. */
export function testContext(cursors: SourceContext['cursors'], emit: SourceContext['emit']): SourceContext {
  return { entities, cursors, log: { info() {}, warn() {}, error() {} }, emit }
}

/**
 * An in-memory `emit` standing in for the pipeline + store: validates every post like the pipeline does, records
 * the valid ones, and answers `retry: 'store-down'` for the first `failFirst` calls.
 */
export function recorder(opts: { failFirst?: number; cursors?: ReturnType<typeof memoryCursorStore> } = {}) {
  let failures = opts.failFirst ?? 0
  const posts: PostInput[] = []
  const invalid: string[] = []
  /** Deletes asked for, and edits applied (the edited post replaced the stored one in `posts`). */
  const removed: string[] = []
  const edits: PostInput[] = []
  let calls = 0
  const cursors = opts.cursors ?? memoryCursorStore()
  const ctx = testContext(cursors, async (batch, o) => {
    calls++
    if (failures > 0) {
      failures--
      return { accepted: 0, rejected: batch.map((_, i) => ({ line: i + 1, error: 'store: connection refused' })), retry: 'store-down' }
    }
    const rejected: { line: number; error: string }[] = []
    batch.forEach((p, i) => {
      const r = validate(p)
      if (!r.ok) return void (rejected.push({ line: i + 1, error: r.error }), invalid.push(r.error))
      if (removed.includes(r.post.id)) return // the store's rule: a delete wins over a post that comes later
      const at = o?.replace ? posts.findIndex((x) => x.id === r.post.id) : -1
      if (o?.replace) edits.push(r.post)
      if (at >= 0) posts[at] = r.post
      else posts.push(r.post)
    })
    return { accepted: batch.length - rejected.length, rejected }
  })
  ctx.remove = async (keys) => {
    for (const k of keys) {
      removed.push(k.id)
      const at = posts.findIndex((x) => x.id === k.id && x.source === k.source)
      if (at >= 0) posts.splice(at, 1)
    }
  }
  return { ctx, posts, invalid, removed, edits, cursors, calls: () => calls }
}

export async function waitFor(cond: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
}

/** Ids that occur more than once. */
export function duplicates(ids: string[]): string[] {
  const seen = new Set<string>()
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)))
}
