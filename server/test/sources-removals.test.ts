import { describe, expect, it } from 'vitest'
import { post, queryRows, suiteApp } from './helpers.ts'

/**
 * Removals through the real app and its embedded store (issue 16 points 1–2, issue 19's purge): a post deleted at
 * the source stops counting everywhere, aggregates included; an edit is counted once, with its new entities; a
 * delete that comes before its post wins; a burst of deletes is one removal; purging a source leaves the others.
 * No clock here (pure group); the delete racing the writer's batch window is in sources-removals-writer.test.ts.
 */
describe('removals: deletes, edits and purges correct posts and the aggregates', () => {
  const t = suiteApp({ adminToken: 'admin-secret', viewerToken: 'viewer-secret' })
  const ingest = (posts: object[], replace = false) => t.app.ingest(posts.map((value, i) => ({ line: i + 1, value })), { replace })
  const n = (v: unknown) => Number(v)
  /** posts per entity, from posts, from entity_seconds and from entity_minutes: all three must agree. */
  async function counts(entity: string, source?: string) {
    const where = source ? `AND source = '${source}'` : ''
    const [p] = await queryRows<{ n: string; s: number }>(t.app, `SELECT count() AS n, round(sum(sentiment), 3) AS s FROM posts WHERE has(entities, {e:String}) ${where}`, { e: entity })
    const agg = async (table: string) => (await queryRows<{ n: string; s: number; neg: string }>(t.app, `SELECT sum(posts) AS n, round(sum(sentiment_sum), 3) AS s, sum(negative) AS neg FROM ${table} WHERE entity = {e:String}`, { e: entity }))[0]
    const sec = await agg('entity_seconds')
    const min = await agg('entity_minutes')
    return { posts: n(p.n), seconds: n(sec.n), minutes: n(min.n), sentiment: n(p.s), secondsSentiment: n(sec.s), minutesSentiment: n(min.s) }
  }
  /** A removal's DELETE runs in the background (the aggregates are corrected at once): wait until posts shows it. */
  const settled = () => expect.poll(async () => n((await queryRows<{ n: string }>(t.app, `SELECT count() AS n FROM system.mutations WHERE table = 'posts' AND NOT is_done`))[0].n), { timeout: 30_000, interval: 50 }).toBe(0)
  const agree = (c: Awaited<ReturnType<typeof counts>>, expected: number) => {
    expect(c).toMatchObject({ posts: expected, seconds: expected, minutes: expected })
    expect(c.secondsSentiment).toBeCloseTo(c.sentiment, 2)
    expect(c.minutesSentiment).toBeCloseTo(c.sentiment, 2)
  }

  it('a delete takes the post out of posts and the aggregates, and is recorded', async () => {
    const ps = [0, 1, 2].map((i) => post({ id: `del-${i}`, source: 'bsky', text: `Javier Molina miente ${i}, qué vergüenza` }))
    expect((await ingest(ps)).accepted).toBe(3)
    agree(await counts('molina', 'bsky'), 3)
    expect(await t.app.frontDoor.remove([{ source: 'bsky', id: 'del-1' }], 'deleted')).toBe(1)
    const [agg] = await queryRows<{ n: string }>(t.app, `SELECT sum(posts) AS n FROM entity_seconds WHERE entity = 'molina'`)
    expect(n(agg.n)).toBe(2) // the aggregates at once
    await settled() // posts when its DELETE is applied
    agree(await counts('molina'), 2)
    const [gone] = await queryRows<{ n: string }>(t.app, `SELECT count() AS n FROM posts WHERE id = 'del-1'`)
    expect(n(gone.n)).toBe(0)
    const rec = await queryRows<{ source: string; id: string; reason: string }>(t.app, `SELECT source, id, reason FROM post_removals WHERE id = 'del-1'`)
    expect(rec).toEqual([{ source: 'bsky', id: 'del-1', reason: 'deleted' }])
  })

  it('a delete that arrives before its post wins: the post is acknowledged, never stored', async () => {
    await t.app.frontDoor.remove([{ source: 'bsky', id: 'early-1' }], 'deleted')
    const r = await ingest([post({ id: 'early-1', source: 'bsky', text: 'Javier Molina, primer aviso' })])
    expect(r).toMatchObject({ accepted: 1, duplicates: 1 })
    const [row] = await queryRows<{ n: string }>(t.app, `SELECT count() AS n FROM posts WHERE id = 'early-1'`)
    expect(n(row.n)).toBe(0)
  })

  it('an edit replaces the stored version: new text and entities, counted once', async () => {
    const before = { soto: (await counts('soto')).posts, ruiz: (await counts('ruiz')).posts }
    const original = post({ id: 'edit-1', source: 'masto', text: 'Carmen Soto lo ha hecho fatal, qué desastre' })
    await ingest([original])
    agree(await counts('soto'), before.soto + 1)
    // The same post twice in a row replaced (a re-sent edit) must still count once.
    for (let k = 0; k < 2; k++) expect((await ingest([{ ...original, text: `Elena Ruiz lo ha hecho genial, bravo (v${k})` }], true)).accepted).toBe(1)
    await settled()
    agree(await counts('soto'), before.soto)
    agree(await counts('ruiz'), before.ruiz + 1)
    const rows = await queryRows<{ text: string; entities: string[] }>(t.app, `SELECT text, entities FROM posts WHERE id = 'edit-1'`)
    expect(rows).toEqual([{ text: 'Elena Ruiz lo ha hecho genial, bravo (v1)', entities: ['ruiz'] }])
  })

  it('a burst of 500 deletes is one removal, not 500 mutations; ingest keeps flowing meanwhile', async () => {
    const ps = Array.from({ length: 500 }, (_, i) => post({ id: `burst-${i}`, source: 'burst', text: `Marcos Vidal ${i} no convence` }))
    await ingest(ps)
    agree(await counts('vidal', 'burst'), 500)
    const mutations = async () => n((await queryRows<{ n: string }>(t.app, `SELECT count() AS n FROM system.mutations WHERE table = 'posts'`))[0].n)
    const m0 = await mutations()
    const t0 = performance.now()
    const done = Promise.all(ps.map((p) => t.app.frontDoor.remove([{ source: 'burst', id: p.id }], 'deleted')))
    const during = await ingest([post({ id: 'during-burst', source: 'other', text: 'Marcos Vidal sigue' })])
    await done
    console.log(`500 deletes removed in ${Math.round(performance.now() - t0)} ms; ${(await mutations()) - m0} mutation(s)`)
    expect(during.accepted).toBe(1)
    expect((await mutations()) - m0).toBeLessThanOrEqual(1)
    await settled()
    const [left] = await queryRows<{ n: string }>(t.app, `SELECT count() AS n FROM posts WHERE source = 'burst'`)
    expect(n(left.n)).toBe(0)
    const [agg] = await queryRows<{ n: string }>(t.app, `SELECT sum(posts) AS n FROM entity_seconds WHERE entity = 'vidal'`)
    expect(n(agg.n)).toBe(1) // only the post sent during the burst
  })

  it('purging the demo source leaves only the other sources in /api/series and the aggregates (issue 19)', async () => {
    const now = Date.now()
    const demo = Array.from({ length: 40 }, (_, i) => post({ id: `demo-${i}`, source: 'demo', createdAt: new Date(now - 30_000 + i * 100).toISOString(), text: `Elena Ruiz arrasa ${i}` }))
    await ingest(demo)
    const admin = { authorization: 'Bearer admin-secret' }
    const viewer = { authorization: 'Bearer viewer-secret' }
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/purge', headers: viewer, payload: { source: 'demo' } })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/purge', headers: admin, payload: { source: '' } })).json().error).toMatch(/source: must not be empty/)
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/purge', headers: admin, payload: { source: 'demo', all: true } })).statusCode).toBe(400)
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/purge', headers: admin, payload: { source: 'demo' } })
    expect(res.json()).toEqual({ source: 'demo', removed: 40 })
    await settled()
    for (const e of ['ruiz', 'soto', 'molina', 'vidal']) {
      const c = await counts(e)
      agree(c, c.posts) // every entity: the aggregates hold exactly what posts holds, no demo post among them
    }
    const [demoLeft] = await queryRows<{ n: string }>(t.app, `SELECT count() AS n FROM posts WHERE source = 'demo'`)
    expect(n(demoLeft.n)).toBe(0)
    const series = await t.app.inject({ url: `/api/series?entity=ruiz&from=${new Date(now - 3600_000).toISOString()}&to=${new Date(now + 60_000).toISOString()}&step=60`, headers: viewer })
    expect(series.statusCode).toBe(200)
    const total = (series.json().points ?? series.json()).reduce((s: number, p: { posts: number }) => s + p.posts, 0)
    expect(total).toBe((await counts('ruiz')).posts)
    // Purged is not deleted: the same posts may be sent again (a replay purged to be played anew).
    expect((await ingest(demo.slice(0, 5))).duplicates).toBe(0)
    agree(await counts('ruiz'), total + 5)
  })

  it('HTTP ingest takes replyTo, quoteOf and author.createdAt (optional, validated) and stores them (issue 16, points 6–7)', async () => {
    const admin = { authorization: 'Bearer admin-secret' }
    const ok = [
      post({ id: 'thread-1', source: 'api', text: 'Carmen Soto abre el debate' }),
      post({ id: 'thread-2', source: 'api', text: 'Carmen Soto se equivoca', replyTo: 'thread-1', author: { id: 'old-account', createdAt: '2009-02-03T04:05:06Z' } }),
      post({ id: 'thread-3', source: 'api', text: 'Carmen Soto, mirad', quoteOf: 'thread-1' }),
    ]
    const bad = [
      post({ id: 'bad-1', source: 'api', replyTo: '' }),
      post({ id: 'bad-2', source: 'api', author: { id: 'x', createdAt: 'yesterday' } }),
      post({ id: 'bad-3', source: 'api', quoteOf: 'q'.repeat(300) }),
    ]
    const r = (await t.app.inject({ method: 'POST', url: '/api/ingest', headers: admin, payload: [...ok, ...bad] })).json()
    expect(r.accepted).toBe(3)
    expect(r.rejected.map((x: { line: number; error: string }) => [x.line, x.error])).toEqual([
      [4, 'replyTo: must not be empty'],
      [5, 'author.createdAt: must be an ISO-8601 date-time, e.g. 2026-11-23T21:05:00Z'],
      [6, 'quoteOf: longer than 256 characters'],
    ])
    const rows = await queryRows<{ id: string; reply_to: string; quote_of: string; born: string | null }>(t.app, `SELECT id, reply_to, quote_of, toString(author_created_at) AS born FROM posts WHERE source = 'api' ORDER BY id`)
    expect(rows).toEqual([
      { id: 'thread-1', reply_to: '', quote_of: '', born: null },
      { id: 'thread-2', reply_to: 'thread-1', quote_of: '', born: '2009-02-03 04:05:06.000' },
      { id: 'thread-3', reply_to: '', quote_of: 'thread-1', born: null },
    ])
  })
})

