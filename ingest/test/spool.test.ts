import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createDedupe } from '../src/dedupe.ts'
import { POST_COLUMNS } from '../src/row.ts'
import { Spool } from '../src/spool.ts'
import { BatchWriter } from '../src/writer.ts'
import { post, row, testStore } from './store.ts'

const segment = (dir: string, n: number, lines: string[]) => {
  const name = `${String(n).padStart(15, '0')}-000000000.ndjson`
  writeFileSync(path.join(dir, name), lines.join('\n') + '\n')
  return name
}
const rows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => JSON.stringify(row(post({ id: `${prefix}-${i}` }))))

describe('replaying a spool with a damaged segment', () => {
  let store: Awaited<ReturnType<typeof testStore>>
  const dir = mkdtempSync(path.join(tmpdir(), 'pulso-spool-'))
  beforeAll(async () => {
    store = await testStore()
  })
  afterAll(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('sets aside what it cannot replay, says so, counts it, and replays the rest', async () => {
    const garbage = segment(dir, 1, ['{"id": "x", "source": ', '\u0000\u0000\u0000'])
    const refusedRow = JSON.stringify(row(post({ id: 'poisoned', text: 'lone \ud800 surrogate' })))
    const mixed = segment(dir, 2, [...rows('mixed', 3), refusedRow])
    segment(dir, 3, rows('after', 5))
    writeFileSync(path.join(dir, '000000000000004-000000000.ndjson.tmp'), '{"half": ') // a crash mid-append

    const spool = new Spool(dir, 10_000_000)
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false) // never acknowledged: removed at start
    const warnings: { o: { segment?: string; quarantined?: string; reason?: string }; m?: string }[] = []
    const writer = new BatchWriter(store.client, {
      table: 'posts', columns: POST_COLUMNS, maxRows: 1000, flushMs: 50, maxAttempts: 3, retryBaseMs: 100, drainMs: 50,
      dedupe: createDedupe(store.client), spool, log: { warn: (o, m) => warnings.push({ o, m }) },
    })
    await expect.poll(() => spool.segments().length, { timeout: 10_000 }).toBe(0)
    await writer.close()

    expect(await store.count("id LIKE 'after-%'")).toBe(5)
    expect(await store.count("id LIKE 'mixed-%'")).toBe(3)
    expect(await store.count("id = 'poisoned'")).toBe(0)
    expect(writer.spoolQuarantined).toBe(2)
    expect(writer.spooledBytes).toBe(0)
    expect(readFileSync(path.join(dir, `${garbage}.corrupt`), 'utf8')).toContain('"source": ') // kept as it was
    const kept = readFileSync(path.join(dir, `${mixed}.corrupt`), 'utf8').trim().split('\n')
    expect(kept.map((l) => JSON.parse(l).id)).toEqual(['poisoned']) // only the refused row
    expect(warnings.map((w) => w.o.segment)).toEqual([garbage, mixed])
    expect(warnings[0].o.reason).toMatch(/^unreadable/)
    expect(warnings[1].o.reason).toMatch(/^1 of 4 rows refused by the store/)
    expect(existsSync(path.join(dir, mixed))).toBe(false)

    // After a restart, the count still shows what waits for an operator.
    expect(new Spool(dir, 10_000_000).quarantined).toBe(2)
  })
})
