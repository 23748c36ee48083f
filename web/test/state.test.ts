import { describe, expect, it } from 'vitest'
import type { Alert, SeriesPoint, Snapshot, Tick } from '@pulso/types'
import { zeroEmotions } from '@pulso/types'
import { applyAlert, applySnapshot, applyTick, backfill, dataAgeSeconds, emptyModel, MAX_ALERTS } from '../src/lib/state.ts'

const intents = { question: 0, complaint: 0, claim: 0, praise: 0, suggestion: 0, other: 0 }
const pt = (entity: string, t: number, posts: number): SeriesPoint => ({
  t, entity, posts, authors: posts, sentimentSum: 0, positive: 0, negative: 0, emotions: zeroEmotions(), intents,
})
const tick = (at: number, points: SeriesPoint[], dataAt: number | null = at - 2000): Tick => ({ at, dataAt, windowSeconds: 60, entities: [], points, sources: [] })
const alert = (id: string, detectedAt: number, status: Alert['status'] = 'open'): Alert => ({
  id, entity: 'a', metric: 'volume', severity: 3, onset: detectedAt - 1000, detectedAt, observed: 10, expected: 2, drivers: [], posts: [], emotion: null, status,
})
const snapshot = (at: number, history: SeriesPoint[], alerts: Alert[] = []): Snapshot => ({
  entities: [{ id: 'a', name: 'A', group: 'g', color: '#fff' }], demo: true, tick: tick(at, []), history, historySeconds: 600, alerts,
})

describe('live model', () => {
  it('rebuilds everything from a snapshot, also after a reconnect', () => {
    const first = applySnapshot(emptyModel(), snapshot(100_000, [pt('a', 90_000, 3)], [alert('x', 1)]), 99_000)
    const again = applySnapshot(first, snapshot(200_000, [pt('a', 190_000, 5)]), 199_500)
    expect([...again.points.values()].map((p) => p.posts)).toEqual([5])
    expect(again.alerts).toEqual([])
    expect(again.generation).toBe(first.generation + 1)
    expect(again.clockOffset).toBe(500)
  })

  it('replaces a second on a later tick (late posts amend it) and drops seconds past the retention', () => {
    let m = applySnapshot(emptyModel(), snapshot(100_000, [pt('a', 10_000, 1), pt('a', 98_000, 2)]), 100_000)
    m = applyTick(m, tick(101_000, [pt('a', 98_000, 7), pt('b', 98_000, 1)]), 101_000, 60)
    expect(m.points.get('a|98000')?.posts).toBe(7)
    expect(m.points.get('b|98000')?.posts).toBe(1)
    expect(m.points.has('a|10000')).toBe(false)
  })

  it('backfill fills gaps without overwriting live seconds', () => {
    let m = applySnapshot(emptyModel(), snapshot(100_000, [pt('a', 98_000, 2)]), 100_000)
    m = backfill(m, [pt('a', 98_000, 99), pt('a', 97_000, 4)])
    expect(m.points.get('a|98000')?.posts).toBe(2)
    expect(m.points.get('a|97000')?.posts).toBe(4)
  })

  it('replaces an alert by id on a status change and keeps newest first, capped', () => {
    let m = applySnapshot(emptyModel(), snapshot(1, [], [alert('old', 10), alert('new', 20)]), 1)
    expect(m.alerts.map((a) => a.id)).toEqual(['new', 'old'])
    m = applyAlert(m, alert('old', 10, 'acknowledged'))
    expect(m.alerts.map((a) => [a.id, a.status])).toEqual([['new', 'open'], ['old', 'acknowledged']])
    for (let i = 0; i < MAX_ALERTS + 5; i++) m = applyAlert(m, alert(`n${i}`, 100 + i))
    expect(m.alerts).toHaveLength(MAX_ALERTS)
    expect(m.alerts[0].id).toBe(`n${MAX_ALERTS + 4}`)
  })

  it('measures data age on the server clock', () => {
    const m = applySnapshot(emptyModel(), snapshot(100_000, []), 40_000) // client clock 60 s behind
    expect(dataAgeSeconds(m, 45_000)).toBe(7) // server now 105 000, data at 98 000
    expect(dataAgeSeconds(emptyModel(), 0)).toBeNull()
  })
})
