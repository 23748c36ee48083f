/**
 * The part shared by every detector: turns a per-interval score into alerts with persistence, an instant path
 * for huge jumps, cooldown, onset tracking and severity. Detectors only compute (value, expected, score, gate).
 */
import type { DetectorOptions } from './options.ts'

export type Severity = 1 | 2 | 3 | 4 | 5

export interface Decision {
  /** Time of the interval that fired (the caller's clock, e.g. epoch ms). */
  t: number
  severity: Severity
  /** Observed value (count, or share 0..1) at the peak of the departure, usually the interval that fired. */
  value: number
  /** What the baseline expected at that peak. */
  expected: number
  /** Time at which the departure began: first interval of the current run scoring ≥ `onsetScore`. */
  onset: number
  /** Robust z-score of the peak: (value − expected) / noise. */
  score: number
}

/**
 * Severity grows with the log of how far beyond the threshold the score is: 1 at the threshold, then one step
 * per doubling (2× → 2, 4× → 3, 8× → 4, 16× → 5). Logarithmic because surges span orders of magnitude.
 */
export function severityOf(score: number, threshold: number): Severity {
  const s = 1 + Math.floor(Math.log2(Math.max(score / threshold, 1)))
  return Math.min(5, Math.max(1, s)) as Severity
}

export interface Observation {
  t: number
  value: number
  expected: number
  score: number
  /** False when a gate (minimum volume, unique authors…) vetoes this interval. */
  eligible: boolean
}

export function createAlarm(o: DetectorOptions) {
  let run = 0 // length of the current elevated run (score ≥ onsetScore)
  let onset = 0 // time its first interval started
  let peak: Observation | null = null // its highest eligible interval at or above the threshold, not yet alerted
  let quiet = 0 // intervals of cooldown left

  return function step(obs: Observation): Decision | null {
    if (obs.score >= o.onsetScore) {
      if (run++ === 0) onset = obs.t
    } else {
      run = 0
      peak = null
    }
    if (obs.eligible && obs.score >= o.threshold && obs.score > (peak?.score ?? -Infinity)) peak = obs
    if (quiet > 0) {
      quiet--
      return null
    }
    // Persistence: the departure must last `persistence` intervals and peak above the threshold somewhere in
    // that run (a surge often jumps, then stays merely elevated); a jump of threshold × instantFactor fires alone.
    const instant = peak === obs && obs.score >= o.threshold * o.instantFactor
    if (!peak || (run < o.persistence && !instant)) return null
    const p = peak
    peak = null
    quiet = o.cooldown
    return { t: obs.t, severity: severityOf(p.score, o.threshold), value: p.value, expected: p.expected, onset, score: p.score }
  }
}
