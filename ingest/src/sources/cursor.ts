import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { CursorStore } from './types.ts'

/**
 * Cursors of all sources in one small JSON file ({"bluesky": "1732390000000000", ...}). Each write goes to a
 * temporary file that is then renamed over the old one: a crash mid-write leaves the previous cursors intact.
 * Writes are serialised so two sources committing at once cannot lose each other's cursor.
 */
export function fileCursorStore(file: string): CursorStore {
  let cache: Record<string, string> | undefined
  let chain: Promise<unknown> = Promise.resolve()
  const load = async () => {
    if (cache) return cache
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8'))
      cache = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {}
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file}: unreadable cursor file: ${(e as Error).message}`)
      cache = {}
    }
    return cache!
  }
  return {
    async get(source) {
      const v = (await load())[source]
      return typeof v === 'string' ? v : undefined
    },
    set(source, cursor) {
      const next = chain.then(async () => {
        const all = await load()
        all[source] = cursor
        await mkdir(path.dirname(file), { recursive: true })
        const tmp = `${file}.${process.pid}.tmp`
        await writeFile(tmp, JSON.stringify(all, null, 2) + '\n')
        await rename(tmp, file)
      })
      chain = next.catch(() => undefined) // one failed write must not block the next ones
      return next
    },
  }
}

/** Cursors kept in memory only (tests, or a deployment that wants every start to go live). */
export function memoryCursorStore(initial: Record<string, string> = {}): CursorStore & { all: Record<string, string> } {
  const all = { ...initial }
  return {
    all,
    async get(source) {
      return all[source]
    },
    async set(source, cursor) {
      all[source] = cursor
    },
  }
}
