import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { BatchWriter, POST_COLUMNS, createDedupe, toRow } from '@pulso/ingest'
import { zeroEmotions } from '@pulso/types'
import { openStore, type Store } from '../src/store/client.ts'
import { migrate } from '../src/store/migrate.ts'
import { querySeries } from '../src/store/series.ts'
import { buildApp } from '../src/app.ts'
import { benchConfig, median } from './harness.ts'

export async function scratchStore(): Promise<Store> {
  const store = await openStore({ dataDir: mkdtempSync(path.join(tmpdir(), 'pulso-bench-store-')), clickhouseUrl: undefined, clickhouseUser: '', clickhousePassword: '', clickhouseDatabase: '', clickhouseMaxMemoryBytes: 4e9 })
  await migrate(store.client)
  return store
}

let made = 0
/** Pre-built posts rows (ids unique across calls), created in the last `rows` ms. */
function buildRows(rows: number) {
  const now = Date.now()
  return Array.from({ length: rows }, (_, k) => {
    const i = made++
    return toRow({
      post: { id: `c${i}`, source: 'bench', createdAt: '', text: `e0${i % 9 + 1} post number ${i} with some words in it`, author: { id: `a${i % 5000}`, followers: i % 1000 } },
      createdAtMs: now - (rows - k),
      receivedAtMs: now,
      entities: [`e0${(i % 9) + 1}`],
      analysis: { lang: 'es', sentiment: { score: 0.2, label: 'positive', confidence: 0.7 }, emotions: { ...zeroEmotions(), joy: 0.4 }, emotion: 'joy', intent: 'other', nature: null, irony: false },
    })
  })
}

/** Raw batched inserts of pre-built rows into posts (with its materialized views): the ceiling for the pipeline. */
export async function insertCeiling(store: Store, rows = 300_000, batch = 10_000): Promise<number> {
  const built = buildRows(rows)
  // The writer's own format: JSONCompactEachRow in POST_COLUMNS order.
  const values = built.map((r) => POST_COLUMNS.map((c) => r[c]))
  const t0 = performance.now()
  for (let i = 0; i < rows; i += batch) await store.client.insert({ table: 'posts', values: values.slice(i, i + batch), format: 'JSONCompactEachRow', columns: [...POST_COLUMNS] })
  return rows / ((performance.now() - t0) / 1000)
}

/**
 * The same rows through the server's BatchWriter (exactly-once look-up, insert dedup token, batches of up to
 * `maxRows`), offered as 500-post requests all at once: the ceiling the ingest path can reach on this store.
 */
export async function writerCeiling(store: Store, maxRows: number, rows = 200_000): Promise<number> {
  const built = buildRows(rows)
  const writer = new BatchWriter(store.client, { table: 'posts', columns: POST_COLUMNS, maxRows, flushMs: 200, maxAttempts: 3, retryBaseMs: 100, dedupe: createDedupe(store.client) })
  const t0 = performance.now()
  const acks: Promise<unknown>[] = []
  for (let i = 0; i < rows; i += 500) acks.push(writer.add(built.slice(i, i + 500)))
  await Promise.all(acks)
  await writer.close()
  return rows / ((performance.now() - t0) / 1000)
}

/**
 * The wall's history query, 24 h × 20 entities per minute, over a full day of per-second aggregates, the way a wall
 * asks for it: GET /api/series?format=columns through the real app. Also timed: the same range as points (the API's
 * default, for exports) and querySeries alone (SQL + parse into points).
 */
export async function historyQuery(): Promise<{ ms: number; pointsMs: number; sqlMs: number; points: number; bytes: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulso-bench-history-'))
  const app = await buildApp({ logger: false, config: { dataDir: dir, configFile: benchConfig(dir, 20), demo: false, rateLimitPerMinute: 1e9 } })
  try {
    await seedDay(app.store, Math.floor(Date.now() / 1000))
    const end = Math.floor(Date.now() / 1000)
    const entities = Array.from({ length: 20 }, (_, i) => `e${String(i + 1).padStart(2, '0')}`)
    const q = { fromMs: (end - 86400) * 1000, toMs: end * 1000, stepS: 60, entities }
    const url = `/api/series?entity=${entities.join(',')}&from=${q.fromMs}&to=${q.toMs}&step=60`
    const get = async (u: string) => {
      const t0 = performance.now()
      const res = await app.inject({ method: 'GET', url: u })
      if (res.statusCode !== 200) throw new Error(`history: ${res.statusCode} ${res.body.slice(0, 200)}`)
      return { ms: performance.now() - t0, res }
    }
    const wall: number[] = []
    const asPoints: number[] = []
    const sql: number[] = []
    let points = 0
    let bytes = 0
    for (let i = 0; i < 7; i++) {
      const c = await get(`${url}&format=columns`)
      wall.push(c.ms)
      bytes = c.res.body.length
      points = (JSON.parse(c.res.body).data[0] as string[]).length
      asPoints.push((await get(url)).ms)
      const t0 = performance.now()
      await querySeries(app.store.client, q)
      sql.push(performance.now() - t0)
    }
    // The first of each is a warm-up (page cache, JIT).
    return { ms: median(wall.slice(1)), pointsMs: median(asPoints.slice(1)), sqlMs: median(sql.slice(1)), points, bytes }
  } finally {
    await app.close()
  }
}

/** A synthetic day of per-second aggregates for 20 entities ending at `end` (s), rolled up per minute. */
async function seedDay(store: Store, end: number) {
  await store.client.command({
    query: `INSERT INTO entity_seconds (entity, t, posts, reposts, authors, sentiment_sum, positive, negative, anger, joy, question, complaint)
            SELECT concat('e', leftPad(toString(number % 20 + 1), 2, '0')), toDateTime(${end - 86400} + intDiv(number, 20)),
                   5 + number % 7, number % 2, initializeAggregation('uniqState', toString(number % 3000)), (number % 11) / 10 - 0.5,
                   number % 3, number % 2, (number % 5) / 10, (number % 7) / 10, number % 2, number % 3
            FROM numbers(${86400 * 20})`,
  })
  // The per-minute rollup is fed by posts' materialized view; this synthetic day went straight into the seconds,
  // so roll it up the way migration 0004 backfills.
  const rs = await store.client.query({ query: `SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = 'entity_minutes'`, format: 'JSONEachRow' })
  const cols = (await rs.json<{ name: string; type: string }>()).map((c) => (c.name === 'entity' ? 'entity' : c.name === 't' ? 'toStartOfMinute(t)' : c.type.startsWith('AggregateFunction') ? `uniqMergeState(${c.name})` : `sum(${c.name})`))
  await store.client.command({ query: `INSERT INTO entity_minutes SELECT ${cols.join(', ')} FROM entity_seconds GROUP BY entity, toStartOfMinute(t)` })
}
