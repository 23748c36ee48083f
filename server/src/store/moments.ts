import { randomUUID } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import type { Moment, MomentReaction } from '@pulso/types'

type Row = Record<string, string | number>

const json = async (client: ClickHouseClient, query: string, query_params: Record<string, unknown> = {}) =>
  (await client.query({ query, query_params, format: 'JSONEachRow' })).json<Row>()

const toMoment = (r: Row): Moment => ({
  id: String(r.id),
  label: String(r.label),
  at: Number(r.at),
  board: r.board ? String(r.board) : null,
  by: String(r.by),
})

/** Newest first; deleted moments are left out. */
export async function listMoments(client: ClickHouseClient, limit = 200): Promise<Moment[]> {
  const rows = await json(
    client,
    `SELECT id, label, toUnixTimestamp64Milli(at) AS at, board, by FROM moments FINAL WHERE deleted = 0 ORDER BY at DESC LIMIT {limit:UInt32}`,
    { limit },
  )
  return rows.map(toMoment)
}

export async function getMoment(client: ClickHouseClient, id: string): Promise<Moment | null> {
  const [r] = await json(client, `SELECT id, label, toUnixTimestamp64Milli(at) AS at, board, by FROM moments FINAL WHERE id = {id:String} AND deleted = 0`, { id })
  return r ? toMoment(r) : null
}

async function write(client: ClickHouseClient, m: Moment, deleted: boolean): Promise<void> {
  await client.insert({
    table: 'moments',
    values: [{ id: m.id, label: m.label, at: m.at, board: m.board ?? '', by: m.by, deleted: deleted ? 1 : 0, updated_at: Date.now() }],
    format: 'JSONEachRow',
  })
}

export async function addMoment(client: ClickHouseClient, m: Omit<Moment, 'id'>): Promise<Moment> {
  const moment = { ...m, id: randomUUID() }
  await write(client, moment, false)
  return moment
}

export async function deleteMoment(client: ClickHouseClient, id: string): Promise<Moment | null> {
  const m = await getMoment(client, id)
  if (m) await write(client, m, true)
  return m
}

/** Below this many seconds after a moment the reaction says "collecting": a few seconds of posts decide nothing. */
export const MIN_REACTION_S = 30
/** z for a 95% interval. */
const Z = 1.96

/**
 * Each entity's reaction to a moment, in ClickHouse from posts: posts and net sentiment ((positive − negative) / posts;
 * null for a window without posts) in [at, at + s) against [at − s, at), s = the after-window so far (up to N min), so
 * both sides always cover the same length (a moment marked 5 s ago must not set 5 s after against 3 min before). `asOf` is now, or the replayed second.
 * A post naming two entities counts for both, each with its own reading when it has one (entity_labels, migration 0010).
 */
export async function momentReaction(client: ClickHouseClient, m: Moment, entities: string[], minutes: number, asOf = Date.now()): Promise<MomentReaction> {
  const seconds = reactionSeconds(m.at, minutes, asOf)
  const span = seconds * 1000
  const rows = span === 0 ? [] : await json(
    client,
    `SELECT e AS entity,
            countIf(created_at < at) AS bPosts, countIf(created_at < at AND label = 'positive') AS bPos,
            countIf(created_at < at AND label = 'negative') AS bNeg,
            countIf(created_at >= at) AS aPosts, countIf(created_at >= at AND label = 'positive') AS aPos,
            countIf(created_at >= at AND label = 'negative') AS aNeg
     FROM (SELECT created_at, e, if(length(entity_labels) = length(entities), own, sentiment_label) AS label,
                  fromUnixTimestamp64Milli(toInt64({at:Int64}), 'UTC') AS at FROM posts
           ARRAY JOIN entities AS e, arrayResize(entity_labels, length(entities)) AS own
           WHERE created_at >= fromUnixTimestamp64Milli(toInt64({from:Int64}), 'UTC')
             AND created_at < fromUnixTimestamp64Milli(toInt64({to:Int64}), 'UTC') AND e IN {entities:Array(String)})
     GROUP BY e`,
    { at: m.at, from: m.at - span, to: m.at + span, entities },
  )
  const byEntity = new Map(rows.map((r) => [String(r.entity), r]))
  return {
    momentId: m.id,
    minutes,
    seconds,
    collecting: seconds < MIN_REACTION_S,
    complete: seconds >= minutes * 60,
    entities: entities.map((entity) => {
      const r = byEntity.get(entity)
      const n = (k: string) => Number(r?.[k] ?? 0)
      const b = side(n('bPosts'), n('bPos'), n('bNeg'))
      const a = side(n('aPosts'), n('aPos'), n('aNeg'))
      return {
        entity,
        before: { posts: b.posts, net: b.net },
        after: { posts: a.posts, net: a.net },
        postsChange: a.posts - b.posts,
        // An empty window has no net sentiment, so no change either (a 0 would read as a neutral window).
        netChange: a.net === null || b.net === null ? null : a.net - b.net,
        // Counts in equal windows are Poisson: the difference's variance is the sum of the counts.
        postsMargin: Z * Math.sqrt(a.posts + b.posts),
        netMargin: a.net === null || b.net === null ? null : Z * Math.hypot(a.se, b.se),
      }
    }),
  }
}

/** The length of each compared window, whole seconds: the after-window so far, at most N minutes, never negative. */
export function reactionSeconds(at: number, minutes: number, asOf: number): number {
  return Math.max(0, Math.min(minutes * 60, Math.floor((asOf - at) / 1000)))
}

/** Net sentiment is the mean of a per-post score in {−1, 0, 1}; its standard error is sd / √n. None without posts. */
function side(posts: number, pos: number, neg: number): { posts: number; net: number | null; se: number } {
  if (posts === 0) return { posts, net: null, se: 0 }
  const net = (pos - neg) / posts
  const variance = Math.max(0, (pos + neg) / posts - net * net)
  return { posts, net, se: Math.sqrt(variance / posts) }
}