describe('a delete wins over its post waiting in the spool', () => {
  const t = suiteApp({ flushMs: 20 })
  it('spooled while the store refuses inserts, deleted meanwhile: the replay drops it; the delete is recorded once the store is back', async () => {
    const real = t.app.store.client.insert.bind(t.app.store.client)
    t.app.store.client.insert = (async () => {
      throw new Error('connect ECONNREFUSED (simulated outage)')
    }) as typeof real
    const p = post({ id: 'spooled-1', source: 'bsky', text: 'Carmen Soto, en directo' })
    expect(await t.app.ingest([{ line: 1, value: p }])).toMatchObject({ accepted: 1 })
    expect(t.app.frontDoor.stats.spooledBytes).toBeGreaterThan(0)
    // The store is out of reach: the removal is refused (its source sends it again), but the delete already counts.
    await expect(t.app.frontDoor.remove([{ source: 'bsky', id: 'spooled-1' }], 'deleted')).rejects.toThrow(/store unavailable/)
    t.app.store.client.insert = real
    await expect.poll(() => t.app.frontDoor.stats.spooledBytes, { timeout: 15_000 }).toBe(0)
    await t.app.frontDoor.remove([{ source: 'bsky', id: 'spooled-1' }], 'deleted') // the source's retry
    const [row] = await queryRows<{ n: string }>(t.app, `SELECT count() AS n FROM posts WHERE id = 'spooled-1'`)
    const [agg] = await queryRows<{ n: string | null }>(t.app, `SELECT sum(posts) AS n FROM entity_seconds WHERE entity = 'soto'`)
    const [rec] = await queryRows<{ n: string }>(t.app, `SELECT count() AS n FROM post_removals WHERE id = 'spooled-1' AND reason = 'deleted'`)
    expect({ posts: Number(row.n), aggregated: Number(agg.n ?? 0), recorded: Number(rec.n) }).toEqual({ posts: 0, aggregated: 0, recorded: 1 })
  })
})
