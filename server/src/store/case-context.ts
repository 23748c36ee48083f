/**
 * An opened case's context: its posts with text and link, the thread around them (when the store keeps reply
 * links), each author's earlier complaints and claims about the entity, and the record of actions. Every read is
 * bounded by the lookback or history window and a row limit.
 */
import type { ClickHouseClient } from '@clickhouse/client'
import type { CaseDetail, CasePost, QueueAction } from '@pulso/types'
import type { CasePostRow } from '../queue/cluster.ts'
import type { QueueSettings } from '../queue/settings.ts'
import { threadColumns } from './cases.ts'

type Row = Record<string, unknown>
const query = async (client: ClickHouseClient, sql: string, query_params: Record<string, unknown>): Promise<Row[]> =>
  (await client.query({ query: sql, query_params, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } })).json<Row>()

/** Posts of a case shown when it is opened (the newest), thread posts around them, authors looked up. */
export const MAX_CASE_POSTS = 200
const MAX_THREAD = 50
const MAX_AUTHORS = 100
const MAX_ACTIONS = 200

const wideCols = (links: string[]) =>
  `id, text, url, lang, toUnixTimestamp64Milli(created_at) AS at, author_id, author_handle, author_followers, author_verified${links.length ? `, ${links.map((c) => c).join(', ')}` : ''}`

function toPost(x: Row, links: string[], row?: CasePostRow): CasePost {
  const replyTo = links.map((c) => String(x[c] ?? '')).find(Boolean) ?? null
  return {
    id: String(x.id),
    text: String(x.text),
    url: String(x.url),
    lang: String(x.lang),
    createdAt: Number(x.at),
    author: { id: String(x.author_id), handle: String(x.author_handle), followers: Number(x.author_followers), verified: x.author_verified === true || x.author_verified === 1 },
    priority: row ? Math.round(row.score) : 0,
    status: row?.status ?? 'open',
    replyTo,
  }
}

export async function caseContext(client: ClickHouseClient, s: QueueSettings, rows: CasePostRow[], now = Date.now()): Promise<Omit<CaseDetail, 'case' | 'sla'>> {
  const links = await threadColumns(client)
  const from = now - s.lookbackHours * 3_600_000
  const shown = [...rows].sort((a, b) => b.createdMs - a.createdMs).slice(0, MAX_CASE_POSTS)
  const byId = new Map(shown.map((r) => [r.id, r]))
  const ids = shown.map((r) => r.id)
  const posts = (
    await query(client, `SELECT ${wideCols(links)} FROM posts WHERE id IN {ids:Array(String)} AND repost_of = '' AND created_at >= fromUnixTimestamp64Milli({from:Int64}) ORDER BY created_at LIMIT 1 BY id`, { ids, from })
  ).map((x) => toPost(x, links, byId.get(String(x.id))))

  // The thread: what the case's posts reply to or quote, and what replies to or quotes them, outside the case.
  let thread: CasePost[] = []
  if (links.length) {
    const parents = [...new Set(posts.map((p) => p.replyTo).filter((x): x is string => !!x && !byId.has(x)))]
    const around = links.map((c) => `${c} IN {ids:Array(String)}`).join(' OR ')
    thread = (
      await query(
        client,
        `SELECT ${wideCols(links)} FROM posts WHERE (id IN {parents:Array(String)} OR ${around}) AND id NOT IN {ids:Array(String)} AND repost_of = ''
         AND created_at >= fromUnixTimestamp64Milli({from:Int64}) ORDER BY created_at LIMIT 1 BY id LIMIT {max:UInt32}`,
        { ids, parents, from, max: MAX_THREAD },
      )
    ).map((x) => toPost(x, links))
  }

  const entity = rows[0]?.entity ?? ''
  const authors = [...new Set(shown.map((r) => r.authorId))].slice(0, MAX_AUTHORS)
  const hist = await query(
    client,
    `SELECT author_id, countIf(intent = 'complaint') AS complaints, countIf(intent = 'claim') AS claims, toUnixTimestamp64Milli(min(created_at)) AS first
     FROM posts WHERE author_id IN {authors:Array(String)} AND has(entities, {entity:String}) AND repost_of = '' AND intent IN ('complaint', 'claim')
       AND id NOT IN {ids:Array(String)} AND created_at >= fromUnixTimestamp64Milli({since:Int64}) GROUP BY author_id`,
    { authors, entity, ids: rows.map((r) => r.id), since: now - s.cases.historyDays * 86_400_000 },
  )
  const history: CaseDetail['history'] = Object.fromEntries(authors.map((a) => [a, { complaints: 0, claims: 0, first: null }]))
  for (const h of hist) history[String(h.author_id)] = { complaints: Number(h.complaints), claims: Number(h.claims), first: Number(h.first) }

  const actions = (
    await query(
      client,
      `SELECT post_id, action, assignee, by, note, toUnixTimestamp64Milli(at) AS at FROM queue_actions WHERE post_id IN {ids:Array(String)} ORDER BY at DESC LIMIT {max:UInt32}`,
      { ids: rows.map((r) => r.id), max: MAX_ACTIONS },
    )
  ).map((x) => ({ postId: String(x.post_id), action: x.action as QueueAction, assignee: x.assignee ? String(x.assignee) : null, by: String(x.by), note: String(x.note), at: Number(x.at) }))

  return { posts: posts.sort((a, b) => b.createdAt - a.createdAt), thread: { known: links.length > 0, posts: thread }, history, actions }
}
