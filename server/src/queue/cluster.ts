/**
 * Posts → cases. ClickHouse gives each queued post its locality-sensitive band keys (store/cases.ts); two posts that
 * share a band key, or sit in the same thread, belong to one case. "Share" is transitive (a union-find over the keys),
 * so a long run of near-duplicates that drift word by word stays one case. Pure and bounded by its input.
 */
import type { Nature, QueueCase, QueueIntent, QueueStatus } from '@pulso/types'
import type { CaseSettings } from './settings.ts'
import { unionFind } from '../lib/union-find.ts'

/** One queued post as the store returns it: narrow columns only (texts are fetched for the shown cases alone). */
export interface CasePostRow {
  id: string
  entity: string
  /** Unrounded priority. */
  score: number
  createdMs: number
  authorId: string
  followers: number
  verified: boolean
  status: QueueStatus
  assignee: string
  deadlineMs: number
  intent: QueueIntent
  nature: Nature | null
  /** Band keys of the text (one per band), and its min-hashes (to check a shared band against the whole text). */
  bands: number[]
  minhash: number[]
  /** Every entity the post is about (the SLA counts it for each one customer care answers for). */
  entities?: string[]
  /** Thread links: the posts it replies to or quotes ('' = none). */
  links: string[]
}

/** A case before its sample's text is read: `sample.text`, `url`, handles are filled by the store. */
export type CaseDraft = Omit<QueueCase, 'sample' | 'topAuthor'> & { sampleId: string; topAuthorId: string; topFollowers: number; topVerified: boolean }

const STATUS_RANK: QueueStatus[] = ['open', 'assigned', 'answered', 'dismissed']
const RANK = Object.fromEntries(STATUS_RANK.map((st, i) => [st, i])) as Record<QueueStatus, number>

/**
 * A case's id: the entity and its earliest post, so it does not change as later posts join. Two 32-bit FNV-1a hashes
 * with different offsets (16 hex digits): not a secret, only a stable name, and cheap for 20k cases per read.
 */
export function caseId(entity: string, firstPostId: string): string {
  const key = `${entity}\u0000${firstPostId}`
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15)
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')
}

/** The case's priority and its parts: the top post's, plus log-scaled size and growth terms, capped at 100. */
export function casePriority(top: number, count: number, recent: number, previous: number, s: Pick<CaseSettings, 'sizeWeight' | 'growthWeight'>) {
  const size = s.sizeWeight * Math.log10(Math.max(1, count))
  const growth = s.growthWeight * Math.log10(1 + Math.max(0, recent - previous))
  return { priority: Math.round(Math.min(100, top + size + growth)), parts: { top: Math.round(top), size: Math.round(size * 10) / 10, growth: Math.round(growth * 10) / 10 } }
}

/** The share of equal min-hashes: an estimate of the two word sets' Jaccard similarity. */
export function similarity(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length)
  if (!n) return 0
  let same = 0
  for (let k = 0; k < n; k++) if (a[k] === b[k]) same++
  return same / n
}

