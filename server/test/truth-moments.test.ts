// Issue 17, point 5: a moment's reaction compares equal windows (the after-window so far against as long before),
// says "collecting" while that window is too short, and gives the counts and a 95% margin behind each change.
import { describe, expect, it } from 'vitest'
import type { Moment, MomentReaction } from '@pulso/types'
import { post, suiteApp } from './helpers.ts'
import { ingestAll } from './wall-fixtures.ts'

describe('moment reactions (truth)', () => {
  const t = suiteApp({ flushMs: 50 })
  const at = Math.floor(Date.now() / 1000) * 1000 - 2 * 60_000
  const mark = async (label: string, when: number) =>
    (await t.app.inject({ method: 'POST', url: '/api/moments', payload: { label, at: when, board: 'debate' } })).json<Moment>()
  const reaction = async (m: Moment, q = '') => (await t.app.inject({ url: `/api/moments/${m.id}/reaction${q}` })).json<MomentReaction>()

  it('sets the after-window so far against the same length before, with the counts behind each side', async () => {
    // Ruiz: one post every 2 s for 3 min before the moment (90), one a second for 2 min after it (120).
    const before = Array.from({ length: 90 }, (_, i) => post({ id: `rb-${i}`, createdAt: new Date(at - 180_000 + i * 2000).toISOString(), text: 'Elena Ruiz habla ahora' }))
    const after = Array.from({ length: 120 }, (_, i) => post({ id: `ra-${i}`, createdAt: new Date(at + i * 1000).toISOString(), text: 'Elena Ruiz ha estado brillante' }))
    await ingestAll({ app: t.app } as never, [...before, ...after])
    const m = await mark('Ruiz on pensions', at)

    // Seen 40 s after the moment: 40 s after (40 posts) against the 40 s before (20 posts), not 3 min before (90).
    const rx = await reaction(m, `?until=${at + 40_000}`)
    expect(rx.seconds).toBe(40)
    expect(rx.collecting).toBe(false)
    expect(rx.complete).toBe(false)
    const ruiz = rx.entities.find((e) => e.entity === 'ruiz')!
    expect(ruiz.after.posts).toBe(40)
    expect(ruiz.before.posts).toBe(20)
    expect(ruiz.postsChange).toBe(20)
    expect(ruiz.postsMargin).toBeCloseTo(1.96 * Math.sqrt(60), 9)
    expect(ruiz.netMargin).toBeGreaterThanOrEqual(0)

    // Now (≈2 min after): both windows ≈ 2 min long; 3 min of history is never set against a shorter after-window.
    const live = await reaction(m)
    const r2 = live.entities.find((e) => e.entity === 'ruiz')!
    expect(live.seconds).toBeGreaterThanOrEqual(119)
    expect(live.seconds).toBeLessThan(180)
    expect(r2.after.posts).toBe(Math.min(120, live.seconds))
    expect(r2.before.posts).toBe(Math.floor(live.seconds / 2)) // one every 2 s, the last at −2 s
  })

  it('says collecting for a moment marked seconds ago', async () => {
    const m = await mark('Fresh', Date.now() - 5_000)
    const rx = await reaction(m)
    expect(rx.collecting).toBe(true)
    expect(rx.seconds).toBeLessThan(30)
    for (const e of rx.entities) expect(e.before.posts).toBeLessThanOrEqual(e.after.posts + 10) // never 3 min of history
  })
})
