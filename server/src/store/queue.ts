/**
 * The queue, read from ClickHouse: every question/complaint/claim in the lookback window, its reposts (velocity),
 * its newest action (status), scored and ranked by the store so pagination and filters stay exact as scores move.
 */
import type { ClickHouseClient } from '@clickhouse/client'
import { QUEUE_INTENTS, type Emotion, type Nature, type QueueAction, type QueueActionRecord, type QueueIntent, type QueueItem, type QueuePage, type QueueStatus, type QueueSummary } from '@pulso/types'
import { prioritySql, reasons, strongestNegative, type Features } from '../queue/priority.ts'
import { deadlineMinutes, type QueueSettings } from '../queue/settings.ts'

export interface QueueFilter {
  entities?: string[]
  intents?: QueueIntent[]
  natures?: Nature[]
  /** Default: open and assigned (what still needs an answer). */
  statuses?: QueueStatus[]
  minPriority?: number
  /** Leaves out readings less sure than this (0–1); default the settings' `minConfidence`. */
  minConfidence?: number
}

type Row = Record<string, string | number | boolean | string[]>

/** The confidence floor a read applies: the request's, else the room's `queue.minConfidence`. */
export const confidenceFloor = (s: QueueSettings, f: QueueFilter): number => f.minConfidence ?? s.minConfidence

const ACTIVE: QueueStatus[] = ['open', 'assigned']

/**
 * The scored items as a subquery, and its parameters. `priority` is the rounded score people see. `extra`: more
 * columns of `posts AS p` for the items (the cases add the text and the case's entity).
 */
export function scored(s: QueueSettings, now: number, f: QueueFilter, extra = '') {
  const velocityMs = s.velocityMinutes * 60_000
  const where = [
    'p.created_at >= fromUnixTimestamp64Milli({from:Int64})',
    "p.repost_of = ''",
    'p.intent IN {intents:Array(String)}',
    'notEmpty(p.entities)',
    'p.sentiment_confidence >= {minConfidence:Float32}',
    f.entities?.length ? 'hasAny(p.entities, {entities:Array(String)})' : '',
    f.natures?.length ? 'p.nature IN {natures:Array(String)}' : '',
    s.careEntities ? careSql('p.entities') : '',
  ].filter(Boolean)
  const deadline = `multiIf(${s.deadlines.map((t) => `priority >= ${t.min}, ${Math.round(t.minutes * 60_000)}`).join(', ')}, ${Math.round(s.deadlines[s.deadlines.length - 1].minutes * 60_000)})`
  const query = `
    WITH
      reposts AS (
        SELECT repost_of AS rid, count() AS total,
          countIf(created_at >= fromUnixTimestamp64Milli({recentFrom:Int64})) AS recent,
          countIf(created_at >= fromUnixTimestamp64Milli({previousFrom:Int64}) AND created_at < fromUnixTimestamp64Milli({recentFrom:Int64})) AS previous
        FROM posts WHERE repost_of != '' AND created_at >= fromUnixTimestamp64Milli({from:Int64})
        GROUP BY repost_of
      ),
      acts AS (
        SELECT post_id, argMax(action, at) AS last_action, toUnixTimestamp64Milli(max(at)) AS last_at, argMax(by, at) AS last_by,
          argMaxIf(assignee, at, action = 'assign') AS assignee
        FROM queue_actions GROUP BY post_id
      ),
      items AS (
        SELECT p.id AS id, p.entities AS entities, toUnixTimestamp64Milli(p.created_at) AS created_ms,
          p.author_id AS author_id, p.author_followers AS followers, p.author_verified AS verified, p.intent AS intent, p.nature AS nature,
          p.sentiment_confidence AS confidence,
          p.anger AS anger, p.disgust AS disgust, p.fear AS fear, p.sadness AS sadness,
          r.recent AS recent, r.previous AS previous, r.total AS repost_total,
          toUInt64(p.likes) + p.replies + greatest(toUInt64(p.reposts), r.total) AS engagement,
          transform(p.author_id, {custIds:Array(String)}, {custVals:Array(Float64)}, 0.) AS tier_value,
          a.last_action AS last_action, a.last_at AS last_at, a.last_by AS last_by, a.assignee AS assignee,
          multiIf(last_action = 'assign', 'assigned', last_action = 'answered', 'answered', last_action = 'dismiss', 'dismissed', 'open') AS status${extra ? `,
          ${extra}` : ''}
        FROM posts AS p
        LEFT JOIN reposts AS r ON r.rid = p.id
        LEFT JOIN acts AS a ON a.post_id = p.id
        WHERE ${where.join(' AND ')}
      )
    SELECT *, created_ms + ${deadline} AS deadline_ms
    FROM (SELECT *, ${prioritySql(s.weights)} AS score, floor(score + 0.5) AS priority FROM items)
    WHERE status IN {statuses:Array(String)} AND priority >= {minPriority:Float64}`
  const customers = Object.entries(s.customers)
  const params = {
    from: now - s.lookbackHours * 3_600_000,
    recentFrom: now - velocityMs,
    previousFrom: now - 2 * velocityMs,
    intents: f.intents?.length ? f.intents : [...QUEUE_INTENTS],
    entities: f.entities ?? [],
    natures: f.natures ?? [],
    statuses: f.statuses?.length ? f.statuses : ACTIVE,
    minPriority: f.minPriority ?? 0,
    // Float32 like the column: a threshold equal to a stored confidence keeps that post.
    minConfidence: confidenceFloor(s, f),
    custIds: customers.map(([id]) => id),
    custVals: customers.map(([, tier]) => s.tiers[tier] ?? 0),
    care: s.careEntities ?? [],
  }
  return { query, params }
}

