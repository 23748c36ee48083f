// The wall's "Rising" tile in the first minutes of a session. Rising terms compare the last 5 minutes with the hour
// before; when the store holds no posts before those 5 minutes (a room that starts Pulso as the debate starts, the
// demo), nothing can be compared and the tile said "Nothing rising" while the alert banner beside it showed the
// wave's hashtag ×806. Now the feed says which windows it compared, and with no history before the recent window it
// shows the recent window's most cited terms, titled as such.
import { describe, expect, it } from 'vitest'
import type { Feed } from '@pulso/types'
import { post, suiteApp } from './helpers.ts'
import { ingestAll } from './wall-fixtures.ts'

const CALM = ['Ondanet: la factura de este mes llega bien', 'Ondanet me ha cambiado la tarifa', 'Did Ondanet change the plan again?']
const WAVE = ['Otra vez sin internet #OndanetCaido', 'No signal at all since noon #OndanetCaido', 'Sin línea y sin respuesta #OndanetCaido']

describe('rising terms when the store holds only a few minutes', () => {
  const t = suiteApp({ flushMs: 50 })
  const now = Date.now()
  const iso = (ms: number) => new Date(ms).toISOString()
  // Under five minutes of history: almost three minutes of calm, then two minutes of an outage wave.
  const calm = Array.from({ length: 57 }, (_, i) => post({ id: `calm-${i}`, createdAt: iso(now - 290_000 + i * 3000), text: CALM[i % 3], author: { id: `c${i}` } }))
  const wave = Array.from({ length: 60 }, (_, i) => post({ id: `wave-${i}`, createdAt: iso(now - 120_000 + i * 2000), text: WAVE[i % 3], author: { id: `w${i}` } }))
  const feedAt = async (at: number) => (await t.app.inject({ url: `/api/feed?at=${at}` })).json<Feed>()
  // The route rounds `at` down to its read cache's span (a looping client's asks share one answer).
  const rounded = (at: number) => Math.floor(at / Math.max(1, t.app.config.readCacheMs)) * Math.max(1, t.app.config.readCacheMs)

  it('with no posts before the recent window, shows its most cited terms and says there is no baseline yet', async () => {
    await ingestAll({ app: t.app } as never, [...calm, ...wave])
    const board = (await feedAt(now + 1)).boards.brand
    expect(board.risingWindow).toMatchObject({ recentS: 300, baseS: 0 })
    // The time the terms describe (the wall counts their age from it: the live push reuses them for 30 s).
    expect(board.risingWindow.at).toBe(rounded(now + 1))
    expect(board.rising[0]).toMatchObject({ term: '#ondanetcaido', recent: 60, base: 0 })
    expect(board.rising.map((r) => r.term)).not.toContain('ondanet') // the entity's own word explains nothing
  })

  it('compares against whatever history there is before the recent window, and says how long it was', async () => {
    // 2.5 minutes on: the 5-minute window holds the wave; the 140 s of calm before it are the base.
    const board = (await feedAt(now + 150_000)).boards.brand
    expect(board.risingWindow.recentS).toBe(300)
    // From the first calm post to the start of the 5-minute window.
    expect(board.risingWindow.baseS).toBe(Math.round((rounded(now + 150_000) - 300_000 - (now - 290_000)) / 1000))
    expect(board.rising[0]?.term).toBe('#ondanetcaido')
    expect(board.rising[0]?.lift).toBeGreaterThan(10)
  })

  it('with a full hour before, the windows are 5 min and 1 h', async () => {
    const board = (await feedAt(now + 62 * 60_000)).boards.brand
    expect(board.risingWindow.recentS).toBe(300)
    expect(board.risingWindow.baseS).toBeGreaterThanOrEqual(3590)
    expect(board.rising).toEqual([]) // the wave is in the base hour now: nothing rises in an empty window
  })
})
