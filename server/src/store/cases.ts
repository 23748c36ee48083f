/**
 * The queue as cases, read from ClickHouse: the queued posts (bounded: the lookback window, the `cases.maxPosts`
 * highest-priority ones), each with the min-hash band keys of its normalised words (store/signatures.ts), grouped
 * in queue/cluster.ts; then the shown cases' sample texts, and each entity's SLA figures.
 */
import type { ClickHouseClient } from '@clickhouse/client'
import type { CasesPage, EntitySla, Nature, QueueCase, QueueIntent, QueueStatus } from '@pulso/types'
import { clusterCases, type CaseDraft, type CasePostRow } from '../queue/cluster.ts'
import type { QueueSettings } from '../queue/settings.ts'
import { confidenceFloor, scored, type QueueFilter } from './queue.ts'
import { STOPWORDS } from './stopwords.ts'
import { signatures } from './signatures.ts'

type Row = Record<string, unknown>

const query = async (client: ClickHouseClient, sql: string, query_params: Record<string, unknown>): Promise<Row[]> =>
  (await client.query({ query: sql, query_params, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } })).json<Row>()

/** Whether the store keeps thread links (`reply_to`, `quote_of`: a later migration); checked once per client. */
const linkColumns = new WeakMap<ClickHouseClient, Promise<string[]>>()
export function threadColumns(client: ClickHouseClient): Promise<string[]> {
  let p = linkColumns.get(client)
  if (!p) {
    p = query(client, `SELECT name FROM system.columns WHERE database = currentDatabase() AND table = 'posts' AND name IN ('reply_to', 'quote_of') ORDER BY name DESC`, {}).then((r) => r.map((x) => String(x.name)))
    linkColumns.set(client, p)
  }
  return p
}

export interface CaseQuery extends QueueFilter {
  limit: number
}

