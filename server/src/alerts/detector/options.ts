/**
 * Every knob of the spike detectors, with defaults. Lengths are in *intervals* (updates), not seconds, so the
 * same defaults serve the live wall (1–5 s buckets) and offline series (5-minute NAB buckets). Defaults were
 * chosen on the shared NAB tweet-volume series as one setting for all series (no per-series tuning).
 */
export interface DetectorOptions {
  /** Trailing intervals forming the baseline (median / MAD). Long enough to hold a steady level, short enough
   * to follow a slow drift or a daily cycle. */
  baseline: number
  /** Intervals of history needed before any decision (warm-up). Clamped to `baseline`. */
  minHistory: number
  /** Robust z-score (observation above the baseline in units of its noise) that makes an interval "hot". */
  threshold: number
  /** Consecutive elevated intervals (score ≥ onsetScore, one of them ≥ threshold) needed to fire, so a lone
   * blip does not page the room. */
  persistence: number
  /** A single interval at `threshold × instantFactor` fires at once, bypassing `persistence`: a huge jump is
   * never a blip. */
  instantFactor: number
  /** Intervals after an alert during which the same detector stays silent (one surge → one alert). */
  cooldown: number
  /** Robust z-score from which a departure is considered started; `onset` is the first interval of the current
   * run at or above it, and the run must last `persistence` intervals. */
  onsetScore: number
  /** Count detector: negative-binomial dispersion φ of the noise floor, variance ≥ μ + φμ². Social counts are
   * over-dispersed, so even at 100 000 posts per interval the noise is never taken to be below √φ·μ
   * (√0.05 ≈ 22 %). Protects against a MAD that happens to be tiny. */
  dispersion: number
  /** Count detector: the baseline level is never taken below this many posts per interval (keeps a quiet
   * stream of zeros from turning every single post into an infinite z-score). */
  minExpected: number
  /** Count detector: an interval with fewer posts than this can never be hot (minimum-volume gate). */
  minCount: number
  /** Count detector: when authors are given, a hot interval needs at least this many unique authors… */
  minAuthors: number
  /** …and at least this many unique authors per post, so one account (or a bot ring) flooding cannot alert. */
  minAuthorRatio: number
  /** Count detector: intervals at the start of an elevated run (score ≥ onsetScore) kept out of the baseline, so a
   * surge that builds does not raise its own bar; 0 = off. Past it, the new level enters (a slow level shift). */
  holdElevated: number
  /** Count detector: days of same-hour memory (0 = off). With it, a value must also be unusual against the same
   * wall-clock hour on the last `seasonDays` days (weekdays against weekdays when enough), so the daily and weekly
   * cycle stops looking like surges. Needs days of history: a fresh stream behaves as with 0. */
  seasonDays: number
  /** Count detector: days of that hour needed before the seasonal comparison applies. */
  seasonMinDays: number
  /** Share detector: an interval with fewer items than this can never be hot. */
  minTotal: number
  /** Share detector: smallest absolute change of share worth an alert (0.05 = five percentage points). */
  minShift: number
}

export const DEFAULTS: Readonly<DetectorOptions> = Object.freeze({
  baseline: 36,
  minHistory: 12,
  threshold: 6,
  persistence: 2,
  instantFactor: 2,
  cooldown: 72,
  onsetScore: 4,
  dispersion: 0.05,
  minExpected: 1,
  minCount: 8,
  minAuthors: 3,
  minAuthorRatio: 0.2,
  holdElevated: 0,
  seasonDays: 7,
  seasonMinDays: 3,
  minTotal: 20,
  minShift: 0.05,
})

/** Merge user options over the defaults and validate them (bad knobs fail loudly at start-up, not silently). */
export function resolveOptions(opts: Partial<DetectorOptions> = {}): DetectorOptions {
  const o: DetectorOptions = { ...DEFAULTS }
  for (const [k, v] of Object.entries(opts)) if (v !== undefined) (o as unknown as Record<string, number>)[k] = v
  for (const [k, v] of Object.entries(o)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`detector option ${k} must be a finite number ≥ 0, got ${v}`)
  }
  if (o.baseline < 1 || !Number.isInteger(o.baseline)) throw new RangeError(`detector option baseline must be an integer ≥ 1`)
  if (o.persistence < 1) throw new RangeError(`detector option persistence must be ≥ 1`)
  if (o.threshold <= 0) throw new RangeError(`detector option threshold must be > 0`)
  o.minHistory = Math.min(Math.max(1, o.minHistory), o.baseline)
  return o
}

/** Read `--knob=value` flags (e.g. `--threshold=6`) into detector options; other arguments are returned as-is. */
export function parseOptionFlags(argv: string[]): { opts: Partial<DetectorOptions>; rest: string[] } {
  const opts: Record<string, number> = {}
  const rest: string[] = []
  for (const arg of argv) {
    const m = /^--([A-Za-z]+)=(.*)$/.exec(arg)
    if (!m) {
      rest.push(arg)
      continue
    }
    if (!(m[1] in DEFAULTS)) throw new Error(`unknown detector option --${m[1]} (known: ${Object.keys(DEFAULTS).join(', ')})`)
    opts[m[1]] = Number(m[2])
  }
  resolveOptions(opts) // validate early
  return { opts: opts as Partial<DetectorOptions>, rest }
}
