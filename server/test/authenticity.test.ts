// Issue 20: is this surge real? Synthetic streams on the embedded store, judged through GET /api/authenticity.
import { describe, expect, it } from 'vitest'
import type { Authenticity, PostInput } from '@pulso/types'
import { suiteApp } from './helpers.ts'
import { ingestAll } from './wall-fixtures.ts'
import { campaign, organic, TEMPLATES } from './authenticity-streams.ts'

const MIN = 60_000

describe('authenticity of a surge (acceptance)', () => {
  const t = suiteApp({ flushMs: 50 })
  // Each case its own ten minutes, an hour apart, so the streams never meet in one window.
  const base = Date.now() - 6 * 3600_000
  const slot = (k: number) => base + k * 3600_000
  const judge = async (k: number): Promise<Authenticity> => {
    const r = await t.app.inject({ url: `/api/authenticity?entity=ruiz&from=${slot(k)}&to=${slot(k) + 10 * MIN}` })
    expect(r.statusCode, r.body).toBe(200)
    return r.json<Authenticity>()
  }

  it('(a) 60 day-old accounts posting 3 templates with small edits within 2 minutes: coordinated, the 3 clusters', async () => {
    const bots = campaign(60, 2, 3, { start: slot(0) + 3 * MIN, spanMs: 2 * MIN, seed: 1, tag: 'a' })
    const people = organic(20, { start: slot(0), spanMs: 10 * MIN, seed: 2, tag: 'a' })
    await ingestAll(t, [...bots, ...people])
    const a = await judge(0)
    expect(a.posts).toBe(140)
    expect(a.verdict).toBe('coordinated')
    expect(a.copyShare).toBeGreaterThanOrEqual(0.7)
    expect(a.evidence.clusters).toHaveLength(3)
    // Each cluster is one template, written by 40 of the accounts (each posted two of the three templates).
    for (const c of a.evidence.clusters) {
      expect(c.authors).toBe(40)
      expect(TEMPLATES.filter((x) => c.sample.toLowerCase().includes(x.slice(10, 40).toLowerCase()))).toHaveLength(1)
      expect(c.last - c.first).toBeLessThanOrEqual(2 * MIN)
    }
    expect(new Set(a.evidence.clusters.map((c) => c.sample.slice(0, 30))).size).toBe(3)
    expect(a.newAccountShare).toBeCloseTo(120 / 140, 2)
    expect(a.newAccounts).toBe(60)
    expect(a.evidence.accounts[0]).toMatchObject({ newAccount: true, copies: 2 })
  })

  it('(b) 300 established accounts reacting in their own words: organic, copyShare ≤ 0.1', async () => {
    await ingestAll(t, organic(300, { start: slot(1) + 2 * MIN, spanMs: 4 * MIN, seed: 3, tag: 'b' }))
    const a = await judge(1)
    expect(a.posts).toBe(300)
    expect(a.verdict).toBe('organic')
    expect(a.copyShare).toBeLessThanOrEqual(0.1)
    expect(a.newAccountShare).toBe(0)
    expect(a.topAuthorShare).toBeLessThanOrEqual(0.02)
  })

  it('(c) a mixed surge: mixed, each share within ±0.1 of the truth', async () => {
    const people = organic(140, { start: slot(2) + 2 * MIN, spanMs: 4 * MIN, seed: 4, tag: 'c' })
    const bots = campaign(30, 2, 2, { start: slot(2) + 3 * MIN, spanMs: 2 * MIN, seed: 5, tag: 'c' })
    await ingestAll(t, [...people, ...bots])
    const a = await judge(2)
    const truth = bots.length / (bots.length + people.length) // 0.3: copies, and posts by new accounts
    expect(a.verdict).toBe('mixed')
    expect(Math.abs(a.copyShare - truth)).toBeLessThanOrEqual(0.1)
    expect(Math.abs(a.newAccountShare - truth)).toBeLessThanOrEqual(0.1)
    expect(a.evidence.clusters).toHaveLength(2)
  })

  it('(d) reposts of one post by 150 accounts are volume, not copy-paste', async () => {
    const people = organic(100, { start: slot(3) + 2 * MIN, spanMs: 4 * MIN, seed: 6, tag: 'd' })
    const original = people[0]
    const reposts: PostInput[] = Array.from({ length: 150 }, (_, i) => ({
      ...original, id: `d-rp-${i}`, repostOf: original.id, createdAt: new Date(slot(3) + 3 * MIN + i * 500).toISOString(),
      author: { id: `d-sharer-${i}`, handle: `sharer${i}`, createdAt: new Date(slot(3) - 900 * 86_400_000).toISOString() },
    }))
    await ingestAll(t, [...people, ...reposts])
    const a = await judge(3)
    expect(a.posts).toBe(250)
    expect(a.copyShare).toBeLessThanOrEqual(0.02)
    expect(a.evidence.clusters).toHaveLength(0)
    expect(a.verdict).toBe('organic')
  })
})
