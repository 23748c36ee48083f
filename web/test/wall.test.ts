import { describe, expect, it } from 'vitest'
import { zeroEmotions, type SeriesPoint } from '@pulso/types'
import { minuteSeries } from '../src/lib/minutes.svelte.ts'
import { hrefWithAll, parseParams, parseTime } from '../src/lib/params.ts'

const url = (q: string) => new URL(`http://wall.test/?${q}`)

describe('replay and layout parameters', () => {
  it('reads ?t= as ISO or epoch (s or ms), floored to the second; invalid means live', () => {
    expect(parseTime('2026-11-23T19:02:03.750Z')).toBe(Date.parse('2026-11-23T19:02:03Z'))
    expect(parseTime('1795460534999')).toBe(1795460534000)
    expect(parseTime('1795460534')).toBe(1795460534000)
    expect(parseTime('yesterday')).toBeNull()
    expect(parseTime(null)).toBeNull()
  })
  it('clamps the speed to 0…60 and picks the debate layout for the debate board unless told otherwise', () => {
    expect(parseParams(url('t=1795460534000&speed=500'), []).speed).toBe(60)
    expect(parseParams(url('speed=-3'), []).speed).toBe(0)
    expect(parseParams(url('board=debate'), []).mode).toBe('debate')
    expect(parseParams(url('board=debate&mode=standard'), []).mode).toBe('standard')
    expect(parseParams(url('board=brand&mode=debate'), []).mode).toBe('debate')
    expect(parseParams(url('board=brand'), []).mode).toBe('standard')
  })
  it('sets and removes several parameters at once', () => {
    expect(hrefWithAll(url('board=debate&t=1&speed=2'), { t: null, speed: null })).toBe('/?board=debate')
    expect(hrefWithAll(url('board=debate'), { t: '2026-11-23T19:02:03.000Z' })).toBe('/?board=debate&t=2026-11-23T19%3A02%3A03.000Z')
  })
})

describe('debate minutes', () => {
  const p = (t: number, posts: number, positive: number, negative: number, joy: number, anger: number): SeriesPoint => ({
    t, entity: 'ruiz', posts, authors: posts, sentimentSum: 0, positive, negative,
    emotions: { ...zeroEmotions(), anger, joy },
    intents: { question: 0, complaint: 0, claim: 0, praise: 0, suggestion: 0, other: 0 },
  })
  it('gives net sentiment (pos − neg) / posts and emotion shares per minute, empty minutes as null', () => {
    const out = minuteSeries([p(60_000, 10, 6, 2, 3, 1), p(180_000, 4, 0, 4, 0, 2)], 'ruiz', 0, 240_000)
    expect(out.map((d) => d.net)).toEqual([null, 0.4, null, -1])
    expect(out[1].mix.joy).toBeCloseTo(0.75)
    expect(out[1].mix.anger).toBeCloseTo(0.25)
    expect(out[0].mix.joy).toBe(0)
    expect(out[3].posts).toBe(4)
  })
})
