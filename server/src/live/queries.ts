import type { ClickHouseClient } from '@clickhouse/client'
import { EMOTIONS, INTENTS, type EntityWindow, type SeriesPoint } from '@pulso/types'

// One select list for every read of entity_seconds: sums add up over any range of seconds.
const FIGURES = `
  toFloat64(sum(posts)) AS posts, toFloat64(uniqMerge(authors)) AS authors,
  sum(sentiment_sum) AS sentimentSum, toFloat64(sum(positive)) AS positive, toFloat64(sum(negative)) AS negative,
  ${EMOTIONS.map((e) => `sum(${e}) AS ${e}`).join(', ')},
  ${INTENTS.map((i) => `toFloat64(sum(${i})) AS ${i}`).join(', ')}`

type Row = Record<string, number | string>

function toPoint(r: Row): SeriesPoint {
  return {
    t: Number(r.ts) * 1000,
    entity: String(r.entity),
    posts: Number(r.posts),
    authors: Number(r.authors),
    sentimentSum: Number(r.sentimentSum),
    positive: Number(r.positive),
    negative: Number(r.negative),
    emotions: Object.fromEntries(EMOTIONS.map((e) => [e, Number(r[e])])) as SeriesPoint['emotions'],
    intents: Object.fromEntries(INTENTS.map((i) => [i, Number(r[i])])) as SeriesPoint['intents'],
  }
}

async function rows(client: ClickHouseClient, query: string, query_params: Record<string, unknown>): Promise<Row[]> {
  const rs = await client.query({ query, query_params, format: 'JSONEachRow' })
  return rs.json<Row>()
}

/**
 * Per-entity points between fromMs (inclusive) and toMs (exclusive), in buckets of stepS seconds. Whole-minute steps
 * read the per-minute rollup (60× fewer rows: a day of 20 entities is 29k rows, not 1.7M); the range is then taken
 * in whole minutes, like the buckets themselves.
 */
export async function querySeries(
  client: ClickHouseClient,
  q: { fromMs: number; toMs: number; stepS: number; entities?: string[] },
): Promise<SeriesPoint[]> {
  const where = q.entities?.length ? 'AND entity IN {entities:Array(String)}' : ''
  const r = await rows(
    client,
    // Aliases must not shadow the column t: ClickHouse resolves aliases in WHERE too.
    `SELECT entity, toUnixTimestamp(toStartOfInterval(t, toIntervalSecond({step:UInt32}))) AS ts, ${FIGURES}
     FROM ${q.stepS % 60 === 0 ? 'entity_minutes' : 'entity_seconds'}
     WHERE t >= toDateTime({from:UInt32}) AND t < toDateTime({to:UInt32}) ${where}
     GROUP BY entity, ts ORDER BY ts, entity`,
    { step: q.stepS, from: Math.floor(q.fromMs / 1000), to: Math.ceil(q.toMs / 1000), entities: q.entities ?? [] },
  )
  return r.map(toPoint)
}

/** Each entity's figures over [fromMs, toMs): the rolling window of a tick. */
export async function queryWindow(client: ClickHouseClient, fromMs: number, toMs: number): Promise<SeriesPoint[]> {
  const r = await rows(
    client,
    `SELECT entity, {from:UInt32} AS ts, ${FIGURES} FROM entity_seconds
     WHERE t >= toDateTime({from:UInt32}) AND t < toDateTime({to:UInt32}) GROUP BY entity`,
    { from: Math.floor(fromMs / 1000), to: Math.ceil(toMs / 1000) },
  )
  return r.map(toPoint)
}

/** Window sums → what the wall shows: rates, means and shares. */
export function toWindow(entity: string, p: SeriesPoint | undefined, windowSeconds: number): EntityWindow {
  const posts = p?.posts ?? 0
  const emoTotal = p ? EMOTIONS.reduce((s, e) => s + p.emotions[e], 0) : 0
  const emotions = Object.fromEntries(EMOTIONS.map((e) => [e, emoTotal > 0 ? p!.emotions[e] / emoTotal : 0])) as EntityWindow['emotions']
  let dominantEmotion: EntityWindow['dominantEmotion'] = null
  for (const e of EMOTIONS) if (emotions[e] > 0 && (!dominantEmotion || emotions[e] > emotions[dominantEmotion])) dominantEmotion = e
  return {
    entity,
    posts,
    volume: posts / windowSeconds,
    authors: p?.authors ?? 0,
    sentiment: posts > 0 ? p!.sentimentSum / posts : 0,
    positive: p?.positive ?? 0,
    negative: p?.negative ?? 0,
    emotions,
    dominantEmotion,
    intents: p?.intents ?? (Object.fromEntries(INTENTS.map((i) => [i, 0])) as EntityWindow['intents']),
  }
}

export async function newestPostMs(client: ClickHouseClient): Promise<number | null> {
  const [r] = await rows(client, `SELECT toUnixTimestamp64Milli(max(created_at)) AS t, count() AS n FROM posts`, {})
  return Number(r?.n) > 0 ? Number(r.t) : null
}
