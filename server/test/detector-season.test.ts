// Issue 18: what tweet series have and a spike does not — a day/night and weekday cycle, slow level shifts — and the
// same-hour memory's bounded cost.
import { describe, expect, it } from 'vitest'
import { createCountDetector } from '../src/alerts/detector/index.ts'
import { createSeason } from '../src/alerts/detector/season.ts'
import type { Series } from '../src/alerts/detector/nab.ts'
import { runPulso, runPulsoMany, settings } from '../src/alerts/loso.ts'

const FIVE_MIN = 300_000
const HOUR = 3_600_000
const MONDAY = Date.UTC(2015, 2, 2) // a Monday, 00:00 UTC

/** A weekday cycle: quiet nights (10 per bucket), a ramp to 100 at 14:00 UTC within an hour; weekends at a third. */
function cycle(t: number): number {
  const h = (t % (24 * HOUR)) / HOUR
  const dow = new Date(t).getUTCDay()
  const day = h >= 13 && h < 20 ? 100 : h >= 12 && h < 13 ? 10 + 90 * (h - 12) : 10
  const jitter = ((Math.floor(t / FIVE_MIN) * 7919) % 7) - 3
  return Math.max(0, Math.round((dow === 0 || dow === 6 ? day / 3 : day) + jitter))
}

function run(days: number, opts: object, at: (t: number) => number = cycle) {
  const d = createCountDetector(opts)
  const fired: number[] = []
  for (let t = MONDAY; t < MONDAY + days * 24 * HOUR; t += FIVE_MIN) if (d.update(t, at(t))) fired.push(t)
  return fired
}

describe('seasonal memory (same hour on recent days)', () => {
  it('a daily ramp is a surge against the recent level only: without the memory it alerts every day, with it not after the first days', () => {
    const without = run(14, { seasonDays: 0 })
    const withSeason = run(14, { seasonDays: 7 })
    // Without: the 12:00 ramp (10 → 100 in an hour) alerts on most weekdays.
    expect(without.length).toBeGreaterThanOrEqual(5)
    // With: once three weekdays of that hour are known, the ramp is ordinary (weekend hours compare with weekends).
    expect(withSeason.filter((t) => t >= MONDAY + 7 * 24 * HOUR)).toEqual([])
  })

  it('a real spike on top of the cycle still fires, at the hour it happens', () => {
    const spikeAt = MONDAY + 9 * 24 * HOUR + 16 * HOUR // Wednesday of week 2, 16:00, at the day's plateau
    const fired = run(10, { seasonDays: 7 }, (t) => cycle(t) + (t >= spikeAt && t < spikeAt + 6 * FIVE_MIN ? 400 : 0))
    expect(fired.filter((t) => t >= MONDAY + 7 * 24 * HOUR)).toEqual([spikeAt])
  })

  it('compares weekdays with weekdays: a Monday morning after a quiet weekend is ordinary', () => {
    const season = createSeason(7, 3)
    for (let t = MONDAY; t < MONDAY + 7 * 24 * HOUR; t += FIVE_MIN) season.add(t, cycle(t))
    const nextMonday14 = MONDAY + 7 * 24 * HOUR + 14 * HOUR
    const e = season.expect(nextMonday14)!
    expect(e.mean).toBeGreaterThan(90) // the weekday plateau, not the weekend third
    expect(e.days).toBe(5)
  })

  it('keeps at most (days + 1) × 24 hourly cells, whatever the interval', () => {
    const season = createSeason(2, 1)
    for (let t = 0; t < 10 * 24 * HOUR; t += 1000 * 60) season.add(t, 5)
    expect(season.cells).toBeLessThanOrEqual(3 * 24 + 1)
    expect(season.expect(10 * 24 * HOUR)).toMatchObject({ mean: 5 })
    expect(createSeason(0, 1).expect(0)).toBeNull() // off
  })
})

describe('a surge that builds (holdElevated)', () => {
  // Low counts (≈2 per bucket) climbing one post per bucket to 14, like a small ticker's news: the climb inflates the
  // median and MAD it is measured against unless its first intervals are held out of the baseline.
  const values = [...Array.from({ length: 60 }, (_, i) => 1 + (i % 3)), 6, 7, 8, 9, 10, 11, 12, 13, 14, 2, 2, 2]
  const fire = (holdElevated: number) => {
    const d = createCountDetector({ threshold: 7, baseline: 24, holdElevated, seasonDays: 0, instantFactor: 100 })
    return values.map((v, i) => (d.update(i * FIVE_MIN, v) ? i : -1)).filter((i) => i >= 0)
  }
  it('is caught when its start stays out of the baseline, missed when it does not', () => {
    expect(fire(0)).toEqual([])
    expect(fire(12).length).toBe(1)
  })
  it('after the hold, a new level is taken in (a slow shift is not a surge for ever)', () => {
    const d = createCountDetector({ threshold: 6, baseline: 24, holdElevated: 12, seasonDays: 0, cooldown: 0 })
    const fired = Array.from({ length: 300 }, (_, i) => (d.update(i * FIVE_MIN, i < 60 ? 20 + (i % 5) : 60 + (i % 5)) ? i : -1)).filter((i) => i >= 0)
    expect(fired.length).toBeGreaterThan(0)
    expect(Math.max(...fired)).toBeLessThan(60 + 12 + 24)
  })
})

describe('the leave-one-series-out grid (loso.ts)', () => {
  it('scores every setting as a detector of its own would, though settings that differ only in alarm knobs share one scorer', () => {
    // Ten days of the cycle with spikes of three heights, so that the grid's settings disagree on what fires.
    const spikes = [[3, 60], [6, 150], [8, 400]].map(([day, add], k) => ({ at: MONDAY + day * 24 * HOUR + (15 + k) * HOUR, add }))
    const series: Series = { stamps: [], times: [], values: [] }
    for (let t = MONDAY; t < MONDAY + 10 * 24 * HOUR; t += FIVE_MIN) {
      series.times.push(t)
      series.values.push(cycle(t) + spikes.reduce((a, s) => a + (t >= s.at && t < s.at + 4 * FIVE_MIN ? s.add : 0), 0))
    }
    const wins = spikes.map((s) => [s.at - HOUR, s.at + 2 * HOUR] as [number, number])
    const all = settings()
    const many = runPulsoMany(series, wins, all)
    expect(many).toEqual(all.map((o) => runPulso(series, wins, o)))
    expect(new Set(many.map((s) => JSON.stringify(s))).size, 'the settings score differently').toBeGreaterThanOrEqual(5)
  })
})
