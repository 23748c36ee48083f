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
  let calls = 0
  const cursors = opts.cursors ?? memoryCursorStore()
  const ctx = testContext(cursors, async (batch) => {
    calls++
    if (failures > 0) {
      failures--
      return { accepted: 0, rejected: batch.map((_, i) => ({ line: i + 1, error: 'store: connection refused' })), retry: 'store-down' }
    }
    const rejected: { line: number; error: string }[] = []
    batch.forEach((p, i) => {
      const r = validate(p)
      if (r.ok) posts.push(r.post)
      else rejected.push({ line: i + 1, error: r.error }), invalid.push(r.error)
    })
    return { accepted: batch.length - rejected.length, rejected }
  })
  return { ctx, posts, invalid, cursors, calls: () => calls }
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
