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
 * rows go with one lightweight DELETE, so every reader of posts stops seeing them. Deletes are recorded even for
 * posts not (yet) stored: ingest reads them back so that the delete wins when the post comes later. The caller
 * serialises removals with the writer's inserts (front-door.ts), or a post landing mid-removal could escape.
 * Returns how many rows left posts.
 */
export async function removePosts(client: ClickHouseClient, target: RemovalTarget, reason: RemovalReason): Promise<number> {
  const byKeys = 'keys' in target
  if (byKeys && target.keys.length === 0) return 0
  // id IN first: the bloom filter on id skips granules; the pair then picks the exact posts.
  const cond = byKeys ? 'id IN {ids:Array(String)} AND (source, id) IN {keys:Array(Tuple(String, String))}' : 'source = {source:String}'
  const params = byKeys ? { ids: target.keys.map((k) => k.id), keys: target.keys.map((k) => new TupleParam([k.source, k.id])) } : { source: target.source }
  const [{ n }] = await json<{ n: string }>(client, `SELECT count() AS n FROM posts WHERE ${cond}`, params)
  const found = Number(n)
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
  if (found > 0) await client.command({ query: `DELETE FROM posts WHERE ${cond}`, query_params: params })
  return found
}
