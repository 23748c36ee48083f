import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrationVersions, ndjson, post, queryRows, testApp } from './helpers.ts'
import { SERIES_COLUMNS, seriesFromColumns } from '@pulso/types'

describe('POST /api/ingest on the embedded store', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    t = await testApp()
  })
  afterAll(() => t.close())

  it('stores 1,000 posts exactly once and keeps per-entity aggregates right', async () => {
    const texts = [
      ['Elena Ruiz ha estado brillante 👏', ['ruiz']],
      ['No me gusta nada lo que propone Marcos Vidal', ['vidal']],
      ['Debate: #SotoSi frente a @javiermolina, ¿quién gana?', ['soto', 'molina']],
      ['@ondanet_ayuda llevo 3 días sin internet 😡', ['ondanet']],
      ['Hoy hace buen tiempo en Sevilla', []],
    ] as const
    const posts = Array.from({ length: 1000 }, (_, i) => post({ id: `bulk-${i}`, text: texts[i % texts.length][0], author: { id: `a${i % 300}` } }))
    // Half as NDJSON, half as a JSON array: both content types go through the same steps.
    const a = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': 'application/x-ndjson' }, payload: ndjson(posts.slice(0, 500)) })
    const b = await t.app.inject({ method: 'POST', url: '/api/ingest', payload: posts.slice(500) })
    expect(a.statusCode).toBe(202)
    expect(b.statusCode).toBe(202)
    expect(a.json()).toEqual({ accepted: 500, duplicates: 0, rejected: [], rejectedCount: 0 })
    expect(b.json()).toEqual({ accepted: 500, duplicates: 0, rejected: [], rejectedCount: 0 })

    const [{ n, ids }] = await queryRows<{ n: string; ids: string }>(t.app, 'SELECT count() AS n, uniqExact(id) AS ids FROM posts')
    expect(Number(n)).toBe(1000)
    expect(Number(ids)).toBe(1000)

    const expected: Record<string, number> = {}
    posts.forEach((_, i) => texts[i % texts.length][1].forEach((e) => (expected[e] = (expected[e] ?? 0) + 1)))
    const agg = await queryRows<{ entity: string; posts: string }>(t.app, 'SELECT entity, sum(posts) AS posts FROM entity_seconds GROUP BY entity')
    expect(Object.fromEntries(agg.map((r) => [r.entity, Number(r.posts)]))).toEqual(expected)
    const [{ authors }] = await queryRows<{ authors: string }>(t.app, `SELECT uniqMerge(authors) AS authors FROM entity_seconds WHERE entity = 'ruiz'`)
    // ruiz posts are i ≡ 0 (mod 5), authors a(i mod 300): i mod 300 takes the 60 multiples of 5 below 300
    expect(Number(authors)).toBe(60)
  })

  it('reports a specific error per bad line and stores every good line', async () => {
    const good = [post({ id: 'good-1' }), post({ id: 'good-2', lang: 'es' }), post({ id: 'good-3' })]
    const lines = [
      good[0],
      '{"id": "broken", "source": ',
      { ...post(), id: undefined },
      { ...post(), author: { id: 'x', followers: 'many' } },
      post({ id: 'huge', text: 'a'.repeat(1024 * 1024) }),
      good[1],
      post({ id: 'baddate', createdAt: 'yesterday' }),
      post({ id: 'baddate2', createdAt: '2026-13-45T25:00:00Z' }),
      { ...post({ id: 'extra' }), colour: 'blue' },
      '[1, 2]',
      good[2],
    ]
    const res = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': 'application/x-ndjson' }, payload: ndjson(lines) })
    expect(res.statusCode).toBe(202)
    const body = res.json() as { accepted: number; rejected: { line: number; error: string }[] }
    expect(body.accepted).toBe(3)
    const err = Object.fromEntries(body.rejected.map((r) => [r.line, r.error]))
    expect(Object.keys(err).map(Number)).toEqual([2, 3, 4, 5, 7, 8, 9, 10])
    expect(err[2]).toMatch(/^invalid JSON/)
    expect(err[3]).toBe("id: required")
    expect(err[4]).toMatch(/^author\.followers: .*number/)
    expect(err[5]).toMatch(/^text: longer than 25000 characters/)
    expect(err[7]).toMatch(/^createdAt: must be an ISO-8601/)
    expect(err[8]).toMatch(/^createdAt: must be an ISO-8601/)
    expect(err[9]).toBe("unknown field 'colour'")
    expect(err[10]).toBe("a post must be a JSON object, received array")
    const stored = await queryRows<{ id: string }>(t.app, `SELECT id FROM posts WHERE id LIKE 'good-%' OR id IN ('huge','baddate','extra') ORDER BY id`)
    expect(stored.map((r) => r.id)).toEqual(['good-1', 'good-2', 'good-3'])
  })

  it('answers bodies it cannot read with a clear 4xx', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': 'application/x-ndjson' }, payload: '  \n' })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error).toMatch(/empty body/)
    const broken = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': 'application/json' }, payload: '[{"id":' })
    expect(broken.statusCode).toBe(400)
    expect(broken.json().error).toMatch(/JSON/)
    const xml = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': 'application/xml' }, payload: '<post/>' })
    expect(xml.statusCode).toBe(415)
  })

  it('serves health and history from the same store', async () => {
    const h = (await t.app.inject('/api/health')).json()
    expect(h).toMatchObject({ status: 'ok', store: 'embedded', migrations: migrationVersions(), spoolQuarantined: 0 })
    // What runs, in order: analysis is a step whether it runs on worker threads (the default) or not.
    expect(h.steps).toEqual(['validate', 'match', 'analyse', 'write'])
    expect(h.rows).toBeGreaterThanOrEqual(1003)
    const s = await t.app.inject(`/api/series?entity=ruiz&from=${Date.now() - 600_000}&step=600`)
    expect(s.statusCode).toBe(200)
    const total = (s.json().points as { posts: number }[]).reduce((a, p) => a + p.posts, 0)
    expect(total).toBe(200 + 3)
    // the per-minute rollup and the per-second table tell the same story
    const perSecond = (await t.app.inject(`/api/series?entity=ruiz&from=${Date.now() - 600_000}&step=1`)).json().points as { posts: number; authors: number }[]
    expect(perSecond.reduce((a, p) => a + p.posts, 0)).toBe(total)
    // The wall's format: ClickHouse's columns passed through, decoded by the same function the wall uses.
    for (const step of [1, 60]) {
      const range = `entity=ruiz,vidal&from=${Date.now() - 600_000}&to=${Date.now()}&step=${step}`
      const points = (await t.app.inject(`/api/series?${range}`)).json().points
      const cols = await t.app.inject(`/api/series?${range}&format=columns`)
      expect(cols.statusCode).toBe(200)
      expect(cols.json().columns).toEqual([...SERIES_COLUMNS])
      expect(points.length).toBeGreaterThan(0)
      expect(seriesFromColumns(cols.json().data)).toEqual(points)
    }
    const empty = await t.app.inject(`/api/series?entity=ruiz&from=1000000000000&to=1000000060000&format=columns`)
    expect(empty.statusCode).toBe(200)
    expect(seriesFromColumns(empty.json().data)).toEqual([])
    const bad = await t.app.inject('/api/series?entity=nobody')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatch(/unknown entity nobody/)
  })
})

describe('POST /api/ingest without a spool, the store down', () => {
  it('answers 503 with Retry-After and the counts, then stores again once the store is back', async () => {
    const t = await testApp({ spoolMaxBytes: 0, flushMs: 20 })
    try {
      const real = t.app.store.client.insert
      t.app.store.client.insert = (async () => {
        throw new Error('connect ECONNREFUSED (simulated outage)')
      }) as typeof real
      const down = await t.app.inject({ method: 'POST', url: '/api/ingest', payload: [post(), post(), { bad: 1 }] })
      t.app.store.client.insert = real
      expect(down.statusCode).toBe(503)
      expect(down.headers['retry-after']).toBe('1')
      expect(down.json()).toMatchObject({ error: 'store unavailable, retry later', accepted: 0, rejectedCount: 3 })
      const back = await t.app.inject({ method: 'POST', url: '/api/ingest', payload: [post()] })
      expect(back.statusCode).toBe(202)
    } finally {
      await t.close()
    }
  })
})
