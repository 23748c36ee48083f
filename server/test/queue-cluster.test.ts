import { describe, expect, it } from 'vitest'
import { casePriority, caseId, clusterCases, type CasePostRow } from '../src/queue/cluster.ts'
import { DEFAULT_CASES } from '../src/queue/settings.ts'

const now = Date.parse('2026-11-29T18:00:00Z')
let n = 0
const row = (over: Partial<CasePostRow>): CasePostRow => ({
  id: `r${++n}`, entity: 'ondanet', score: 40, createdMs: now - 60 * 60_000, authorId: `a${n}`, followers: 100, verified: false,
  status: 'open', assignee: '', deadlineMs: now + 3_600_000, intent: 'complaint', nature: 'performance', links: [''], bands: [], minhash: [1, 2, 3, 4], ...over,
})

describe('grouping posts into cases', () => {
  it('joins shared bands transitively, per entity, and threads without shared words', () => {
    const a = row({ id: 'a', bands: [1, 2] })
    const b = row({ id: 'b', bands: [2, 3] })
    const c = row({ id: 'c', bands: [3, 4], createdMs: now - 1000 })
    const other = row({ id: 'x', entity: 'vidal', bands: [1, 2] })
    const reply = row({ id: 'reply', bands: [99], links: ['a', ''] })
    const alone = row({ id: 'alone', bands: [7] })
    // Shares a band with `a` by chance, but little else (1 of 4 min-hashes): not the same thing.
    const chance = row({ id: 'chance', bands: [1, 50], minhash: [1, 9, 9, 9] })
    const cases = clusterCases([a, b, c, other, reply, alone, chance], DEFAULT_CASES, now, 600_000)
    const of = (id: string) => cases.find((k) => k.postIds.includes(id))!
    expect(of('a').postIds.sort()).toEqual(['a', 'b', 'c', 'reply'])
    expect(of('x').postIds).toEqual(['x'])
    expect(of('alone').postIds).toEqual(['alone'])
    expect(of('chance').postIds).toEqual(['chance'])
    expect(of('a')).toMatchObject({ count: 4, first: { id: 'a' }, latest: { id: 'c' }, recent: 1, id: caseId('ondanet', 'a') })
  })

  it('joins posts of different natures only when they agree on more (minSimilarityAcross)', () => {
    // Ten min-hashes each: `stock` agrees with `bill` on 5 (0.5, an opener and a stock ending), `dup` on 7.
    const bill = row({ id: 'bill', nature: 'price', bands: [1], minhash: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] })
    const stock = row({ id: 'stock', nature: 'performance', bands: [1], minhash: [1, 2, 3, 4, 5, 0, 0, 0, 0, 0] })
    const samePrice = row({ id: 'same', nature: 'price', bands: [1], minhash: [1, 2, 3, 4, 5, 0, 0, 0, 0, 0] })
    const dup = row({ id: 'dup', nature: 'claims_handling', bands: [1], minhash: [1, 2, 3, 4, 5, 6, 7, 0, 0, 0] })
    const cases = clusterCases([bill, stock, samePrice, dup], DEFAULT_CASES, now, 600_000)
    const of = (id: string) => cases.find((k) => k.postIds.includes(id))!.postIds.sort()
    expect(of('bill')).toEqual(['bill', 'dup', 'same'])
    expect(of('stock')).toEqual(['stock'])
    // Set as low as minSimilarity, the stricter bar is off: the stock ending chains them all, as before.
    expect(clusterCases([bill, stock, samePrice, dup], { ...DEFAULT_CASES, minSimilarityAcross: 0.5 }, now, 600_000)).toHaveLength(1)
  })

  it('names a case by its entity and earliest post: later posts do not change it', () => {
    const first = row({ id: 'first', bands: [10] })
    const before = clusterCases([first], DEFAULT_CASES, now, 600_000)[0].id
    const later = clusterCases([first, row({ bands: [10], createdMs: now }), row({ bands: [10], createdMs: now })], DEFAULT_CASES, now, 600_000)
    expect(later).toHaveLength(1)
    expect(later[0].id).toBe(before)
    expect(before).toMatch(/^[0-9a-f]{16}$/)
    expect(caseId('vidal', 'first')).not.toBe(before)
  })

  it('ranks by the top post plus size and growth, capped at 100', () => {
    const w = { sizeWeight: 8, growthWeight: 6 }
    expect(casePriority(50, 1, 0, 0, w)).toEqual({ priority: 50, parts: { top: 50, size: 0, growth: 0 } })
    expect(casePriority(50, 10, 0, 0, w).priority).toBe(58)
    expect(casePriority(50, 100, 0, 0, w).priority).toBe(66)
    // 9 more in the last window than in the one before: +6.
    expect(casePriority(50, 10, 12, 3, w).priority).toBe(64)
    // Shrinking adds nothing; never past 100.
    expect(casePriority(50, 10, 1, 9, w).priority).toBe(58)
    expect(casePriority(95, 1000, 500, 0, w).priority).toBe(100)
  })

  it('shows a post that says what the case is named for: the loudest voice among the posts of its riskiest kind', () => {
    // Seen on the demo's queue: a case named "safety complaint" (its riskiest post) showed a 2.4M-follower author's
    // "no internet since Monday" — the case's loudest voice, about something else — as its text.
    const loud = row({ id: 'loud', followers: 2_400_000, verified: true, score: 60, intent: 'complaint', nature: 'performance', bands: [8] })
    const smoke = row({ id: 'smoke', followers: 300, score: 90, intent: 'claim', nature: 'safety', links: ['loud', ''], bands: [81] })
    const sparks = row({ id: 'sparks', followers: 5_000, score: 85, intent: 'claim', nature: 'safety', links: ['loud', ''], bands: [82] })
    const [c] = clusterCases([loud, smoke, sparks], DEFAULT_CASES, now, 600_000)
    expect(c).toMatchObject({ count: 3, intent: 'claim', nature: 'safety', sampleId: 'sparks', topFollowers: 5_000, parts: { top: 90 } })
  })

  it('keeps the most influential author as the voice, the tightest deadline, and a status for the whole case', () => {
    const posts = [
      row({ id: 'p1', bands: [5], followers: 50_000, score: 30, status: 'assigned', assignee: 'ana' }),
      row({ id: 'p2', bands: [5], followers: 900, verified: true, score: 70, deadlineMs: now + 60_000, status: 'assigned', assignee: 'ana' }),
    ]
    const [c] = clusterCases(posts, DEFAULT_CASES, now, 600_000)
    expect(c).toMatchObject({ sampleId: 'p2', topVerified: true, deadline: now + 60_000, status: 'assigned', assignee: 'ana', parts: { top: 70 } })
    const [open] = clusterCases([...posts, row({ bands: [5] })], DEFAULT_CASES, now, 600_000)
    expect(open.status).toBe('open')
  })
})
