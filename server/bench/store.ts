import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { POST_COLUMNS, toRow } from '@pulso/ingest'
import { zeroEmotions } from '@pulso/types'
import { openStore, type Store } from '../src/store/client.ts'
import { migrate } from '../src/store/migrate.ts'
import { querySeries } from '../src/live/queries.ts'
import { median } from './harness.ts'

export async function scratchStore(): Promise<Store> {
  const store = await openStore({ dataDir: mkdtempSync(path.join(tmpdir(), 'pulso-bench-store-')), clickhouseUrl: undefined, clickhouseUser: '', clickhousePassword: '', clickhouseDatabase: '', clickhouseMaxMemoryBytes: 4e9 })
  await migrate(store.client)
  return store
}

/** Raw batched inserts of pre-built rows into posts (with its materialized view): the ceiling for the pipeline. */
export async function insertCeiling(store: Store, rows = 300_000, batch = 10_000): Promise<number> {
  const now = Date.now()
  const built = Array.from({ length: rows }, (_, i) =>
    toRow({
      post: { id: `c${i}`, source: 'bench', createdAt: '', text: `e0${i % 9 + 1} post number ${i} with some words in it`, author: { id: `a${i % 5000}`, followers: i % 1000 } },
      createdAtMs: now - (rows - i),
      receivedAtMs: now,
      entities: [`e0${(i % 9) + 1}`],
      analysis: { lang: 'es', sentiment: { score: 0.2, label: 'positive', confidence: 0.7 }, emotions: { ...zeroEmotions(), joy: 0.4 }, emotion: 'joy', intent: 'other', nature: null, irony: false },
    }),
  )
  // The writer's own format: JSONCompactEachRow in POST_COLUMNS order.
  const values = built.map((r) => POST_COLUMNS.map((c) => r[c]))
  const t0 = performance.now()
  for (let i = 0; i < rows; i += batch) await store.client.insert({ table: 'posts', values: values.slice(i, i + batch), format: 'JSONCompactEachRow', columns: [...POST_COLUMNS] })
  return rows / ((performance.now() - t0) / 1000)
}

/** The wall's history query, 24 h × 20 entities per minute, over a full day of per-second aggregates. */
export async function historyQuery(store: Store): Promise<{ ms: number; points: number }> {
  const end = Math.floor(Date.now() / 1000)
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
  const entities = Array.from({ length: 20 }, (_, i) => `e${String(i + 1).padStart(2, '0')}`)
  const times: number[] = []
  let points = 0
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now()
    points = (await querySeries(store.client, { fromMs: (end - 86400) * 1000, toMs: end * 1000, stepS: 60, entities })).length
    times.push(performance.now() - t0)
  }
  return { ms: median(times.slice(1)), points }
}
