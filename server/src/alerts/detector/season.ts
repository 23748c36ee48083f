/**
 * Same-hour memory for the count detector: the mean count per interval of each wall-clock hour over the last
 * `days` days, so a value can be set against the same hour on recent days as well as against the recent level.
 *
 * Why: tweet volume has a strong day/night and weekday cycle. Against the recent level alone, every morning ramp
 * and every Monday looks like a surge; against the same hour on recent days it is ordinary. A spike is unusual
 * against both. Cost is bounded and tiny: one (sum, count) pair per hour of the last `days` days, whatever the
 * interval (1 s live buckets or 5-minute series), so it runs on every tick for every entity × metric.
 */
import { sortedMedian } from './robust.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Weekend (Saturday, Sunday; UTC) or weekday: a Monday morning is compared with weekday mornings first. */
const dayType = (hourIndex: number) => {
  const d = (Math.floor(hourIndex / 24) + 4) % 7 // 1970-01-01 was a Thursday (4)
  return d === 0 || d === 6 ? 1 : 0
}

export interface SeasonalExpectation {
  /** Median over recent days of the mean count per interval at this hour. */
  mean: number
  /** Robust spread of those daily means (MAD → sigma); 0 with too few days to tell. */
  spread: number
  /** Days it rests on. */
  days: number
}

export function createSeason(days: number, minDays: number) {
  // hour index (epoch hours) → running sum and count of the intervals seen in that hour
  const hours = new Map<number, { sum: number; n: number }>()
  // The expectation for an hour rests only on earlier days' cells, so it is computed once per hour, not per tick.
  let cachedHour = NaN
  let cached: SeasonalExpectation | null = null

  return {
    add(t: number, value: number): void {
      if (days <= 0) return
      const h = Math.floor(t / HOUR)
      const cell = hours.get(h)
      if (cell) (cell.sum += value), cell.n++
      else {
        hours.set(h, { sum: value, n: 1 })
        // Forget what is older than `days` days (+1 for the day in progress): memory stays bounded. Once an hour.
        const limit = h - (days + 1) * 24
        for (const k of hours.keys()) if (k < limit) hours.delete(k)
      }
    },
    /** Hourly cells held (bounded by (days + 1) × 24 + 1). */
    get cells(): number {
      return hours.size
    },
    /** What the same hour on recent days expects at `t`, or null before `minDays` days of that hour exist. */
    expect(t: number): SeasonalExpectation | null {
      if (days <= 0) return null
      const h = Math.floor(t / HOUR)
      if (h === cachedHour) return cached
      cachedHour = h
      cached = compute(h)
      return cached
    },
  }

  function compute(h: number): SeasonalExpectation | null {
    const same: number[] = []
    const all: number[] = []
    for (let d = 1; d <= days; d++) {
      const cell = hours.get(h - d * 24)
      if (!cell || cell.n === 0) continue
      const m = cell.sum / cell.n
      all.push(m)
      if (dayType(h - d * 24) === dayType(h)) same.push(m)
    }
    const use = same.length >= minDays ? same : all
    if (use.length < minDays) return null
    const sorted = Float64Array.from(use).sort()
    const mean = sortedMedian(sorted)
    const spread = use.length >= 3 ? 1.4826 * sortedMedian(sorted.map((v) => Math.abs(v - mean)).sort()) : 0
    return { mean, spread, days: use.length }
  }
}

export const SEASON_PERIOD_MS = DAY
