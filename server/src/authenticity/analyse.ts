import type { ClickHouseClient } from '@clickhouse/client'
import type { Authenticity, AuthenticityBucket, CopyCluster, SuspectAccount } from '@pulso/types'
import { queryAuthenticityRows, queryTexts, type AuthenticityRows } from '../store/authenticity.ts'
import { findClusters, type HashedPost } from './clusters.ts'
import type { AuthenticitySettings } from './settings.ts'
import { burstiness, topAuthorShare, verdictOf } from './signals.ts'

const DAY_MS = 86_400_000
/** Evidence kept per entity: enough to cite, bounded so a storm of clusters stays a small answer. */
const MAX_CLUSTERS = 20
const MAX_HANDLES = 20
const MAX_IDS = 200
const MAX_ACCOUNTS = 50

export interface AnalyseQuery {
  fromMs: number
  toMs: number
  entities: string[]
  /** Also count organic/suspect posts per bucket of this many seconds (the wall's tile). */
  bucketS?: number
}

export interface EntityAnalysis {
  authenticity: Authenticity
  buckets: AuthenticityBucket[]
}

const round = (x: number) => Math.round(x * 1000) / 1000

/**
 * Every signal for each entity over [fromMs, toMs): one store read for the posts with their hashes (whatever the
 * number of entities), the rest in memory, bounded by maxPostsPerEntity; then one for the cluster samples' texts.
 */
export async function analyseWindow(client: ClickHouseClient, o: AuthenticitySettings, q: AnalyseQuery): Promise<Map<string, EntityAnalysis>> {
  const rows = await queryAuthenticityRows(client, { fromMs: q.fromMs, toMs: q.toMs, entities: q.entities, maxPerEntity: o.maxPostsPerEntity })
  const out = analyseRows(rows, o, q)
  await attachSamples(client, out, q.fromMs, q.toMs)
  return out
}

/** The signals from rows already read (the wall's board keeps its rows between refreshes). */
export function analyseRows(rows: AuthenticityRows, o: AuthenticitySettings, q: AnalyseQuery): Map<string, EntityAnalysis> {
  const byEntity = new Map<string, number[]>(q.entities.map((e) => [e, []]))
  rows.entity.forEach((e, i) => rows.t[i] >= q.fromMs && rows.t[i] < q.toMs && byEntity.get(e)?.push(i))
  const out = new Map<string, EntityAnalysis>()
  for (const [entity, all] of byEntity) {
    // Newest first, bounded: a storm of posts costs at most maxPostsPerEntity of work per entity.
    const idx = all.length > o.maxPostsPerEntity ? all.sort((a, b) => rows.t[b] - rows.t[a]).slice(0, o.maxPostsPerEntity) : all
    out.set(entity, analyseEntity(entity, rows, idx, o, q))
  }
  return out
}

/** Each cluster's sample: its first post's text, from `cache` when known, else in one read for all of them. */
export async function attachSamples(client: ClickHouseClient, m: Map<string, EntityAnalysis>, fromMs: number, toMs: number, cache?: Map<string, string>) {
  const clusters = [...m.values()].flatMap((a) => a.authenticity.evidence.clusters)
  const missing = clusters.map((c) => c.ids[0]).filter((id) => !cache?.has(id))
  const texts = await queryTexts(client, missing, fromMs, toMs)
  for (const [id, text] of texts) cache?.set(id, text)
  for (const c of clusters) c.sample = texts.get(c.ids[0]) ?? cache?.get(c.ids[0]) ?? ''
}

/** Posts per second over [fromMs, toMs) from the posts' own times. */
function perSecond(times: number[], fromMs: number, toMs: number): number[] {
  const counts = new Array<number>(Math.max(1, Math.ceil((toMs - fromMs) / 1000))).fill(0)
  for (const t of times) {
    const s = Math.floor((t - fromMs) / 1000)
    if (s >= 0 && s < counts.length) counts[s]++
  }
  return counts
}

