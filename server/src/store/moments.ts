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

/**
 * Each entity's reaction to a moment, in ClickHouse from posts: posts and net sentiment ((positive − negative) / posts)
 * in [at, at + N min) against [at − N min, at). A post naming two entities counts for both.
 */
export async function momentReaction(client: ClickHouseClient, m: Moment, entities: string[], minutes: number, now = Date.now()): Promise<MomentReaction> {
  const rows = await json(
    client,
    `SELECT e AS entity,
            countIf(created_at < at) AS bPosts, countIf(created_at < at AND sentiment_label = 'positive') AS bPos,
            countIf(created_at < at AND sentiment_label = 'negative') AS bNeg,
            countIf(created_at >= at) AS aPosts, countIf(created_at >= at AND sentiment_label = 'positive') AS aPos,
            countIf(created_at >= at AND sentiment_label = 'negative') AS aNeg
     FROM (SELECT created_at, entities, sentiment_label, fromUnixTimestamp64Milli(toInt64({at:Int64}), 'UTC') AS at FROM posts
           WHERE created_at >= fromUnixTimestamp64Milli(toInt64({from:Int64}), 'UTC')
             AND created_at < fromUnixTimestamp64Milli(toInt64({to:Int64}), 'UTC'))
     ARRAY JOIN entities AS e
     WHERE e IN {entities:Array(String)}
     GROUP BY e`,
    { at: m.at, from: m.at - minutes * 60_000, to: m.at + minutes * 60_000, entities },
  )
  const byEntity = new Map(rows.map((r) => [String(r.entity), r]))
  const net = (n: number, pos: number, neg: number) => (n > 0 ? (pos - neg) / n : 0)
  return {
    momentId: m.id,
    minutes,
    complete: now >= m.at + minutes * 60_000,
    entities: entities.map((entity) => {
      const r = byEntity.get(entity)
      const before = { posts: Number(r?.bPosts ?? 0), net: net(Number(r?.bPosts ?? 0), Number(r?.bPos ?? 0), Number(r?.bNeg ?? 0)) }
      const after = { posts: Number(r?.aPosts ?? 0), net: net(Number(r?.aPosts ?? 0), Number(r?.aPos ?? 0), Number(r?.aNeg ?? 0)) }
      return { entity, before, after, postsChange: after.posts - before.posts, netChange: after.net - before.net }
    }),
  }
}
