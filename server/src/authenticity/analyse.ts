import type { ClickHouseClient } from '@clickhouse/client'
import type { Authenticity, AuthenticityBucket, CopyCluster, SuspectAccount } from '@pulso/types'
import { queryAuthenticityRows, queryPerSecond, queryTexts, type AuthenticityRows } from '../store/authenticity.ts'
import { findClusters } from './clusters.ts'
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
 * Every signal for each entity over [fromMs, toMs): three store reads whatever the number of entities (posts with
 * their hashes, per-second counts, the cluster samples' texts), the rest in memory, bounded by maxPostsPerEntity.
 */
export async function analyseWindow(client: ClickHouseClient, o: AuthenticitySettings, q: AnalyseQuery): Promise<Map<string, EntityAnalysis>> {
  const [rows, perSecond] = await Promise.all([
    queryAuthenticityRows(client, { fromMs: q.fromMs, toMs: q.toMs, entities: q.entities, maxPerEntity: o.maxPostsPerEntity }),
    queryPerSecond(client, q.fromMs, q.toMs, q.entities),
  ])
  const byEntity = new Map<string, number[]>(q.entities.map((e) => [e, []]))
  rows.entity.forEach((e, i) => byEntity.get(e)?.push(i))
  const out = new Map<string, EntityAnalysis>()
  for (const [entity, idx] of byEntity) out.set(entity, analyseEntity(entity, rows, idx, perSecond.get(entity) ?? [], o, q))
  // One read for the samples of every entity's clusters.
  const firstIds = [...out.values()].flatMap((a) => a.authenticity.evidence.clusters.map((c) => c.ids[0]))
  const texts = await queryTexts(client, firstIds, q.fromMs, q.toMs)
  for (const a of out.values()) for (const c of a.authenticity.evidence.clusters) c.sample = texts.get(c.ids[0]) ?? ''
  return out
}

function analyseEntity(entity: string, r: AuthenticityRows, idx: number[], seconds: number[], o: AuthenticitySettings, q: AnalyseQuery): EntityAnalysis {
  const posts = idx.map((i) => ({ author: r.author[i], t: r.t[i], h1: r.h1[i], h2: r.h2[i] }))
  const eligible = idx.flatMap((i, k) => (r.repost[i] === 0 && r.words[i] >= o.minWords ? [k] : []))
  const groups = findClusters(posts, eligible, { maxBits: o.maxHammingBits, windowMs: o.clusterWindowS * 1000, minAuthors: o.minClusterAuthors })
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
  const n = idx.length
  const counts = [...accounts.values()].map((a) => a.posts)
  const shares = {
    posts: n,
    copyShare: n ? round(copied.reduce((s, c) => s + c, 0) / n) : 0,
    newAccountShare: n ? round(isNew.filter(Boolean).length / n) : 0,
    topAuthorShare: round(topAuthorShare(counts)),
    burstiness: round(burstiness(seconds)),
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
    postsPerAuthor: accounts.size ? round(n / accounts.size) : 0,
    ...verdictOf(shares, o),
    evidence: { clusters, accounts: suspects.slice(0, MAX_ACCOUNTS) },
  }
  return { authenticity, buckets: q.bucketS ? bucketsOf(idx.map((i, k) => [r.t[i], copied[k] === 1 || isNew[k]] as const), q.fromMs, q.toMs, q.bucketS) : [] }
}

function bucketsOf(posts: (readonly [number, boolean])[], fromMs: number, toMs: number, bucketS: number): AuthenticityBucket[] {
  const width = bucketS * 1000
  const start = Math.floor(fromMs / width) * width
  const buckets = Array.from({ length: Math.ceil((toMs - start) / width) }, (_, i) => ({ t: start + i * width, organic: 0, suspect: 0 }))
  for (const [t, suspect] of posts) {
    const b = buckets[Math.floor((t - start) / width)]
    if (b) b[suspect ? 'suspect' : 'organic']++
  }
  return buckets
}
