import { describe, expect, it } from 'vitest'
import type { EntityWindow, SeriesPoint } from '@pulso/types'
import { zeroEmotions } from '@pulso/types'
import { emotionBuckets, movingAverage, postsPerSecond, shareOfVoice, trend, volumeSeries } from '../src/lib/series.ts'
import { spreadLabels } from '../src/lib/labels.ts'

const intents = { question: 0, complaint: 0, claim: 0, praise: 0, suggestion: 0, other: 0 }
function pts(entity: string, start: number, counts: number[], anger = 0): Map<string, SeriesPoint> {
  const m = new Map<string, SeriesPoint>()
  counts.forEach((posts, i) => {
    const t = start + i * 1000
    m.set(`${entity}|${t}`, { t, entity, posts, authors: posts, sentimentSum: 0, positive: 0, negative: 0, emotions: { ...zeroEmotions(), anger }, intents })
  })
  return m
}

describe('series', () => {
  it('counts missing seconds as zero', () => {
    const m = pts('a', 0, [1, 2])
    expect(postsPerSecond(m, 'a', 0, 4000)).toEqual([1, 2, 0, 0])
  })

  it('trailing moving average', () => {
    expect(movingAverage([2, 4, 6, 8], 2)).toEqual([2, 3, 5, 7])
    expect(movingAverage([1, 2], 1)).toEqual([1, 2])
    const [s] = volumeSeries(pts('a', 0, [3, 3, 9]), ['a'], 0, 3000, 3)
    expect(s.values).toEqual([{ t: 0, v: 3 }, { t: 1000, v: 3 }, { t: 2000, v: 5 }])
  })

  it('sums emotions per bucket across entities', () => {
    const m = new Map([...pts('a', 0, [1, 1, 1, 1], 0.5), ...pts('b', 0, [1, 1, 1, 1], 1)])
    const b = emotionBuckets(m, ['a', 'b'], 0, 4000, 2)
    expect(b.map((x) => [x.t, x.anger])).toEqual([[0, 3], [2000, 3]])
    expect(emotionBuckets(m, ['a'], 0, 4000, 2).map((x) => x.anger)).toEqual([1, 1])
  })

  it('trend compares the last window with the one before', () => {
    const m = pts('a', 0, [1, 1, 3, 3])
    expect(trend(m, 'a', 4000, 2)).toMatchObject({ current: 6, previous: 2, change: 2, direction: 'up' })
    expect(trend(pts('a', 0, [5, 5, 5, 5]), 'a', 4000, 2).direction).toBe('flat')
    expect(trend(pts('a', 0, [5, 5, 1, 1]), 'a', 4000, 2).direction).toBe('down')
    expect(trend(new Map(), 'a', 4000, 2)).toMatchObject({ change: null, direction: 'flat' })
  })

  it('trend: no claim while the store does not hold the whole window before (it just started)', () => {
    // Window before = [0, 2000). Stored from 1000: its first second is unknown, not quiet ("rising +200 %" before).
    const m = pts('a', 1000, [1, 3, 3])
    expect(trend(m, 'a', 4000, 2, 1000)).toMatchObject({ current: 6, previous: 1, change: null, direction: 'new' })
    expect(trend(m, 'a', 4000, 2, null)).toMatchObject({ change: null, direction: 'new' })
    // Stored from the window's start on: the trend as before (and as when the server does not say).
    expect(trend(pts('a', 0, [1, 1, 3, 3]), 'a', 4000, 2, 0)).toMatchObject({ current: 6, previous: 2, change: 2, direction: 'up' })
    expect(trend(pts('a', 0, [5, 5, 5, 5]), 'a', 4000, 2, -60_000)).toMatchObject({ change: 0, direction: 'flat' })
    expect(trend(m, 'a', 4000, 2).direction).toBe('up')
  })

  it('share of voice among the shown entities', () => {
    const w = (entity: string, posts: number): [string, EntityWindow] => [entity, { entity, posts } as EntityWindow]
    expect(shareOfVoice(new Map([w('a', 30), w('b', 10), w('c', 60)]), ['a', 'b']).map((s) => s.share)).toEqual([0.75, 0.25])
    expect(shareOfVoice(new Map(), ['a']).map((s) => s.share)).toEqual([0])
  })

  it('spreads end labels apart in their original order', () => {
    const ys = spreadLabels([50, 52, 10], 10, 0, 100)
    expect(ys[2]).toBe(10)
    expect(ys[1] - ys[0]).toBeGreaterThanOrEqual(10)
    expect(spreadLabels([99, 99], 10, 0, 100)).toEqual([90, 100])
  })
})

describe('spreadLabels with more labels than room', () => {
  it('keeps every label inside the range', () => {
    const ys = spreadLabels(Array.from({ length: 10 }, () => 5), 20, 0, 90)
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...ys)).toBeLessThanOrEqual(90)
    expect(new Set(ys).size).toBe(10)
  })
})