/** Groups posts into cases, ranked highest priority first (then oldest first: it has waited longer). */
export function clusterCases(rows: CasePostRow[], s: CaseSettings, now: number, velocityMs: number): CaseDraft[] {
  const uf = unionFind(rows.length)
  // Band key → the first post seen with it: per entity, and per entity and nature (numbers: no string keys on the hot
  // path). A shared band is a candidate; the whole signature decides. Without this check, posts sharing only a stock
  // phrase ("mis hijos sin poder hacer los deberes") collide now and then and chain unrelated cases together. Across
  // natures the bar is higher (minSimilarityAcross): on the demo's 11,700 queued posts, short different complaints
  // ("cobra por un router que ya tengo pagado" / "el repetidor dejó de funcionar") sharing an opener and a stock ending
  // agreed on 0.50–0.59 and chained questions, tariffs and support complaints into the outage's case (6,277 posts, one
  // answer for all); true retellings the analyser read as another nature agreed on 0.69–1.0. Each post meets the
  // band's first post of its own nature too, so a stricter bar against another nature's post costs no same-kind join.
  type Slots = { any: Map<number, number>; kinds: Map<string | null, Map<number, number>> }
  const first = new Map<string, Slots>()
  const across = Math.max(s.minSimilarity, s.minSimilarityAcross)
  rows.forEach((r, i) => {
    let own = first.get(r.entity)
    if (!own) first.set(r.entity, (own = { any: new Map(), kinds: new Map() }))
    let kind = own.kinds.get(r.nature)
    if (!kind) own.kinds.set(r.nature, (kind = new Map()))
    for (const b of r.bands) {
      const j = kind.get(b)
      if (j === undefined) kind.set(b, i)
      else if (uf.find(i) !== uf.find(j) && similarity(r.minhash, rows[j].minhash) >= s.minSimilarity) uf.union(i, j)
      const k = own.any.get(b)
      if (k === undefined) own.any.set(b, i)
      else if (rows[k].nature !== r.nature && uf.find(i) !== uf.find(k) && similarity(r.minhash, rows[k].minhash) >= across) uf.union(i, k)
    }
  })
  // Threads: a post and the posts that reply to or quote it, about the same entity (only linked posts are keyed).
  const linked = new Set(rows.flatMap((r) => r.links.filter(Boolean)))
  if (linked.size) {
    const at = new Map<string, number>()
    const link = (key: string, i: number) => {
      const j = at.get(key)
      if (j === undefined) at.set(key, i)
      else uf.union(i, j)
    }
    rows.forEach((r, i) => {
      if (linked.has(r.id)) link(`${r.entity}\u0000${r.id}`, i)
      for (const l of r.links) if (l) link(`${r.entity}\u0000${l}`, i)
    })
  }
  const groups = new Map<number, CasePostRow[]>()
  rows.forEach((r, i) => {
    const root = uf.find(i)
    const g = groups.get(root)
    if (g) g.push(r)
    else groups.set(root, [r])
  })
  const cases = [...groups.values()].map((posts) => draft(posts, s, now, velocityMs))
  return cases.sort((a, b) => b.priority - a.priority || a.first.at - b.first.at || (a.id < b.id ? -1 : 1))
}

function draft(posts: CasePostRow[], s: CaseSettings, now: number, velocityMs: number): CaseDraft {
  posts.sort((a, b) => a.createdMs - b.createdMs || (a.id < b.id ? -1 : 1))
  const first = posts[0]
  const last = posts[posts.length - 1]
  let top = first
  let recent = 0
  let previous = 0
  let deadline = Infinity
  let status = 3
  const authors = new Set<string>()
  const assignees = new Map<string, number>()
  for (const p of posts) {
    if (p.score > top.score) top = p
    if (p.createdMs >= now - velocityMs) recent++
    else if (p.createdMs >= now - 2 * velocityMs) previous++
    deadline = Math.min(deadline, p.deadlineMs)
    status = Math.min(status, RANK[p.status])
    authors.add(p.authorId)
    if (p.status === 'assigned' && p.assignee) assignees.set(p.assignee, (assignees.get(p.assignee) ?? 0) + 1)
  }
  // The post shown is the loudest voice among the posts of the kind the case is named for (its riskiest post's intent
  // and nature): the loudest of the whole case could be saying something else ("safety claim" above "no internet").
  let voice = top
  const reach = (p: CasePostRow) => p.followers + (p.verified ? 1e12 : 0)
  for (const p of posts) if (p.intent === top.intent && p.nature === top.nature && reach(p) > reach(voice)) voice = p
  const { priority, parts } = casePriority(top.score, posts.length, recent, previous, s)
  const assignee = [...assignees].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
  return {
    id: caseId(first.entity, first.id),
    entity: first.entity,
    count: posts.length,
    authors: authors.size,
    priority,
    parts,
    recent,
    previous,
    first: { id: first.id, at: first.createdMs },
    latest: { id: last.id, at: last.createdMs },
    intent: top.intent,
    nature: top.nature,
    deadline,
    status: STATUS_RANK[Math.max(0, status)],
    assignee,
    postIds: posts.map((p) => p.id),
    sampleId: voice.id,
    topAuthorId: voice.authorId,
    topFollowers: voice.followers,
    topVerified: voice.verified,
  }
}
