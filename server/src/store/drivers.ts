import type { ClickHouseClient } from '@clickhouse/client'
import type { Alert, AlertDriver } from '@pulso/types'
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
}

/**
 * What drove a spike, computed in ClickHouse: terms, hashtags and authors over-represented in the spike window
 * against the baseline (observed vs expected = baseline count scaled to the spike's volume), ranked by the
 * log-likelihood ratio G² (p < 0.05, at least 3 posts; stop words and entity words out, an entity's own hashtag
 * kept when it surges), and the most influential posts of the spike.
 */
export async function findDrivers(client: ClickHouseClient, q: DriverQuery): Promise<{ drivers: AlertDriver[]; posts: Alert['posts'] }> {
  const own = ownTerms(q.entityTerms)
  const params = { exclude: excludedList(own), entity: q.entity, baseFrom: q.baseFrom / 1000, onset: q.onset / 1000, to: q.to / 1000 }
  const range = `has(entities, {entity:String}) AND created_at >= fromUnixTimestamp64Milli(toInt64({baseFrom:Float64} * 1000)) AND created_at < fromUnixTimestamp64Milli(toInt64({to:Float64} * 1000))`
  const spike = `created_at >= fromUnixTimestamp64Milli(toInt64({onset:Float64} * 1000))`
  const json = async <T>(query: string) => (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>()

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
  const termDrivers = terms.map((r) => score(r.term.startsWith('#') ? 'hashtag' : 'term')(r)).filter(keep).sort(rank).slice(0, 8)
  const authorDrivers = authors.map(score('author')).filter(keep).sort(rank).slice(0, 3)

  const posts = await json<{ id: string; text: string; author: string }>(
    `SELECT id, text, if(author_handle != '', author_handle, author_id) AS author FROM posts WHERE ${range} AND ${spike}
     ORDER BY author_followers + 20 * reposts DESC LIMIT 3`,
  )
  return { drivers: [...termDrivers, ...authorDrivers], posts }
}
