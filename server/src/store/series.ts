import type { ClickHouseClient } from '@clickhouse/client'
import { EMOTIONS, INTENTS, SERIES_COLUMNS, seriesFromColumns, type EntityWindow, type SeriesColumns, type SeriesPoint } from '@pulso/types'

// One select list for every read of entity_seconds: sums add up over any range of seconds. Results come back column
// by column, in the order of SERIES_COLUMNS (after entity and ts), which seriesFromColumns reads. Float sums are
// rounded to 3 decimals: the analyser rounds every score to 3, so this only drops float noise (0.30000000000000004),
// which is shorter to send and print.
const FIGURES = `
  toFloat64(sum(posts)) AS posts, toFloat64(uniqMerge(authors)) AS authors,
  round(sum(sentiment_sum), 3) AS sentimentSum, toFloat64(sum(positive)) AS positive, toFloat64(sum(negative)) AS negative,
  ${EMOTIONS.map((e) => `round(sum(${e}), 3) AS ${e}`).join(', ')},
  ${INTENTS.map((i) => `toFloat64(sum(${i})) AS ${i}`).join(', ')}`

/**
 * JSONCompactColumns: one array per column. ~3.5× fewer bytes than JSONEachRow, parsed by one JSON.parse instead of
 * one per row (a day of history went from ~280 ms to a fraction of that). ts is UInt32: plain JSON numbers.
 * Not in the client's list of JSON formats (it would not parse it), but ClickHouse has it: the text is returned.
 */
async function columnsText(client: ClickHouseClient, query: string, query_params: Record<string, unknown>): Promise<string> {
  const rs = await client.query({ query, query_params, format: 'JSONCompactColumns' as 'JSONCompact' })
  const text = (await rs.text()).trim()
  // No rows: ClickHouse sends an empty array per column (some versions send an empty document).
  return text && text !== '[]' ? text : JSON.stringify(SERIES_COLUMNS.map(() => []))
}

async function columns(client: ClickHouseClient, query: string, query_params: Record<string, unknown>): Promise<SeriesColumns> {
  return JSON.parse(await columnsText(client, query, query_params))
}

async function rows(client: ClickHouseClient, query: string, query_params: Record<string, unknown>): Promise<Record<string, number | string>[]> {
  const rs = await client.query({ query, query_params, format: 'JSONEachRow' })
  return rs.json()
}

export interface SeriesQuery {
  fromMs: number
  toMs: number
  stepS: number
  entities?: string[]
}

/**
 * Per-entity points between fromMs (inclusive) and toMs (exclusive), in buckets of stepS seconds. Whole-minute steps
 * read the per-minute rollup (60× fewer rows: a day of 20 entities is 29k rows, not 1.7M); the range is then taken
 * in whole minutes, like the buckets themselves.
 */
function seriesSql(q: SeriesQuery): [string, Record<string, unknown>] {
  const where = q.entities?.length ? 'AND entity IN {entities:Array(String)}' : ''
  return [
    // Aliases must not shadow the column t: ClickHouse resolves aliases in WHERE too.
    `SELECT entity, toUnixTimestamp(toStartOfInterval(t, toIntervalSecond({step:UInt32}))) AS ts, ${FIGURES}
     FROM ${q.stepS % 60 === 0 ? 'entity_minutes' : 'entity_seconds'}
     WHERE t >= toDateTime({from:UInt32}) AND t < toDateTime({to:UInt32}) ${where}
     GROUP BY entity, ts ORDER BY ts, entity`,
    { step: q.stepS, from: Math.floor(q.fromMs / 1000), to: Math.ceil(q.toMs / 1000), entities: q.entities ?? [] },
  ]
}

export async function querySeries(client: ClickHouseClient, q: SeriesQuery): Promise<SeriesPoint[]> {
  return seriesFromColumns(await columns(client, ...seriesSql(q)))
}

/** The same series as ClickHouse's own JSON text, SERIES_COLUMNS in order: passed to the wall untouched. */
export function querySeriesColumns(client: ClickHouseClient, q: SeriesQuery): Promise<string> {
  return columnsText(client, ...seriesSql(q))
}

/** Each entity's figures over [fromMs, toMs): the rolling window of a tick. */
export async function queryWindow(client: ClickHouseClient, fromMs: number, toMs: number): Promise<SeriesPoint[]> {
  const c = await columns(
    client,
    `SELECT entity, {from:UInt32} AS ts, ${FIGURES} FROM entity_seconds
     WHERE t >= toDateTime({from:UInt32}) AND t < toDateTime({to:UInt32}) GROUP BY entity`,
    { from: Math.floor(fromMs / 1000), to: Math.ceil(toMs / 1000) },
  )
  return seriesFromColumns(c)
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
    // Net sentiment, as the debate chart and the moments' reactions count it: the card beside them once showed the
    // mean score (Ruiz −0.14 beside the chart's −0.31 on the demo), one word for two quantities. No posts, no reading:
    // null, not a neutral 0 the card would show as "0.00 neutral".
    sentiment: posts > 0 ? (p!.positive - p!.negative) / posts : null,
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

/** How far back `dataSinceMs` looks: a store that held data an hour ago is taken to have held it since. */
const DATA_SINCE_LOOKBACK_MS = 3600_000

/**
 * Start of the earliest stored second in [toMs − an hour, toMs), ms, or null: where the stored data begins, so the wall
 * can tell a span the store did not hold (it just started) from a quiet one. Bounded to the hour: the per-second
 * table's (entity, t) key reads only that hour's granules.
 */
export async function dataSinceMs(client: ClickHouseClient, toMs: number): Promise<number | null> {
  const [r] = await rows(
    client,
    // The alias is not `t`: ClickHouse resolves aliases in WHERE too.
    `SELECT toUnixTimestamp(min(t)) AS since, count() AS n FROM entity_seconds WHERE t >= toDateTime({from:UInt32}) AND t < toDateTime({to:UInt32})`,
    { from: Math.floor((toMs - DATA_SINCE_LOOKBACK_MS) / 1000), to: Math.ceil(toMs / 1000) },
  )
  return Number(r?.n) > 0 ? Number(r.since) * 1000 : null
}
