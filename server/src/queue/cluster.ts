/**
 * Posts → cases. ClickHouse gives each queued post its locality-sensitive band keys (store/cases.ts); two posts that
 * share a band key, or sit in the same thread, belong to one case. "Share" is transitive (a union-find over the keys),
 * so a long run of near-duplicates that drift word by word stays one case. Pure and bounded by its input.
 */
import { createHash } from 'node:crypto'
import type { Nature, QueueCase, QueueIntent, QueueStatus } from '@pulso/types'
import type { CaseSettings } from './settings.ts'

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
  /** Band keys (already specific to the entity and band). */
  bands: number[]
  /** Thread links: the posts it replies to or quotes ('' = none). */
  links: string[]
}

/** A case before its sample's text is read: `sample.text`, `url`, handles are filled by the store. */
export type CaseDraft = Omit<QueueCase, 'sample' | 'topAuthor'> & { sampleId: string; topAuthorId: string; topFollowers: number; topVerified: boolean }

const STATUS_RANK: QueueStatus[] = ['open', 'assigned', 'answered', 'dismissed']

/** A case's id: the entity and its earliest post, so it does not change as later posts join. */
export const caseId = (entity: string, firstPostId: string) => createHash('sha256').update(`${entity}\u0000${firstPostId}`).digest('hex').slice(0, 16)

/** The case's priority and its parts: the top post's, plus log-scaled size and growth terms, capped at 100. */
export function casePriority(top: number, count: number, recent: number, previous: number, s: Pick<CaseSettings, 'sizeWeight' | 'growthWeight'>) {
  const size = s.sizeWeight * Math.log10(Math.max(1, count))
  const growth = s.growthWeight * Math.log10(1 + Math.max(0, recent - previous))
  return { priority: Math.round(Math.min(100, top + size + growth)), parts: { top: Math.round(top), size: Math.round(size * 10) / 10, growth: Math.round(growth * 10) / 10 } }
}

function unionFind(n: number) {
  const parent = Int32Array.from({ length: n }, (_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]]
    return i
  }
  return { find, union: (a: number, b: number) => void (parent[find(a)] = find(b)) }
}

/** Groups posts into cases, ranked highest priority first (then oldest first: it has waited longer). */
export function clusterCases(rows: CasePostRow[], s: CaseSettings, now: number, velocityMs: number): CaseDraft[] {
  const uf = unionFind(rows.length)
  const owner = new Map<string | number, number>()
  const link = (key: string | number, i: number) => {
    const j = owner.get(key)
    if (j === undefined) owner.set(key, i)
    else uf.union(i, j)
  }
  rows.forEach((r, i) => {
    for (const b of r.bands) link(b, i)
    // Threads: a post and the posts that reply to or quote it, about the same entity.
    link(`t\u0000${r.entity}\u0000${r.id}`, i)
    for (const l of r.links) if (l) link(`t\u0000${r.entity}\u0000${l}`, i)
  })
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
  let voice = first
  let recent = 0
  let previous = 0
  let deadline = Infinity
  let status = 3
  const authors = new Set<string>()
  const assignees = new Map<string, number>()
  for (const p of posts) {
    if (p.score > top.score) top = p
    if (p.followers + (p.verified ? 1e12 : 0) > voice.followers + (voice.verified ? 1e12 : 0)) voice = p
    if (p.createdMs >= now - velocityMs) recent++
    else if (p.createdMs >= now - 2 * velocityMs) previous++
    deadline = Math.min(deadline, p.deadlineMs)
    status = Math.min(status, STATUS_RANK.indexOf(p.status))
    authors.add(p.authorId)
    if (p.status === 'assigned' && p.assignee) assignees.set(p.assignee, (assignees.get(p.assignee) ?? 0) + 1)
  }
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
