/**
 * Volume spikes: posts (or unique authors) per interval against a robust trailing baseline.
 *
 * expected = median of the last `baseline` intervals; noise = max(MAD-sigma, negative-binomial floor
 * √(μ + φμ²)). The median/MAD pair ignores earlier spikes in the window, the NB floor keeps over-dispersed
 * high-rate streams and all-zero quiet streams from producing huge z-scores out of ordinary jitter.
 */
import { createAlarm, type Decision } from './alarm.ts'
import { resolveOptions, type DetectorOptions } from './options.ts'
import { medianAndSigma, Window } from './robust.ts'

export interface CountDetector {
  /** Feed one closed interval; returns an alert when it fires. Uses only earlier intervals as baseline. */
  update(t: number, count: number, authors?: number): Decision | null
}

export function createCountDetector(opts?: Partial<DetectorOptions>): CountDetector {
  const o = resolveOptions(opts)
  const history = new Window(o.baseline)
  const alarm = createAlarm(o)

  return {
    update(t, count, authors) {
      if (!Number.isFinite(count) || count < 0) throw new RangeError(`count must be a finite number ≥ 0, got ${count}`)
      if (history.length < o.minHistory) {
        history.push(count)
        return null
      }
      const { median, sigma } = medianAndSigma(history.values())
      // A zero where the baseline expects a real stream is a collection gap (source outage, stalled ingest),
      // not a quiet minute: keep it out of the baseline, or the return to normal would look like a surge.
      if (!(count === 0 && median >= o.minCount)) history.push(count)
      const mu = Math.max(median, o.minExpected)
      const noise = Math.max(sigma, Math.sqrt(mu + o.dispersion * mu * mu))
      const authorsOk = authors === undefined || (authors >= o.minAuthors && authors >= o.minAuthorRatio * count)
      return alarm({
        t,
        value: count,
        expected: median,
        score: (count - mu) / noise,
        eligible: count >= o.minCount && authorsOk,
      })
    },
  }
}
