import type { ClickHouseClient } from '@clickhouse/client'
import type { AlertDriver, AlertPost } from '@pulso/types'
import { excluded, excludedList, logLikelihood, MIN_G, MIN_POSTS, ownTerms, shareLift } from './stopwords.ts'

/** accent-folded, lower-cased tokens in ClickHouse, the same folding the entity matcher uses in JS */
const TERMS = `arrayDistinct(extractAll(replaceRegexpAll(normalizeUTF8NFD(lowerUTF8(text)), '\\\\p{Mn}', ''), '[#@]?[\\\\p{L}\\\\p{N}_]{3,}'))`

export interface DriverQuery {
  entity: string
  /** Spike window [onset, to) against the baseline [baseFrom, onset). */
  baseFrom: number
  onset: number
  to: number
  entityTerms: string[]
  /** Windows [from, to) kept out of the baseline: earlier alerts' surges on this entity, so a second wave is set
   * against calm, not against the first wave (which would hide the very terms they share). */
  exclude?: [number, number][]
}

/** How many terms and authors are named even when none is significant: the room always sees what was said. */
const ALWAYS_TERMS = 5
const ALWAYS_AUTHORS = 3

/**
 * What drove a spike, computed in ClickHouse: terms, hashtags and authors over-represented in the spike window
 * against the baseline (observed vs expected = baseline count scaled to the spike's volume), ranked by the
 * log-likelihood ratio G² (p < 0.05, at least 3 posts; stop words and entity words out, an entity's own hashtag
 * kept when it surges), and the most influential posts of the spike. When nothing passes the test (a small or
 * diffuse spike), the spike's most frequent non-stop-word terms and its most active authors are named anyway, with
 * their counts against the baseline, so an alert is never without drivers. Earlier alert windows (`exclude`) are
 * left out of the baseline, which is stretched back by as much so it keeps its length.
 */
export async function findDrivers(client: ClickHouseClient, q: DriverQuery): Promise<{ drivers: AlertDriver[]; posts: AlertPost[] }> {
  const own = ownTerms(q.entityTerms)
  const gaps = mergeWindows(q.exclude ?? [], 0, q.onset)
  const baseFrom = q.baseFrom - mergeWindows(q.exclude ?? [], q.baseFrom, q.onset).reduce((a, [f, t]) => a + (t - f), 0)
  const params = { exclude: excludedList(own), entity: q.entity, baseFrom: baseFrom / 1000, onset: q.onset / 1000, to: q.to / 1000, gapFrom: gaps.map((g) => g[0] / 1000), gapTo: gaps.map((g) => g[1] / 1000) }
  const ms = (p: string) => `fromUnixTimestamp64Milli(toInt64(${p} * 1000))`
  // Posts inside an earlier alert's window belong to neither side (arrayExists over at most a handful of windows).
  const notGap = `NOT arrayExists((f, t) -> created_at >= ${ms('f')} AND created_at < ${ms('t')}, {gapFrom:Array(Float64)}, {gapTo:Array(Float64)})`
  const range = `has(entities, {entity:String}) AND created_at >= ${ms('{baseFrom:Float64}')} AND created_at < ${ms('{to:Float64}')} AND (created_at >= ${ms('{onset:Float64}')} OR ${notGap})`
  const spike = `created_at >= ${ms('{onset:Float64}')}`
  const json = async <T>(query: string, extra: Record<string, unknown> = {}) => (await client.query({ query, query_params: { ...params, ...extra }, format: 'JSONEachRow' })).json<T>()

  const [totals] = await json<{ spike: string; base: string }>(`SELECT countIf(${spike}) AS spike, countIf(NOT ${spike}) AS base FROM posts WHERE ${range}`)
  const spikeN = Number(totals?.spike ?? 0)
  const baseN = Number(totals?.base ?? 0)
  const scale = spikeN / Math.max(baseN, 1)
  const terms = await json<{ term: string; observed: string; base: string }>(
    `SELECT term, countIf(${spike}) AS observed, countIf(NOT ${spike}) AS base
     FROM (SELECT created_at, arrayJoin(${TERMS}) AS term FROM posts WHERE ${range})
     WHERE term NOT IN {exclude:Array(String)}
     GROUP BY term HAVING observed >= ${MIN_POSTS} ORDER BY observed DESC LIMIT 300`,
  )
  const authors = await json<{ term: string; observed: string; base: string }>(
    `SELECT if(author_handle != '', author_handle, author_id) AS term, countIf(${spike}) AS observed, countIf(NOT ${spike}) AS base
     FROM posts WHERE ${range} GROUP BY term HAVING observed >= ${MIN_POSTS} ORDER BY observed DESC LIMIT 50`,
  )
  const score = (kind: AlertDriver['kind']) => (r: { term: string; observed: string; base: string }): AlertDriver => {
    const observed = Number(r.observed)
    const base = Number(r.base)
    return { term: r.term, kind, observed, expected: base * scale, lift: shareLift(observed, spikeN, base, baseN), g: logLikelihood(observed, spikeN, base, baseN) }
  }
  const keep = (d: AlertDriver) => (d.g ?? 0) >= MIN_G && d.lift >= 2 && !excluded(d.term, own)
  const rank = (a: AlertDriver, b: AlertDriver) => (b.g ?? 0) - (a.g ?? 0) || b.observed - a.observed
  const allTerms = terms.map((r) => score(r.term.startsWith('#') ? 'hashtag' : 'term')(r)).filter((d) => !excluded(d.term, own))
  const allAuthors = authors.map(score('author'))
  const termDrivers = orTop(allTerms.filter(keep).sort(rank).slice(0, 8), allTerms, ALWAYS_TERMS)
  const authorDrivers = orTop(allAuthors.filter(keep).sort(rank).slice(0, 3), allAuthors, ALWAYS_AUTHORS)

  const posts = await topPosts(json, range, spike, scale)
  return { drivers: [...termDrivers, ...authorDrivers], posts }
}