function analyseEntity(entity: string, r: AuthenticityRows, idx: number[], o: AuthenticitySettings, q: AnalyseQuery): EntityAnalysis {
  const n = idx.length
  const posts = new Array<HashedPost>(n)
  const eligible: number[] = []
  const times = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    const i = idx[k]
    posts[k] = { author: r.author[i], t: r.t[i], h1: r.h1[i], h2: r.h2[i] }
    times[k] = r.t[i]
    if (r.repost[i] === 0 && r.words[i] >= o.minWords) eligible.push(k)
  }
  times.sort()
  const groups = findClusters(posts, eligible, { maxBits: o.maxHammingBits, windowMs: o.clusterWindowS * 1000, minAuthors: o.minClusterAuthors, minShare: o.minClusterShare, times })
  const copied = new Uint8Array(idx.length)
  for (const g of groups) for (const k of g) copied[k] = 1
  const isNew = idx.map((i) => r.born[i] > 0 && r.t[i] - r.born[i] <= o.newAccountDays * DAY_MS)

  const accounts = new Map<string, SuspectAccount>()
  idx.forEach((i, k) => {
    const a = accounts.get(r.author[i]) ?? { id: r.author[i], handle: r.handle[i], createdAt: r.born[i] || null, posts: 0, copies: 0, newAccount: false }
    a.posts++
    a.copies += copied[k]
    a.newAccount ||= isNew[k]
    accounts.set(a.id, a)
  })
  const counts = [...accounts.values()].map((a) => a.posts)
  const shares = {
    posts: n,
    copyShare: n ? round(copied.reduce((s, c) => s + c, 0) / n) : 0,
    newAccountShare: n ? round(isNew.filter(Boolean).length / n) : 0,
    topAuthorShare: round(topAuthorShare(counts)),
    burstiness: round(burstiness(perSecond(posts.map((p) => p.t), q.fromMs, q.toMs))),
  }
  const clusters: CopyCluster[] = groups.slice(0, MAX_CLUSTERS).map((g) => {
    const ks = [...g].sort((a, b) => posts[a].t - posts[b].t)
    const handles = [...new Set(ks.map((k) => r.handle[idx[k]]))]
    return { size: g.length, authors: new Set(ks.map((k) => posts[k].author)).size, handles: handles.slice(0, MAX_HANDLES), sample: '', first: posts[ks[0]].t, last: posts[ks[ks.length - 1]].t, ids: ks.slice(0, MAX_IDS).map((k) => r.id[idx[k]]) }
  })
  // The top 1% of authors by posts (at least one) are listed too when they posted more than once.
  const sorted = [...counts].sort((a, b) => b - a)
  const heaviest = sorted[Math.max(1, Math.ceil(sorted.length / 100)) - 1] ?? Infinity
  const suspects = [...accounts.values()]
    .filter((a) => a.copies > 0 || a.newAccount || (a.posts >= heaviest && a.posts > 1))
    .sort((a, b) => b.copies - a.copies || b.posts - a.posts || a.id.localeCompare(b.id))
  const authenticity: Authenticity = {
    entity,
    from: q.fromMs,
    to: q.toMs,
    ...shares,
    authors: accounts.size,
    newAccounts: [...accounts.values()].filter((a) => a.newAccount).length,
    newAccountDays: o.newAccountDays,
    postsPerAuthor: accounts.size ? round(n / accounts.size) : 0,
    ...verdictOf(shares, o),
    evidence: { clusters, accounts: suspects.slice(0, MAX_ACCOUNTS) },
  }
  return { authenticity, buckets: q.bucketS ? bucketsOf(idx.map((i, k) => [r.t[i], copied[k] === 1 || isNew[k], copied[k] === 1] as const), q.fromMs, q.toMs, q.bucketS) : [] }
}

/** Posts per bucket: organic, suspect and, of the suspect, copies (the volume chart's organic-only line drops them). */
function bucketsOf(posts: (readonly [number, boolean, boolean])[], fromMs: number, toMs: number, bucketS: number): AuthenticityBucket[] {
  const width = bucketS * 1000
  const start = Math.floor(fromMs / width) * width
  const buckets = Array.from({ length: Math.ceil((toMs - start) / width) }, (_, i) => ({ t: start + i * width, organic: 0, suspect: 0, copies: 0 }))
  for (const [t, suspect, copy] of posts) {
    const b = buckets[Math.floor((t - start) / width)]
    if (!b) continue
    b[suspect ? 'suspect' : 'organic']++
    if (copy) b.copies++
  }
  return buckets
}
