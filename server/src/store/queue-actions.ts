/** The queue's record of actions: who did what to which post, and when (append-only, queue_actions). */
import type { ClickHouseClient } from '@clickhouse/client'
import { QUEUE_INTENTS, type QueueAction, type QueueActionRecord } from '@pulso/types'
import type { QueueSettings } from '../queue/settings.ts'
import { careSql } from './queue.ts'

type Row = Record<string, string | number | boolean | string[]>

async function rows(client: ClickHouseClient, query: string, query_params: Record<string, unknown>): Promise<Row[]> {
  const rs = await client.query({ query, query_params, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } })
  return rs.json<Row>()
}

/** The queue's care condition, as the list applies it (a post naming only `care: false` entities is no item). */
const care = (s: QueueSettings) => (s.careEntities ? ` AND ${careSql('entities')}` : '')

/** Whether `id` is a queue post inside the lookback window (actions on anything else are refused). */
export async function inQueue(client: ClickHouseClient, s: QueueSettings, id: string, now = Date.now()): Promise<boolean> {
  const r = await rows(
    client,
    `SELECT 1 AS ok FROM posts WHERE id = {id:String} AND repost_of = '' AND intent IN {intents:Array(String)} AND created_at >= fromUnixTimestamp64Milli({from:Int64})${care(s)} LIMIT 1`,
    { id, intents: [...QUEUE_INTENTS], from: now - s.lookbackHours * 3_600_000, care: s.careEntities ?? [] },
  )
  return r.length > 0
}

/** Actions stored by this process so far: reads keyed by it are not reused across an action. */
export let actionsStored = 0

export async function recordAction(client: ClickHouseClient, a: QueueActionRecord): Promise<void> {
  actionsStored++
  await client.insert({
    table: 'queue_actions',
    format: 'JSONEachRow',
    values: [{ post_id: a.postId, action: a.action, assignee: a.assignee ?? '', by: a.by, note: a.note, at: a.at }],
  })
}

/** Every action on one post, oldest first: the record of who did what. */
export async function actionsOf(client: ClickHouseClient, id: string): Promise<QueueActionRecord[]> {
  const r = await rows(client, `SELECT post_id, action, assignee, by, note, toUnixTimestamp64Milli(at) AS at FROM queue_actions WHERE post_id = {id:String} ORDER BY at`, { id })
  return r.map((x) => ({ postId: String(x.post_id), action: x.action as QueueAction, assignee: x.assignee ? String(x.assignee) : null, by: String(x.by), note: String(x.note), at: Number(x.at) }))
}

/** Several actions in one insert (a case or a selection): one row per post, the same who, when and note. */
export async function recordActions(client: ClickHouseClient, a: QueueActionRecord[]): Promise<void> {
  if (!a.length) return
  actionsStored++
  await client.insert({ table: 'queue_actions', format: 'JSONEachRow', values: a.map((x) => ({ post_id: x.postId, action: x.action, assignee: x.assignee ?? '', by: x.by, note: x.note, at: x.at })) })
}

/** Which of `ids` are queue posts inside the lookback window (bulk actions refuse the others). */
export async function queuedOf(client: ClickHouseClient, s: QueueSettings, ids: string[], now = Date.now()): Promise<Set<string>> {
  const r = await rows(
    client,
    `SELECT DISTINCT id FROM posts WHERE id IN {ids:Array(String)} AND repost_of = '' AND intent IN {intents:Array(String)} AND created_at >= fromUnixTimestamp64Milli({from:Int64})${care(s)}`,
    { ids, intents: [...QUEUE_INTENTS], from: now - s.lookbackHours * 3_600_000, care: s.careEntities ?? [] },
  )
  return new Set(r.map((x) => String(x.id)))
}
