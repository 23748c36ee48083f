/**
 * Share spikes: the fraction of an interval's items that are "hits" (negative posts, posts showing anger…).
 *
 * expected = median of the trailing per-interval shares. The noise has two parts: binomial sampling noise at
 * this interval's size, √(p(1−p)/n), plus the extra-binomial spread actually seen in the baseline (the MAD
 * of shares minus what sampling alone explains), because the mix of a conversation drifts on its own.
 * `minShift` keeps a statistically clear but tiny move (52 % → 54 % negative on a huge stream) off the wall.
 */
import { createAlarm, type Decision } from './alarm.ts'
import { resolveOptions, type DetectorOptions } from './options.ts'
import { medianAndSigma, sortedMedian, Window } from './robust.ts'

export interface ShareDetector {
  /** Feed one closed interval: `hits` of `total` items. Returns an alert when it fires. */
  update(t: number, hits: number, total: number): Decision | null
}

export function createShareDetector(opts?: Partial<DetectorOptions>): ShareDetector {
  const o = resolveOptions(opts)
  const shares = new Window(o.baseline)
  const totals = new Window(o.baseline)
  const alarm = createAlarm(o)

  return {
    update(t, hits, total) {
      if (!(total >= 0) || !(hits >= 0) || hits > total) throw new RangeError(`need 0 ≤ hits ≤ total, got ${hits}/${total}`)
      // Empty intervals carry no information about the share: they neither enter the baseline nor decide.
      if (total === 0) return null
      const share = hits / total
      if (shares.length < o.minHistory) {
        shares.push(share)
        totals.push(total)
        return null
      }
      const { median: p0, sigma: spread } = medianAndSigma(shares.values())
      const typicalN = Math.max(1, sortedMedian(totals.values().sort()))
      shares.push(share)
      totals.push(total)
      // Clamp p away from 0/1 so a baseline of "never negative" still has some sampling noise.
      const p = Math.min(Math.max(p0, 0.5 / typicalN), 1 - 0.5 / typicalN)
      const sampling = (p * (1 - p)) / total
      const extra = Math.max(0, spread * spread - (p * (1 - p)) / typicalN)
      const score = (share - p0) / Math.sqrt(sampling + extra)
      return alarm({
        t,
        value: share,
        expected: p0,
        score,
        eligible: total >= o.minTotal && share - p0 >= o.minShift,
      })
    },
  }
}