/** Every queued post matching the filter as a narrow row with band keys, at most `cases.maxPosts` (riskiest first). */
export async function casePosts(client: ClickHouseClient, s: QueueSettings, f: QueueFilter, skip: string[], now: number): Promise<CasePostRow[] & { truncated?: boolean }> {
  const links = await threadColumns(client)
  const ent = `${caseEntitySql(s)} AS ent`
  const linkSql = links.length ? `[${links.map((c) => `p.${c}`).join(', ')}]` : `CAST([], 'Array(String)')`
  const { query: inner, params } = scored(s, now, f, `${ent}, ${linkSql} AS links, p.entities AS ents`)
  const rs = await client.query({
    query: `SELECT id, ent, score, created_ms, author_id, followers, verified, status, assignee, deadline_ms, intent, nature, links, ents
      FROM (${inner}) ORDER BY score DESC, created_ms ASC LIMIT {maxPosts:UInt32}`,
    // One more than the cap: whether any were left out.
    query_params: { ...params, maxPosts: s.cases.maxPosts + 1 },
    format: 'JSONCompactEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  })
  const all = await rs.json<unknown[]>()
  const out = all.slice(0, s.cases.maxPosts)
  const sigs = await signatures(client, { ...s.cases, skip, max: 2 * s.cases.maxPosts }, out.map((r) => String(r[0])), params.from)
  const rows: CasePostRow[] & { truncated?: boolean } = out.map((r) => ({
    id: String(r[0]),
    entity: String(r[1]),
    score: Number(r[2]),
    createdMs: Number(r[3]),
    authorId: String(r[4]),
    followers: Number(r[5]),
    verified: r[6] === true || r[6] === 1,
    status: r[7] as QueueStatus,
    assignee: String(r[8] ?? ''),
    deadlineMs: Number(r[9]),
    intent: r[10] as QueueIntent,
    nature: (r[11] || null) as Nature | null,
    links: r[12] as string[],
    entities: r[13] as string[],
    ...(sigs.get(String(r[0])) ?? { bands: [], minhash: [] }),
  }))
  rows.truncated = all.length > out.length
  return rows
}

/**
 * The entity a queued post's case belongs to: the first it names that customer care answers for, among the listed
 * ones when the list is filtered. A post naming a candidate (care: false) and the brand is the brand's to answer:
 * it once joined the candidate's case when he came first. Failing a listed care entity (the list asked for a
 * candidate by name) the first care one, and with no care list in the settings the first listed, as before.
 */
function caseEntitySql(s: QueueSettings): string {
  const listed = 'empty({entities:Array(String)}) OR has({entities:Array(String)}, e)'
  if (!s.careEntities) return `arrayFirst(e -> ${listed}, p.entities)`
  const care = 'has({care:Array(String)}, e)'
  const listedCare = `arrayFirst(e -> (${listed}) AND ${care}, p.entities)`
  // arrayFirst gives '' when none matches.
  return `if(notEmpty(${listedCare}), ${listedCare}, arrayFirst(e -> ${care}, p.entities))`
}

/** A post counts for each entity it names that customer care answers for (all of them without a care list). */
const isOwed = (s: QueueSettings, e: string) => !s.careEntities || s.careEntities.includes(e)

/** Per entity: open and assigned posts, high-risk ones, deadlines missed, the next deadline (care entities only). */
export async function entitySla(client: ClickHouseClient, s: QueueSettings, now: number, entities?: string[], minConfidence?: number): Promise<Record<string, EntitySla>> {
  const owed = s.careEntities ? `arrayFilter(e -> has({care:Array(String)}, e), p.entities)` : 'p.entities'
  const { query: inner, params } = scored(s, now, { entities, minConfidence }, `arrayJoin(${owed}) AS ent`)
  const r = await query(
    client,
    `SELECT ent, count() AS open, countIf(priority >= {high:Float64}) AS high, countIf(deadline_ms < {now:Int64}) AS missed,
       minIf(deadline_ms, deadline_ms >= {now:Int64}) AS next FROM (${inner})
     WHERE empty({entities:Array(String)}) OR has({entities:Array(String)}, ent) GROUP BY ent`,
    { ...params, high: s.deadlines[0].min, now },
  )
  return Object.fromEntries(r.map((x) => [String(x.ent), { open: Number(x.open), highRisk: Number(x.high), missed: Number(x.missed), nextDeadline: Number(x.next) || null }]))
}

/** entitySla's figures from the rows of every open and assigned post (the same numbers, without a second query). */
export function slaFromRows(rows: CasePostRow[], s: QueueSettings, now: number, entities?: string[]): Record<string, EntitySla> {
  const out: Record<string, EntitySla> = {}
  const high = s.deadlines[0].min
  for (const r of rows) {
    if (r.status !== 'open' && r.status !== 'assigned') continue
    for (const e of r.entities ?? [r.entity]) {
      if ((entities?.length && !entities.includes(e)) || !isOwed(s, e)) continue
      const x = (out[e] ??= { open: 0, highRisk: 0, missed: 0, nextDeadline: null })
      x.open++
      if (Math.floor(r.score + 0.5) >= high) x.highRisk++
      if (r.deadlineMs < now) x.missed++
      else if (x.nextDeadline === null || r.deadlineMs < x.nextDeadline) x.nextDeadline = r.deadlineMs
    }
  }
  return out
}

/** The shown cases with their sample post's text, link and author handle. */
export async function withSamples(client: ClickHouseClient, drafts: CaseDraft[], from: number): Promise<QueueCase[]> {
  const wide = new Map<string, Row>()
  if (drafts.length) {
    const r = await query(
      client,
      `SELECT id, author_handle, text, url, lang FROM posts WHERE id IN {ids:Array(String)} AND created_at >= fromUnixTimestamp64Milli({from:Int64}) LIMIT 1 BY id`,
      { ids: drafts.map((d) => d.sampleId), from },
    )
    for (const x of r) wide.set(String(x.id), x)
  }
  return drafts.map(({ sampleId, topAuthorId, topFollowers, topVerified, ...c }) => {
    const w = wide.get(sampleId) ?? {}
    const topAuthor = { id: topAuthorId, handle: String(w.author_handle ?? ''), followers: topFollowers, verified: topVerified }
    return { ...c, topAuthor, sample: { id: sampleId, text: String(w.text ?? ''), url: String(w.url ?? ''), lang: String(w.lang ?? ''), author: topAuthor } }
  })
}

type Grouped = { rows: CasePostRow[] & { truncated?: boolean }; drafts: CaseDraft[] }
/** The last groupings, by the caller's key, for a few seconds: opening a case reuses the list's grouping. */
const recent = new WeakMap<ClickHouseClient, Map<string, { at: number; value: Promise<Grouped> }>>()
const REUSE_MS = 5000

/**
 * The posts grouped into cases. `memo`: a key naming the grouping and the actions stored so far; a list stores its
 * grouping under it (`store`), an opened case reuses one made in the last few seconds (`reuse`). Actions pass none
 * and always group afresh.
 */
export function groupCases(client: ClickHouseClient, s: QueueSettings, f: QueueFilter, skip: string[], now: number, memo?: { key: string; mode: 'store' | 'reuse' }): Promise<Grouped> {
  const compute = async () => {
    const rows = await casePosts(client, s, f, skip, now)
    return { rows, drafts: clusterCases(rows, s.cases, now, s.velocityMinutes * 60_000) }
  }
  if (!memo) return compute()
  let m = recent.get(client)
  if (!m) recent.set(client, (m = new Map()))
  const hit = m.get(memo.key)
  if (memo.mode === 'reuse' && hit && now - hit.at < REUSE_MS) return hit.value
  const value = compute()
  m.set(memo.key, { at: now, value })
  value.catch(() => m.delete(memo.key))
  for (const [k, v] of m) if (now - v.at >= REUSE_MS) m.delete(k)
  return value
}

/** The cases, highest priority first: `limit` of them with samples, the total found, and the entities' SLA. */
export async function listCases(client: ClickHouseClient, s: QueueSettings, f: CaseQuery, skip: string[], now = Date.now(), memoKey?: string): Promise<Omit<CasesPage, 'entities'>> {
  const { rows, drafts } = await groupCases(client, s, f, skip, now, memoKey ? { key: memoKey, mode: 'store' } : undefined)
  const cases = await withSamples(client, drafts.slice(0, f.limit), now - s.lookbackHours * 3_600_000)
  // The SLA counts every open and assigned post: from the rows when they hold them all, else one more query.
  const active = !rows.truncated && ['open', 'assigned'].every((st) => (f.statuses?.length ? f.statuses : ['open', 'assigned']).includes(st as QueueStatus))
  const sla = active ? slaFromRows(rows, s, now, f.entities) : await entitySla(client, s, now, f.entities, f.minConfidence)
  return { at: now, total: drafts.length, limit: f.limit, truncated: rows.truncated === true, velocityMinutes: s.velocityMinutes, minConfidence: confidenceFloor(s, f), cases, sla }
}

/** One case by id as grouped now (the list's entities and statuses), with its posts' rows, or null. */
export async function findCase(
  client: ClickHouseClient,
  s: QueueSettings,
  id: string,
  g: { entities?: string[]; statuses: QueueStatus[]; minConfidence?: number },
  skip: string[],
  now = Date.now(),
  memoKey?: string,
): Promise<{ draft: CaseDraft; rows: CasePostRow[] } | null> {
  const { rows, drafts } = await groupCases(client, s, g, skip, now, memoKey ? { key: memoKey, mode: 'reuse' } : undefined)
  const draft = drafts.find((c) => c.id === id)
  if (!draft) return null
  const ids = new Set(draft.postIds)
  return { draft, rows: rows.filter((r) => ids.has(r.id)) }
}

/** The words left out of the signatures: stop words and the entities' own terms (shared by every post about them). */
export const skipWords = (own: Iterable<string>) => [...new Set([...STOPWORDS, ...own])]