/**
 * Posts naming at least one entity customer care answers for (`care` not false): the front door already reads
 * complaints about the others as opinions, and this also leaves out their questions (docs/queue.md). Param `care`.
 */
export const careSql = (column: string) => `hasAny(${column}, {care:Array(String)})`

async function rows(client: ClickHouseClient, query: string, query_params: Record<string, unknown>): Promise<Row[]> {
  const rs = await client.query({ query, query_params, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } })
  return rs.json<Row>()
}

function toItem(r: Row, s: QueueSettings): QueueItem {
  const n = (k: string) => Number(r[k] ?? 0)
  const tier = Object.hasOwn(s.customers, String(r.author_id)) ? s.customers[String(r.author_id)] : null
  const f: Features = {
    intent: r.intent as QueueIntent,
    nature: (r.nature || null) as Nature | null,
    followers: n('followers'),
    verified: r.verified === true || r.verified === 1 || r.verified === 'true',
    engagement: n('engagement'),
    recent: n('recent'),
    previous: n('previous'),
    anger: n('anger'),
    disgust: n('disgust'),
    fear: n('fear'),
    sadness: n('sadness'),
    tier,
    tierValue: n('tier_value'),
  }
  const priority = n('priority')
  const createdAt = n('created_ms')
  return {
    id: String(r.id),
    source: String(r.source ?? ''),
    entities: r.entities as string[],
    createdAt,
    author: { id: String(r.author_id), handle: String(r.author_handle ?? ''), followers: f.followers, verified: f.verified },
    text: String(r.text ?? ''),
    url: String(r.url ?? ''),
    lang: String(r.lang ?? ''),
    intent: f.intent,
    nature: f.nature,
    emotion: strongestNegative(f) as Emotion | null,
    priority,
    confidence: Math.round(n('confidence') * 1000) / 1000,
    reasons: reasons(f, s.velocityMinutes),
    reposts: { recent: f.recent, total: n('repost_total') },
    deadline: createdAt + deadlineMinutes(priority, s.deadlines) * 60_000,
    status: r.status as QueueStatus,
    assignee: r.assignee ? String(r.assignee) : null,
    lastAction: r.last_action ? { action: r.last_action as QueueAction, by: String(r.last_by), at: n('last_at') } : null,
  }
}

/**
 * One page of the queue, highest priority first (oldest first among equals: it has waited longer). Ranking reads
 * only the narrow columns; the wide ones (text, url, ...) are fetched for the page's ids alone.
 */
export async function listQueue(
  client: ClickHouseClient,
  s: QueueSettings,
  f: QueueFilter,
  page: { offset: number; limit: number },
  now = Date.now(),
): Promise<Omit<QueuePage, 'entities'>> {
  const { query, params } = scored(s, now, f)
  // The total comes with the page: ClickHouse counts the rows before LIMIT (exactly, with this setting), which is
  // cheaper than a window count() OVER () or a second query.
  const rs = await client.query({
    query: `SELECT * FROM (${query}) ORDER BY score DESC, created_ms ASC, id LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    query_params: { ...params, ...page },
    format: 'JSON',
    clickhouse_settings: { exact_rows_before_limit: 1, output_format_json_quote_64bit_integers: 0 },
  })
  const body = await rs.json<Row>()
  const r = body.data
  const total = body.rows_before_limit_at_least ?? r.length
  const wide = new Map<string, Row>()
  if (r.length) {
    const d = await rows(
      client,
      `SELECT id, source, author_handle, text, url, lang FROM posts
       WHERE id IN {ids:Array(String)} AND repost_of = '' AND created_at >= fromUnixTimestamp64Milli({from:Int64}) LIMIT 1 BY id`,
      { ids: r.map((x) => String(x.id)), from: params.from },
    )
    for (const x of d) wide.set(String(x.id), x)
  }
  return { at: now, total, offset: page.offset, limit: page.limit, minConfidence: params.minConfidence, items: r.map((x) => toItem({ ...wide.get(String(x.id)), ...x }, s)) }
}

/**
 * The wall tile's figures: open, high-risk and missed-deadline counts, and the top few open items, read in one query:
 * counted apart from the top items, a post stored between the two reads was listed on top while the count said 0
 * open, and the tile said both until the next summary.
 */
export async function summarize(client: ClickHouseClient, s: QueueSettings, now = Date.now(), topN = 3): Promise<QueueSummary> {
  const { query, params } = scored(s, now, {})
  const highRiskMin = s.deadlines[0].min
  const top = await rows(
    client,
    `SELECT *, count() OVER () AS open_n, countIf(priority >= {high:Float64}) OVER () AS high_n, countIf(deadline_ms < {now:Int64}) OVER () AS missed_n
     FROM (${query}) ORDER BY score DESC, created_ms ASC, id LIMIT {limit:UInt32}`,
    { ...params, high: highRiskMin, now, limit: topN },
  )
  const c = top[0]
  return {
    at: now,
    open: Number(c?.open_n ?? 0),
    highRisk: Number(c?.high_n ?? 0),
    highRiskMin,
    missed: Number(c?.missed_n ?? 0),
    top: top.map((r) => toItem(r, s)).map(({ id, entities, priority, intent, nature, deadline, status }) => ({ id, entities, priority, intent, nature, deadline, status })),
  }
}
