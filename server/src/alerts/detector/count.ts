/**
 * Volume spikes: posts (or unique authors) per interval against a robust trailing baseline.
 *
 * expected = median of the last `baseline` intervals; noise = max(MAD-sigma, negative-binomial floor
 * √(μ + φμ²)). The median/MAD pair ignores earlier spikes in the window, the NB floor keeps over-dispersed
 * high-rate streams and all-zero quiet streams from producing huge z-scores out of ordinary jitter.
 *
 * With `seasonDays` > 0 the value is also set against the same hour on recent days (season.ts) and the score is
 * the smaller of the two z-scores: a surge is unusual against the recent level *and* against the daily cycle, a
 * morning ramp only against the first, a slow level shift only against the second.
 */
import { createAlarm, type Decision, type Observation } from './alarm.ts'
import { resolveOptions, type DetectorOptions } from './options.ts'
import { medianAndSigma, Window } from './robust.ts'
import { createSeason } from './season.ts'

export interface CountDetector {
  /** Feed one closed interval; returns an alert when it fires. Uses only earlier intervals as baseline. */
  update(t: number, count: number, authors?: number): Decision | null
}

/** The knobs only the alarm reads: the scorer never sees them, so they never change its observations. */
export const ALARM_KNOBS = ['threshold', 'instantFactor', 'persistence', 'cooldown'] as const
export type ScorerOptions = Omit<DetectorOptions, (typeof ALARM_KNOBS)[number]>

export function createCountDetector(opts?: Partial<DetectorOptions>): CountDetector {
  const o = resolveOptions(opts)
  const scorer = createCountScorer(o)
  const alarm = createAlarm(o)
  return {
    update(t, count, authors) {
      const obs = scorer.update(t, count, authors)
      return obs ? alarm(obs) : null
    },
  }
}

/**
 * The detector's first half: each interval's observation for the alarm (null while warming up). Apart from the
 * alarm because the leave-one-series-out grid (loso.ts) scores a series once per scorer setting and replays only the
 * alarm for each threshold and instant factor, instead of recomputing every median and MAD eight times.
 */
export function createCountScorer(o: ScorerOptions): { update(t: number, count: number, authors?: number): Observation | null } {
  const history = new Window(o.baseline)
  const season = createSeason(o.seasonDays, o.seasonMinDays)
  let held = 0 // elevated intervals in a row kept out of the baseline

  return {
    update(t, count, authors) {
      if (!Number.isFinite(count) || count < 0) throw new RangeError(`count must be a finite number ≥ 0, got ${count}`)
      if (history.length < o.minHistory) {
        history.push(count)
        season.add(t, count)
        return null
      }
      const { median, sigma } = medianAndSigma(history.values())
      const seasonal = season.expect(t)
      const mu = Math.max(median, o.minExpected)
      const noise = Math.max(sigma, Math.sqrt(mu + o.dispersion * mu * mu))
      let score = (count - mu) / noise
      // A zero where the baseline expects a real stream is a collection gap (source outage, stalled ingest),
      // not a quiet minute: keep it out of the baseline, or the return to normal would look like a surge.
      const gap = count === 0 && median >= o.minCount
      // The first `holdElevated` intervals of a rise stay out of the baseline too: a surge that builds over a few
      // intervals would otherwise inflate the median and MAD it is measured against and never look like one. After
      // that the rise is a new level (a slow shift), and the baseline takes it in.
      const hold = score >= o.onsetScore && held < o.holdElevated
      held = score >= o.onsetScore ? held + 1 : 0
      if (!gap && !hold) history.push(count)
      if (!gap) season.add(t, count)
      let expected = median
      if (seasonal) {
        const ms = Math.max(seasonal.mean, o.minExpected)
        const zs = (count - ms) / Math.max(sigma, seasonal.spread, Math.sqrt(ms + o.dispersion * ms * ms))
        if (zs < score) (score = zs), (expected = Math.max(median, seasonal.mean))
      }
      const authorsOk = authors === undefined || (authors >= o.minAuthors && authors >= o.minAuthorRatio * count)
      return { t, value: count, expected, score, eligible: count >= o.minCount && authorsOk }
    },
  }
}
