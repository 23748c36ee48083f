import { afterAll, describe, expect, it, vi } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileCursorStore } from '../../src/sources/cursor.ts'

// Records what reaches the disk, in order: which files are fsync'd, and when the rename happens.
const events = vi.hoisted(() => [] as string[])
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...fs,
    async open(file: string, flags?: string) {
      const h = await fs.open(file, flags)
      const sync = h.sync.bind(h)
      h.sync = async () => {
        events.push(`fsync ${path.basename(file)}`)
        return sync()
      }
      return h
    },
    async rename(from: string, to: string) {
      events.push(`rename ${path.basename(from)} → ${path.basename(to)}`)
      return fs.rename(from, to)
    },
  }
})

const dir = mkdtempSync(path.join(tmpdir(), 'pulso-cursor-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('cursors.json', () => {
  it('is fsync’d before the rename, and its folder after it: a power cut keeps the old or the new cursors', async () => {
    const file = path.join(dir, 'cursors.json')
    const store = fileCursorStore(file)
    await store.set('bluesky', '1732390000000000')
    const tmp = `cursors.json.${process.pid}.tmp`
    expect(events).toEqual([`fsync ${tmp}`, `rename ${tmp} → cursors.json`, `fsync ${path.basename(dir)}`])
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bluesky: '1732390000000000' })
    expect(readdirSync(dir)).toEqual(['cursors.json'])
    expect(await fileCursorStore(file).get('bluesky')).toBe('1732390000000000')
  })
})
