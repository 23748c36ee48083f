import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import type { CursorStore } from './types.ts'

/**
 * Cursors of all sources in one small JSON file ({"bluesky": "1732390000000000", ...}). Each write goes to a
 * temporary file, fsync'd, then renamed over the old one, and the folder fsync'd: a crash or a power cut leaves
 * the previous cursors or the new ones, never an empty file (a rename can reach the disk before the data does).
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
        await withHandle(tmp, 'w', async (h) => {
          await h.writeFile(JSON.stringify(all, null, 2) + '\n')
          await h.sync()
        })
        await rename(tmp, file)
        await withHandle(path.dirname(file), 'r', (h) => h.sync())
      })
      chain = next.catch(() => undefined) // one failed write must not block the next ones
      return next
    },
  }
}

async function withHandle(file: string, flags: string, fn: (h: FileHandle) => Promise<void>) {
  const h = await open(file, flags)
  try {
    await fn(h)
  } finally {
    await h.close()
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
