// A moment's reaction states no net sentiment for a window without posts. The API sent net 0 for an empty window
// (and a change of +0.40 ± 0.00 against it): a reading of "neutral" for a window nobody spoke in, which any client
// but the wall (which drew a dash from the post counts) would show as a figure. Now net, the change and its margin
// are null when a window has no posts. Over app.inject on the embedded store.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Moment, MomentReaction } from '@pulso/types'
import { post, suiteApp } from './helpers.ts'
import { ingestAll, reactionBySql } from './wall-fixtures.ts'

const NAMES = { ruiz: 'Elena Ruiz', vidal: 'Marcos Vidal', soto: 'Carmen Soto' }
/** Posts in the 3 min before and after the moment: Molina is named in neither. */
const COUNTS = { ruiz: [2, 3], vidal: [0, 3], soto: [2, 0] } as const

describe('moment reaction: an empty window has no net sentiment', () => {
  const t = suiteApp({ flushMs: 50 })
  const at = Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000
  let m: Moment
  beforeAll(async () => {
    const posts = Object.entries(COUNTS).flatMap(([e, [b, a]]) =>
      Array.from({ length: b + a }, (_, i) =>
        post({
          id: `re-${e}-${i}`,
          createdAt: new Date(i < b ? at - 60_000 + i * 1000 : at + 30_000 + i * 1000).toISOString(),
          text: `${NAMES[e as keyof typeof NAMES]} ${i % 2 ? 'un desastre total, qué vergüenza' : 'brillante esta noche, enhorabuena'}`,
        }),
      ),
    )
    await ingestAll(t, posts)
    const r = await t.app.inject({ method: 'POST', url: '/api/moments', payload: { label: 'Cierre', at, board: 'debate' } })
    expect(r.statusCode).toBe(201)
    m = r.json<Moment>()
  })

  it('sends null for the net, the change and its margin where a window has no posts, figures where both have', async () => {
    const r = await t.app.inject({ url: `/api/moments/${m.id}/reaction` })
    expect(r.statusCode, r.body).toBe(200)
    const rx = r.json<MomentReaction>()
    expect(rx.complete).toBe(true)
    const of = (e: string) => rx.entities.find((x) => x.entity === e)!
    for (const e of ['ruiz', 'vidal', 'soto', 'molina']) {
      const got = of(e)
      const want = await reactionBySql(t, e, at, 3)
      const [b, a] = COUNTS[e as keyof typeof COUNTS] ?? [0, 0]
      expect([got.before.posts, got.after.posts], e).toEqual([b, a])
      expect([want.before.posts, want.after.posts], e).toEqual([b, a])
      expect(got.postsChange, e).toBe(a - b)
      // Each window's net: a number exactly when it has posts, and then the store's own count.
      for (const side of ['before', 'after'] as const) {
        if (got[side].posts === 0) expect(got[side].net, `${e} ${side}`).toBeNull()
        else expect(got[side].net, `${e} ${side}`).toBeCloseTo(want[side].net!, 9)
      }
      if (b && a) {
        expect(got.netChange, e).toBeCloseTo(want.after.net! - want.before.net!, 9)
        expect(got.netMargin, e).toBeGreaterThan(0)
      } else {
        expect(got.netChange, e).toBeNull()
        expect(got.netMargin, e).toBeNull()
      }
    }
    // In the JSON itself, not an absent key a client might read as 0.
    const vidal = JSON.parse(r.body).entities.find((x: { entity: string }) => x.entity === 'vidal')
    expect(vidal.before).toEqual({ posts: 0, net: null })
    expect(vidal).toHaveProperty('netChange', null)
  })
})
