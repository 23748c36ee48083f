import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrationVersions } from './helpers.ts'
import { BatchWriter } from '@pulso/ingest'
import { repoPath } from '@pulso/ingest/paths'
import { openStore, type Store } from '../src/store/client.ts'
import { applyRetention, migrate, splitStatements } from '../src/store/migrate.ts'
import { schemaSnapshot } from '../src/store/snapshot.ts'

describe('store, migrations and the batched writer (embedded ClickHouse)', () => {
  let store: Store
  let dataDir: string
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'pulso-store-'))
    store = await openStore({ dataDir, clickhouseUrl: undefined, clickhouseUser: '', clickhousePassword: '', clickhouseDatabase: '', clickhouseMaxMemoryBytes: 2e9 })
  })
  afterAll(async () => {
    await store.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('applies every migration once, idempotently, and matches sql/schema.sql', async () => {
    const first = await migrate(store.client)
    expect(first).toEqual(migrationVersions())
    expect(await migrate(store.client)).toEqual(first)
    const rs = await store.client.query({ query: 'SELECT count() AS n FROM schema_migrations', format: 'JSONEachRow' })
    expect(Number((await rs.json<{ n: string }>())[0].n)).toBe(migrationVersions().length)
    const snapshot = readFileSync(repoPath('sql/schema.sql'), 'utf8')
    expect(await schemaSnapshot(store.client), 'sql/schema.sql is stale: run `npm run schema`').toBe(snapshot)
  })

  it('sets the retention TTL from configuration', async () => {
    await applyRetention(store.client, 7)
    const rs = await store.client.query({ query: `SELECT engine_full FROM system.tables WHERE name = 'posts'`, format: 'JSONEachRow' })
    expect((await rs.json<{ engine_full: string }>())[0].engine_full).toContain('toIntervalDay(7)')
  })

  it('splits statements on line-ending semicolons only, skipping comment lines', () => {
    expect(splitStatements("-- a; comment;\nCREATE TABLE a (x String DEFAULT ';');\n\nSELECT 1;")).toEqual(["CREATE TABLE a (x String DEFAULT ';')", 'SELECT 1'])
  })

  it('isolates a row the store refuses by splitting the batch, and stores all the others', async () => {
    await store.client.command({ query: `CREATE TABLE strict (id UInt32, name String, CONSTRAINT short CHECK length(name) < 10) ENGINE = MergeTree ORDER BY id` })
    const writer = new BatchWriter(store.client, { table: 'strict', maxRows: 1000, flushMs: 20, maxAttempts: 2, retryBaseMs: 1 })
    const rows = Array.from({ length: 100 }, (_, i) => ({ id: i, name: i === 37 || i === 80 ? 'far too long a name' : `n${i}` }))
    const [a, b] = await Promise.all([writer.add(rows.slice(0, 50)), writer.add(rows.slice(50))])
    expect(a.failed.map((f) => f.index)).toEqual([37])
    expect(b.failed.map((f) => f.index)).toEqual([30])
    expect(a.failed[0]).toMatchObject({ retryable: false, error: expect.stringMatching(/short/) })
    const rs = await store.client.query({ query: 'SELECT count() AS n FROM strict', format: 'JSONEachRow' })
    expect(Number((await rs.json<{ n: string }>())[0].n)).toBe(98)
    await writer.close()
  })

  it('flushes on size, on the interval, and on close', async () => {
    await store.client.command({ query: `CREATE TABLE plain (id UInt32) ENGINE = MergeTree ORDER BY id` })
    const writer = new BatchWriter(store.client, { table: 'plain', maxRows: 10, flushMs: 10_000, maxAttempts: 1, retryBaseMs: 1 })
    const flushes: number[] = []
    writer.onFlush = (f) => flushes.push(f.rows)
    // Size: reaching maxRows sends full batches at once; the rest waits for a fuller batch, at most flushMs (under
    // load: fewer, bigger inserts), or for an explicit flush.
    const first = writer.add(Array.from({ length: 25 }, (_, i) => ({ id: i })))
    await expect.poll(() => flushes).toEqual([10, 10])
    await new Promise((r) => setTimeout(r, 50))
    expect(flushes).toEqual([10, 10])
    await writer.flush()
    await first
    expect(flushes).toEqual([10, 10, 5])
    // Close: a row waiting on a long interval is flushed by close().
    let stored = false
    const late = writer.add([{ id: 100 }]).then(() => (stored = true))
    await new Promise((r) => setTimeout(r, 50))
    expect(stored).toBe(false)
    await writer.close()
    await late
    expect(flushes).toEqual([10, 10, 5, 1])
    await expect(writer.add([{ id: 101 }])).rejects.toThrow(/closed/)
    // Interval: a lone row goes out after flushMs.
    const quick = new BatchWriter(store.client, { table: 'plain', maxRows: 10, flushMs: 30, maxAttempts: 1, retryBaseMs: 1 })
    const t0 = Date.now()
    await quick.add([{ id: 200 }])
    expect(Date.now() - t0).toBeLessThan(2000)
    await quick.close()
  })
})
