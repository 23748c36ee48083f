import { randomUUID } from 'node:crypto'
import { TupleParam, type ClickHouseClient } from '@clickhouse/client'
import type { RemovalTarget } from '@pulso/ingest'
import type { RemovalReason } from '@pulso/types'

/** One table a materialized view on posts fills, and how to correct it (sql/migrations/0008_removals.sql). */
interface Aggregate {
  target: string
  select: string
  columns: { name: string; sum: boolean }[]
}

const quoteIdent = (s: string) => '`' + s.replace(/`/g, '``') + '`'

/**
 * Every materialized view reading posts, found at removal time (a later migration that adds or recreates one is
 * corrected too): its target table, its own SELECT, and which of the target's columns are sums (negated).
 */
async function aggregates(client: ClickHouseClient): Promise<Aggregate[]> {
  const known = cache.get(client)
  if (known) return known
  const [posts] = await json<{ deps: string[] }>(client, `SELECT dependencies_table AS deps FROM system.tables WHERE database = currentDatabase() AND name = 'posts'`)
  const views = await json<{ as_select: string; create_table_query: string }>(
    client,
    `SELECT as_select, create_table_query FROM system.tables
     WHERE database = currentDatabase() AND engine = 'MaterializedView' AND name IN {names:Array(String)}`,
    { names: posts?.deps ?? [] },
  )
  const out: Aggregate[] = []
  for (const v of views) {
    const to = / TO (\S+)/.exec(v.create_table_query)?.[1]
    if (!to) continue // a view with its own inner table: nothing Pulso reads
    const [db, table] = (to.includes('.') ? to.split('.') : ['', to]).map((x) => x.replace(/`/g, ''))
    const cols = await json<{ name: string; type: string }>(
      client,
      `SELECT name, type FROM system.columns WHERE database = ${db ? '{db:String}' : 'currentDatabase()'} AND table = {table:String} ORDER BY position`,
      { db, table },
    )
    out.push({ target: to, select: v.as_select, columns: cols.map((c) => ({ name: c.name, sum: /^SimpleAggregateFunction\(sum,/.test(c.type) })) })
  }
  // Views change only with migrations, which run before anything is removed: found once per store.
  cache.set(client, out)
  return out
}
const cache = new WeakMap<ClickHouseClient, Aggregate[]>()

async function json<T>(client: ClickHouseClient, query: string, query_params: Record<string, unknown> = {}): Promise<T[]> {
  const rs = await client.query({ query, query_params, format: 'JSONEachRow' })
  return rs.json<T>()
}

/**
 * Removes posts and corrects the aggregates, in one batch however many posts: (1) each aggregate gets its view's
 * SELECT over the doomed rows with every sum negated, so that any range counts them zero times (unique-author states
 * are merged again, a no-op: `authors` stays an upper bound); (2) the removal is recorded in post_removals; (3) the
 * rows go with one lightweight DELETE (in the background: deletesSettled says when), so every reader of posts stops
 * seeing them. Deletes are recorded even for
 * posts not (yet) stored: ingest reads them back so that the delete wins when the post comes later. The caller
 * serialises removals with the writer's inserts (front-door.ts), or a post landing mid-removal could escape.
 * Returns how many rows left posts.
 */
export async function removePosts(client: ClickHouseClient, target: RemovalTarget, reason: RemovalReason): Promise<number> {
  const byKeys = 'keys' in target
  if (byKeys && target.keys.length === 0) return 0
  // id IN first: the bloom filter on id skips granules; the pair then picks the exact posts.
  const match = byKeys ? 'id IN {ids:Array(String)} AND (source, id) IN {keys:Array(Tuple(String, String))}' : 'source = {source:String}'
  const keyed = byKeys ? { ids: target.keys.map((k) => k.id), keys: target.keys.map((k) => new TupleParam([k.source, k.id])) } : { source: target.source }
  const [r] = await json<{ n: string; lo: string; hi: string }>(
    client,
    `SELECT count() AS n, toUnixTimestamp64Milli(min(created_at)) AS lo, toUnixTimestamp64Milli(max(created_at)) AS hi FROM posts WHERE ${match}`,
    keyed,
  )
  const found = Number(r.n)
  // Found once, then bounded by their time: the DELETE (a mutation) and the corrections touch only the days and
  // hours that hold the posts, not every part (a delete of one post in 1M over 30 days: 4.5 s unbounded).
  const cond = byKeys ? `${match} AND created_at >= fromUnixTimestamp64Milli({lo:Int64}) AND created_at <= fromUnixTimestamp64Milli({hi:Int64})` : match
  const params = byKeys ? { ...keyed, lo: Number(r.lo), hi: Number(r.hi) } : keyed
  // Each correction is its own block, never dropped as a duplicate insert (two removals of alike posts in one second
  // repeat byte for byte): a token of its own. Not insert_deduplicate = 0: the embedded store applies settings with
  // SET, for the session, and the writer's inserts must keep deduplicating.
  const settings = () => ({ insert_deduplication_token: `removal-${randomUUID()}` })
  if (found > 0) {
    for (const a of await aggregates(client)) {
      const doomed = a.select.replace(/\bFROM\s+((?:`?\w+`?\.)?`?posts`?)(?=\s|$)/, (_m, t: string) => `FROM (SELECT * FROM ${t} WHERE ${cond})`)
      if (doomed === a.select) throw new Error(`cannot correct ${a.target}: its view does not read FROM posts plainly`)
      const list = a.columns.map((c) => quoteIdent(c.name)).join(', ')
      const values = a.columns.map((c) => (c.sum ? `negate(${quoteIdent(c.name)})` : quoteIdent(c.name))).join(', ')
      await client.command({ query: `INSERT INTO ${a.target} (${list}) SELECT ${values} FROM (${doomed})`, query_params: params, clickhouse_settings: settings() })
    }
  }
  // Deletes are recorded for every key (tombstones); edits and purges for the rows that were there.
  if (byKeys && reason === 'deleted') {
    const at = Date.now()
    await client.insert({ table: 'post_removals', values: target.keys.map((k) => ({ source: k.source, id: k.id, reason, at })), format: 'JSONEachRow', clickhouse_settings: settings() })
  } else if (found > 0) {
    await client.command({
      query: `INSERT INTO post_removals (source, id, reason, at) SELECT source, id, {reason:String}, now64(3) FROM posts WHERE ${cond}`,
      query_params: { ...params, reason },
      clickhouse_settings: settings(),
    })
  }
  // Not waited for: a lightweight DELETE is a mutation, and waiting for it took seconds on a table of 1M posts (the
  // writer would stall meanwhile). It applies only to the parts that exist now, so a post stored after it (an
  // edit's new version) is safe; the caller waits for deletesSettled before its next removal, so no post is ever
  // corrected twice.
  if (found > 0) await client.command({ query: `DELETE FROM posts WHERE ${cond}`, query_params: params, clickhouse_settings: { lightweight_deletes_sync: '0' } })
  return found
}

/** Resolves once every DELETE issued on posts is applied (the removed posts are gone for every reader). */
export async function deletesSettled(client: ClickHouseClient, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const [r] = await json<{ n: string }>(client, `SELECT count() AS n FROM system.mutations WHERE database = currentDatabase() AND table = 'posts' AND NOT is_done`)
    if (Number(r.n) === 0) return
    if (Date.now() > end) throw new Error(`deletes on posts still running after ${timeoutMs / 1000} s`)
    await new Promise((res) => setTimeout(res, 50))
  }
}
