import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Feed, Moment, MomentReaction, Snapshot } from '@pulso/types'
import { post, testApp } from './helpers.ts'
import { highlight, termPattern } from '../src/live/highlight.ts'
import { ingestAll, perSecond, reactionBySql, scriptedEvent, type T } from './wall-fixtures.ts'

describe('wall API: moments, replay, feed', () => {
  let t: T
  const base = Math.floor(Date.now() / 1000) * 1000 - 30 * 60_000
  beforeAll(async () => {
    t = await testApp({ flushMs: 50 })
    await t.app.ready()
    await ingestAll(t, scriptedEvent(base, 240, 240, 'ev'))
  })
  afterAll(() => t?.close())

  it('marks a moment, pushes nothing wrong, and its reaction equals an independent count over posts', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/moments', payload: { label: 'Vidal on pensions', at: base, board: 'debate' } })
    expect(r.statusCode).toBe(201)
    const m = r.json<Moment>()
    expect(m).toMatchObject({ label: 'Vidal on pensions', at: base, board: 'debate' })
    const list = (await t.app.inject({ url: '/api/moments' })).json<{ moments: Moment[]; canMark: boolean }>()
    expect(list.moments.map((x) => x.id)).toContain(m.id)
    expect(list.canMark).toBe(true) // open mode: everyone is admin

    for (const minutes of [3, 1]) {
      const rx = (await t.app.inject({ url: `/api/moments/${m.id}/reaction${minutes === 3 ? '' : `?minutes=${minutes}`}` })).json<MomentReaction>()
      expect(rx.minutes).toBe(minutes)
      expect(rx.complete).toBe(true)
      expect(rx.entities.map((e) => e.entity).sort()).toEqual(['molina', 'ruiz', 'soto', 'vidal'])
      for (const e of rx.entities) {
        const want = await reactionBySql(t, e.entity, base, minutes)
        expect(e.before.posts).toBe(want.before.posts)
        expect(e.after.posts).toBe(want.after.posts)
        for (const side of ['before', 'after'] as const) {
          // null for a window without posts (Soto and Molina are in none of them), on both sides of the comparison.
          const stored = want[side].net
          if (stored === null) expect(e[side].net, `${e.entity} ${side}`).toBeNull()
          else expect(e[side].net, `${e.entity} ${side}`).toBeCloseTo(stored, 9)
        }
        expect(e.postsChange).toBe(want.after.posts - want.before.posts)
      }
      // The scripted counts say how many posts each span holds, whatever the analyser scored.
      const count = (fn: (k: number) => number, from: number, to: number) => Array.from({ length: to - from }, (_, i) => fn(from + i + 240)).reduce((a, b) => a + b, 0)
      const ruiz = rx.entities.find((e) => e.entity === 'ruiz')!
      expect(ruiz.before.posts).toBe(count(perSecond.ruiz, -minutes * 60, 0))
      expect(ruiz.after.posts).toBe(count(perSecond.ruiz, 0, minutes * 60))
      // The mood turns after the moment (see scriptedEvent): the reaction shows it.
      const vidal = rx.entities.find((e) => e.entity === 'vidal')!
      expect(ruiz.netChange).toBeGreaterThan(0)
      expect(vidal.netChange).toBeLessThan(0)
    }

    expect((await t.app.inject({ method: 'DELETE', url: `/api/moments/${m.id}` })).statusCode).toBe(200)
    const after = (await t.app.inject({ url: '/api/moments' })).json<{ moments: Moment[] }>()
    expect(after.moments.map((x) => x.id)).not.toContain(m.id)
    expect((await t.app.inject({ method: 'POST', url: '/api/moments', payload: { label: '' } })).statusCode).toBe(400)
  })

  it('replays any stored second: the window and the per-second points of that second', async () => {
    const k = 37 // seconds after the start of the event
    const s = base + k * 1000
    const snap = (await t.app.inject({ url: `/api/replay?t=${new Date(s).toISOString()}` })).json<Snapshot>()
    expect(snap.tick.at).toBe(s + 1000)
    for (const entity of ['ruiz', 'vidal'] as const) {
      const at = snap.history.find((p) => p.entity === entity && p.t === s)
      expect(at?.posts ?? 0).toBe(perSecond[entity](k + 240))
      let sum = 0
      for (let j = k - 59; j <= k; j++) sum += perSecond[entity](j + 240)
      expect(snap.tick.entities.find((e) => e.entity === entity)!.posts).toBe(sum)
    }
    expect(snap.tick.entities.find((e) => e.entity === 'soto')!.posts).toBe(0)
  })

  it('feeds top posts by influence with reposts collapsed, and rising terms', async () => {
    const now = Date.now()
    const ago = (s: number) => new Date(now - s * 1000).toISOString()
    const star = post({ id: 'star', createdAt: ago(100), text: 'Carmen Soto anuncia la reforma de #pensiones', author: { id: 'star', handle: 'prensa', followers: 2_000_000 }, metrics: { reposts: 900 }, lang: 'es' })
    const reposts = Array.from({ length: 6 }, (_, i) => post({ id: `rp-${i}`, createdAt: ago(90 - i), text: 'RT Carmen Soto anuncia la reforma de #pensiones', repostOf: 'star', author: { id: `rp${i}`, followers: 10 } }))
    const chatter = Array.from({ length: 12 }, (_, i) => post({ id: `ch-${i}`, createdAt: ago(60 + i), text: `Carmen Soto y las #pensiones, opinión ${i}`, author: { id: `c${i}`, followers: 5 + i } }))
    const old = Array.from({ length: 20 }, (_, i) => post({ id: `old-${i}`, createdAt: ago(1800 + i * 60), text: 'Carmen Soto habla de sanidad', author: { id: `o${i}`, followers: 50 } }))
    await ingestAll(t, [star, ...reposts, ...chatter, ...old])
    const feed = (await t.app.inject({ url: `/api/feed?at=${now}` })).json<Feed>()
    expect(Object.keys(feed.boards).sort()).toEqual(['', 'brand', 'debate'])
    const top = feed.boards.debate.posts
    expect(top[0]).toMatchObject({ id: 'star', author: 'prensa', copies: 6, lang: 'es', entities: ['soto'] })
    expect(top.filter((p) => p.id.startsWith('rp-'))).toEqual([]) // collapsed into the original
    expect(top[0].runs.filter((r) => r.mark).map((r) => r.text)).toEqual(['Carmen Soto'])
    expect(top[0].runs.map((r) => r.text).join('')).toBe(star.text)
    expect(feed.boards.brand.posts).toEqual([])
    const rising = feed.boards.debate.rising.map((r) => r.term)
    expect(rising).toContain('#pensiones')
    expect(rising).not.toContain('sanidad') // only in the previous hour
    expect(rising).not.toContain('soto') // an entity term
  })
})

describe('entity terms in the feed', () => {
  it('marks terms folding case and accents, on word boundaries, with #/@ forms, keeping the text intact', () => {
    const text = 'ÁLVARO Peña habló: #PeñaPresidente y @peña, no "peñas" 👏 Peña'
    const runs = highlight(text, termPattern(['"Alvaro Pena"', 'pena']))
    expect(runs.map((r) => r.text).join('')).toBe(text)
    expect(runs.filter((r) => r.mark).map((r) => r.text)).toEqual(['ÁLVARO Peña', '@peña', 'Peña'])
    expect(highlight('nada', null)).toEqual([{ text: 'nada', mark: false }])
  })
})
