import type { ClickHouseClient } from '@clickhouse/client'

/**
 * The text as a copy-paste campaign varies it, folded away: case, accents, URLs, @mentions, emoji and punctuation
 * (a hashtag keeps its word: campaigns carry theirs). What is left is what a person would have to retype.
 */
const NORMALISED = `trimBoth(replaceRegexpAll(replaceRegexpAll(normalizeUTF8NFD(lowerUTF8(text)), '\\\\p{Mn}|https?://\\\\S+|www\\\\.\\\\S+|@[\\\\p{L}\\\\p{N}_.]+', ''), '[^\\\\p{L}\\\\p{N}]+', ' '))`

/** One post of one entity in a window, as the authenticity signals read it. */
export interface AuthenticityRows {
  entity: string[]
  id: string[]
  author: string[]
  handle: string[]
  t: number[]
  /** 1 for a repost (or a quote): volume, never a copy. */
  repost: number[]
  /** The author's creation date, ms; 0 when the network did not say. */
  born: number[]
  words: number[]
  /** SimHashes (32 bits) of the normalised text: character 3-grams and words. 0 for reposts. */
  h1: number[]
  h2: number[]
}

export const AUTHENTICITY_COLUMNS = ['entity', 'id', 'author', 'handle', 't', 'repost', 'born', 'words', 'h1', 'h2'] as const

export interface RowsQuery {
  fromMs: number
  toMs: number
  entities: string[]
  /** Newest first, at most this many per entity. */
  maxPerEntity: number
  /** Only posts stored since this time (ms, by received_at): the wall's board reads what is new. */
  receivedSince?: number
}

/**
 * Each entity's posts in [fromMs, toMs), newest first, with the hashes computed in ClickHouse. One query for any number
 * of entities; columns come back as arrays (JSONCompactColumns: one JSON.parse for thousands of rows).
 */
export async function queryAuthenticityRows(client: ClickHouseClient, q: RowsQuery): Promise<AuthenticityRows> {
  const rs = await client.query({
    query: `
      SELECT entity, id, author_id AS author, if(author_handle != '', author_handle, author_id) AS handle,
        toFloat64(toUnixTimestamp64Milli(created_at)) AS t, toUInt8(repost_of != '') AS repost,
        toFloat64(ifNull(toUnixTimestamp64Milli(author_created_at), 0)) AS born,
        length(splitByChar(' ', n)) AS words,
        if(repost = 1, 0, toUInt32(ngramSimHashUTF8(n, 3))) AS h1,
        if(repost = 1, 0, toUInt32(wordShingleSimHashUTF8(n, 1))) AS h2
      FROM (
        SELECT id, author_id, author_handle, created_at, repost_of, author_created_at, entities, ${NORMALISED} AS n
        FROM posts
        WHERE created_at >= fromUnixTimestamp64Milli(toInt64({from:Int64})) AND created_at < fromUnixTimestamp64Milli(toInt64({to:Int64}))
          AND hasAny(entities, {entities:Array(String)}) AND received_at >= fromUnixTimestamp64Milli(toInt64({since:Int64}))
      )
      ARRAY JOIN entities AS entity
      WHERE entity IN {entities:Array(String)}
      ORDER BY t DESC
      LIMIT {max:UInt32} BY entity`,
    query_params: { from: Math.floor(q.fromMs), to: Math.ceil(q.toMs), entities: q.entities, max: q.maxPerEntity, since: Math.floor(q.receivedSince ?? 0) },
    format: 'JSONCompactColumns' as 'JSONCompact',
  })
  const text = (await rs.text()).trim()
  const data: unknown[][] = text && text !== '[]' ? JSON.parse(text) : AUTHENTICITY_COLUMNS.map(() => [])
  return Object.fromEntries(AUTHENTICITY_COLUMNS.map((c, i) => [c, data[i] ?? []])) as unknown as AuthenticityRows
}

/** The texts of a few posts (cluster samples), by id, within the window they were read from. */
export async function queryTexts(client: ClickHouseClient, ids: string[], fromMs: number, toMs: number): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rs = await client.query({
    query: `SELECT id, text FROM posts WHERE id IN {ids:Array(String)}
            AND created_at >= fromUnixTimestamp64Milli(toInt64({from:Int64})) AND created_at < fromUnixTimestamp64Milli(toInt64({to:Int64}))`,
    query_params: { ids, from: Math.floor(fromMs), to: Math.ceil(toMs) },
    format: 'JSONEachRow',
  })
  return new Map((await rs.json<{ id: string; text: string }>()).map((r) => [r.id, r.text]))
}
