import type { ClickHouseClient } from '@clickhouse/client'
import type { Entity, FeedBoard, FeedPost, RisingTerm } from '@pulso/types'
import { highlight, termPattern } from '../live/highlight.ts'
import { excludedList, logLikelihood, MIN_G, ownTerms, shareLift } from './stopwords.ts'

export interface FeedOptions {
  /** Top posts come from the last `postsMinutes` (default 10). */
  postsMinutes: number
  /** Posts shown per board (default 8). */
  postsLimit: number
  /** Rising terms: the last `recentMinutes` (default 5) against the `baseMinutes` before (default 60). */
  recentMinutes: number
  baseMinutes: number
  /** A rising term needs at least this many recent posts (default 3) and this lift (default 2). */
  minRecent: number
  minLift: number
  termsLimit: number
}

export const FEED_DEFAULTS: FeedOptions = { postsMinutes: 10, postsLimit: 8, recentMinutes: 5, baseMinutes: 60, minRecent: 3, minLift: 2, termsLimit: 10 }

/** Accent-folded, lower-cased distinct tokens of a post, as in the alert drivers. */
const TERMS = `arrayDistinct(extractAll(replaceRegexpAll(normalizeUTF8NFD(lowerUTF8(text)), '\\\\p{Mn}', ''), '[#@]?[\\\\p{L}\\\\p{N}_]{3,}'))`
const ms = (name: string) => `fromUnixTimestamp64Milli(toInt64({${name}:Int64}), 'UTC')`

type Row = Record<string, string | number | string[]>

/**
 * Top posts by influence: score = log10(1 + followers) + 2·log10(1 + reposts) + log10(copies) — reach first, then
 * how much it travels. Reposts collapse onto their original (repost_of), shown once with the count of copies.
 */
export async function topPosts(client: ClickHouseClient, entities: Entity[], to: number, o: FeedOptions = FEED_DEFAULTS): Promise<FeedPost[]> {
  const rows = await (
    await client.query({
      query: `SELECT root, argMax(id, s) AS id, argMax(text, s) AS text, argMax(if(author_handle != '', author_handle, author_id), s) AS author,
                max(author_followers) AS followers, argMax(lang, s) AS lang, toUnixTimestamp64Milli(min(created_at)) AS createdAt,
                argMax(entities, s) AS ents, argMax(sentiment_label, s) AS sentiment, argMax(sentiment_confidence, s) AS confidence, max(reposts) AS reposts, count() AS copies,
                max(s) + log10(count()) AS score
              FROM (SELECT *, if(repost_of != '', repost_of, id) AS root,
                           log10(1 + author_followers) + 2 * log10(1 + reposts) + if(repost_of = '', 0.001, 0) AS s
                    FROM posts WHERE created_at >= ${ms('from')} AND created_at < ${ms('to')} AND hasAny(entities, {entities:Array(String)}))
              GROUP BY root ORDER BY score DESC, createdAt DESC LIMIT {limit:UInt32}`,
      query_params: { from: to - o.postsMinutes * 60_000, to, entities: entities.map((e) => e.id), limit: o.postsLimit },
      format: 'JSONEachRow',
    })
  ).json<Row>()
  const patterns = new Map(entities.map((e) => [e.id, e.terms]))
  return rows.map((r) => {
    const ents = (r.ents as string[]).filter((e) => patterns.has(e))
    const text = String(r.text)
    return {
      id: String(r.id),
      author: String(r.author),
      followers: Number(r.followers),
      lang: String(r.lang),
      createdAt: Number(r.createdAt),
      entities: ents,
      sentiment: String(r.sentiment) as FeedPost['sentiment'],
      confidence: Math.round(Number(r.confidence) * 1000) / 1000,
      runs: highlight(text, termPattern(ents.flatMap((e) => patterns.get(e) ?? []))),
      reposts: Number(r.reposts),
      copies: Number(r.copies) - 1,
      score: Number(r.score),
    }
  })
}

/** Rising terms and the windows they compared (see FeedBoard.risingWindow). */
export interface Rising {
  terms: RisingTerm[]
  window: FeedBoard['risingWindow']
}

