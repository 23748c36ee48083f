import { describe, expect, it } from 'vitest'
import type { CaseDetail, CasesPage, PostInput, QueuePage } from '@pulso/types'
import { post, queryRows, suiteApp } from './helpers.ts'
import { BASE, DISTINCT, complaints, nearDuplicate } from './queue-cases-fixtures.ts'

const ADMIN = 'cases-admin'
const VIEWER = 'cases-viewer'
const admin = { authorization: `Bearer ${ADMIN}` }
const viewer = { authorization: `Bearer ${VIEWER}` }

describe('the queue as cases (embedded store)', () => {
  const t = suiteApp({ adminToken: ADMIN, viewerToken: VIEWER })
  const ingest = async (posts: PostInput[]) => {
    for (let i = 0; i < posts.length; i += 200) {
      const r = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: admin, payload: posts.slice(i, i + 200) })
      expect(r.statusCode, r.body).toBe(202)
    }
  }
  const cases = async (qs = '') => {
    const r = await t.app.inject({ method: 'GET', url: `/api/queue/cases${qs}`, headers: viewer })
    expect(r.statusCode, r.body).toBe(200)
    return r.json<CasesPage>()
  }
  const queue = async (qs = '') => (await t.app.inject({ method: 'GET', url: `/api/queue${qs}`, headers: viewer })).json<QueuePage>()

  it('groups 500 near-duplicate complaints and 50 distinct ones into at most 60 cases', async () => {
    const dups = Array.from({ length: 500 }, (_, k) => nearDuplicate(k))
    expect(new Set(dups).size).toBeGreaterThan(300)
    await ingest([...complaints(dups, 'dup'), ...complaints(DISTINCT, 'one', 50)])
    // Every one of them is queued as a post of its own...
    expect((await queue('?limit=1')).total).toBe(550)
    const started = performance.now()
    const page = await cases('?limit=200')
    const ms = performance.now() - started
    console.log(`cases: 550 posts → ${page.total} cases in ${ms.toFixed(0)} ms; sizes ${page.cases.map((c) => c.count).slice(0, 8).join(', ')}…`)
    // ...and as cases the 500 retellings are one (or very few), the 50 others stay apart.
    expect(page.total).toBeLessThanOrEqual(60)
    expect(page.total).toBeGreaterThanOrEqual(50)
    const big = page.cases.filter((c) => c.postIds.some((id) => id.startsWith('dup-')))
    expect(big.reduce((s, c) => s + c.count, 0)).toBe(500)
    expect(big[0].count).toBeGreaterThanOrEqual(490)
    for (const c of page.cases.filter((c) => c.postIds.some((id) => id.startsWith('one-')))) expect(c.postIds.every((id) => id.startsWith('one-'))).toBe(true)
    // The big case: highest first, counted, first and latest post, sample with a link; priority = top post + size.
    const c = big[0]
    expect(page.cases[0].id).toBe(c.id)
    expect(c).toMatchObject({ entity: 'ondanet', status: 'open', first: { id: 'dup-0' }, latest: { id: 'dup-499' } })
    expect(c.authors).toBe(c.count)
    expect(c.sample.text).toMatch(/router/i)
    expect(c.priority).toBeGreaterThan(c.parts.top)
    const prios = page.cases.map((x) => x.priority)
    expect([...prios].sort((a, b) => b - a)).toEqual(prios)
  })
})