type Json = <T>(query: string, extra?: Record<string, unknown>) => Promise<T[]>

/**
 * The spike's most influential posts (reach + 20 × reposts, as before; on a tie, the wording most repeated in the
 * spike, then the id, so the choice is stable), a repost folded onto its original so a post is named once, each with its echo against the baseline: posts that are it or repost, quote or reply to it, in the
 * spike window (`observed`) and in the baseline scaled to the spike's volume (`expected`), as terms are counted.
 */
async function topPosts(json: Json, range: string, spike: string, scale: number): Promise<AlertPost[]> {
  const top = await json<{ id: string; text: string; author: string; url: string; reposts: string; likes: string }>(
    `SELECT root AS id, argMax(text, k) AS text, argMax(author, k) AS author, argMax(url, k) AS url, max(reposts) AS reposts, max(likes) AS likes
     FROM (SELECT if(repost_of != '', repost_of, id) AS root, substringUTF8(text, 1, 280) AS text, url, reposts, likes,
                  if(author_handle != '', author_handle, author_id) AS author, author_followers + 20 * reposts AS s,
                  (repost_of = '', s) AS k, count() OVER (PARTITION BY text) AS same
           FROM posts WHERE ${range} AND ${spike})
     GROUP BY root ORDER BY max(s) DESC, max(same) DESC, id LIMIT 3`,
  )
  if (!top.length) return []
  const echo = await json<{ id: string; observed: string; base: string }>(
    `SELECT r AS id, countIf(${spike}) AS observed, countIf(NOT ${spike}) AS base
     FROM (SELECT created_at, arrayJoin(arrayDistinct(arrayFilter(x -> has({ids:Array(String)}, x), [id, repost_of, quote_of, reply_to]))) AS r FROM posts WHERE ${range})
     GROUP BY r`,
    { ids: top.map((p) => p.id) },
  )
  const by = new Map(echo.map((e) => [e.id, e]))
  return top.map((p) => {
    const e = by.get(p.id)
    return { id: p.id, text: p.text, author: p.author, url: p.url || undefined, reposts: Number(p.reposts), likes: Number(p.likes), observed: Number(e?.observed ?? 0), expected: Number(e?.base ?? 0) * scale }
  })
}

/** The significant ones, or (none significant) the most frequent in the spike: rows arrive by spike count. */
const orTop = (significant: AlertDriver[], all: AlertDriver[], n: number) => (significant.length ? significant : all.slice(0, n))

/** Clip windows to [from, to), sort and merge overlaps, so the baseline stretch is not counted twice. */
export function mergeWindows(ws: [number, number][], from: number, to: number): [number, number][] {
  const clipped = ws.map(([a, b]) => [Math.max(a, from), Math.min(b, to)] as [number, number]).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0])
  const out: [number, number][] = []
  for (const w of clipped) {
    const last = out[out.length - 1]
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1])
    else out.push([...w])
  }
  return out
}