/** Under this much stored history before the recent window, nothing can be said to rise (the session just started). */
const MIN_BASE_S = 60

/**
 * Terms and hashtags over-represented in the last minutes against the hour before: each term's share of posts there
 * against here, ranked by the log-likelihood ratio G² (significant, p < 0.05) with at least `minRecent` posts and a
 * share lift of `minLift` — so a volume surge does not lift every word, and stop words and entity words never show.
 * The base is what the store holds of that hour (its first post on): with under a minute of it, the recent window's
 * most cited terms instead, so a room that starts Pulso as the debate starts sees the wave's hashtag, not "nothing".
 */
export async function risingTerms(client: ClickHouseClient, entities: Entity[], to: number, o: FeedOptions = FEED_DEFAULTS): Promise<Rising> {
  const split = to - o.recentMinutes * 60_000
  const from = split - o.baseMinutes * 60_000
  const exclude = excludedList(ownTerms(entities.flatMap((e) => [e.name, ...e.terms])))
  const inRange = `created_at >= ${ms('from')} AND created_at < ${ms('to')} AND hasAny(entities, {entities:Array(String)}) AND repost_of = ''`
  const query_params = { from, split, to, entities: entities.map((e) => e.id), exclude, minRecent: o.minRecent }
  const json = async (query: string) => (await client.query({ query, query_params, format: 'JSONEachRow' })).json<Row>()
  const [[totals], rows] = await Promise.all([
    json(`SELECT countIf(created_at >= ${ms('split')}) AS recent, countIf(created_at < ${ms('split')}) AS base,
                 toUnixTimestamp64Milli(minIf(created_at, created_at < ${ms('split')})) AS first FROM posts WHERE ${inRange}`),
    json(`SELECT term, countIf(created_at >= ${ms('split')}) AS recent, countIf(created_at < ${ms('split')}) AS base
          FROM (SELECT created_at, arrayJoin(${TERMS}) AS term FROM posts WHERE ${inRange})
          WHERE term NOT IN {exclude:Array(String)} GROUP BY term
          HAVING recent >= {minRecent:UInt32} ORDER BY recent DESC, term LIMIT 500`),
  ])
  const n1 = Number(totals?.recent ?? 0)
  const n2 = Number(totals?.base ?? 0)
  const baseS = n2 ? Math.round((split - Math.max(from, Number(totals.first))) / 1000) : 0
  const window = { recentS: o.recentMinutes * 60, baseS: baseS < MIN_BASE_S ? 0 : baseS, at: to }
  if (!window.baseS) {
    // Nothing to compare with yet: the most cited terms of the recent window (the query's order), lift 0.
    const terms = rows.slice(0, o.termsLimit).map((r) => ({ term: String(r.term), recent: Number(r.recent), base: Number(r.base), lift: 0 }))
    return { terms, window }
  }
  const terms = rows
    .map((r) => {
      const recent = Number(r.recent)
      const base = Number(r.base)
      return { term: String(r.term), recent, base, lift: shareLift(recent, n1, base, n2), g: logLikelihood(recent, n1, base, n2) }
    })
    .filter((r) => r.g >= MIN_G && r.lift >= o.minLift)
    .sort((x, y) => y.g - x.g || y.recent - x.recent || (x.term < y.term ? -1 : 1))
    .slice(0, o.termsLimit)
  return { terms, window }
}

/**
 * The feed of every board ('' = all entities) at one time. `rising` = previous rising terms per board to reuse
 * (the tokenising query reads an hour of posts, so the live push refreshes it less often than the top posts).
 */
export async function feedAt(client: ClickHouseClient, all: Entity[], to: number, o: FeedOptions = FEED_DEFAULTS, rising?: Record<string, Rising>): Promise<Record<string, FeedBoard>> {
  const groups = ['', ...new Set(all.map((e) => e.group))]
  const out: Record<string, FeedBoard> = {}
  for (const g of groups) {
    const ents = all.filter((e) => !g || e.group === g)
    const [posts, r] = await Promise.all([topPosts(client, ents, to, o), rising?.[g] ?? risingTerms(client, ents, to, o)])
    out[g] = { posts, rising: r.terms, risingWindow: r.window }
  }
  return out
}
