/**
 * Leave-one-series-out evaluation: for each series, choose the detector's settings on the *other* series (a small
 * grid, one setting for all four), then score the held-out one with them. All-series figures flatter a detector
 * whose settings were chosen on the very series it is scored on; this is the figure that predicts unseen series.
 */
import { createCountDetector, resolveOptions, type DetectorOptions } from './detector/index.ts'
import { createAlarm, type Observation } from './detector/alarm.ts'
import { ALARM_KNOBS, createCountScorer } from './detector/count.ts'
import { scoreSeries, type Series, type SeriesScore } from './detector/nab.ts'

/** The knobs the selection may move, and their candidate values (everything else stays at its default). */
export const GRID: Partial<Record<keyof DetectorOptions, number[]>> = {
  threshold: [6, 7, 8, 9],
  baseline: [24, 36],
  instantFactor: [2, 3],
  holdElevated: [0, 12],
  seasonDays: [0, 7],
}

/** The detector as it was before issue 18 (the "today" row): no seasonal memory, no hold. */
export const TODAY: Partial<DetectorOptions> = { baseline: 36, threshold: 6, instantFactor: 3, holdElevated: 0, seasonDays: 0 }

/** Issue 18's target on held-out series. */
export const LOSO_TARGET = { hitRate: 1, falsePerDay: 0.3 }

export interface Labelled {
  name: string
  series: Series
  windows: [number, number][]
}

export const median = (xs: number[]) => {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export function settings(grid = GRID): Partial<DetectorOptions>[] {
  let out: Partial<DetectorOptions>[] = [{}]
  for (const [k, vs] of Object.entries(grid)) out = out.flatMap((o) => vs!.map((v) => ({ ...o, [k]: v })))
  return out
}

export function runPulso(s: Series, wins: [number, number][], opts: Partial<DetectorOptions>): SeriesScore {
  const d = createCountDetector(opts)
  return scoreSeries(s.times, s.times.filter((t, i) => d.update(t, s.values[i]) !== null), wins)
}

/**
 * runPulso for many settings on one series, same scores: settings that differ only in alarm knobs share one pass
 * of the scorer (the medians and MADs), and only the alarm runs per setting. The grid's 64 settings are 8 scorers.
 */
export function runPulsoMany(s: Series, wins: [number, number][], settings: Partial<DetectorOptions>[]): SeriesScore[] {
  const resolved = settings.map((o) => resolveOptions(o))
  const groups = new Map<string, number[]>()
  resolved.forEach((o, i) => {
    const key = JSON.stringify({ ...o, ...Object.fromEntries(ALARM_KNOBS.map((k) => [k, 0])) })
    groups.set(key, [...(groups.get(key) ?? []), i])
  })
  const out: SeriesScore[] = []
  for (const members of groups.values()) {
    const scorer = createCountScorer(resolved[members[0]])
    const seen: (Observation | null)[] = s.times.map((t, i) => scorer.update(t, s.values[i]))
    for (const i of members) {
      const alarm = createAlarm(resolved[i])
      out[i] = scoreSeries(s.times, s.times.filter((_, j) => seen[j] !== null && alarm(seen[j]!) !== null), wins)
    }
  }
  return out
}

/** Figures of several series' scores together. */
export function pooled(scores: SeriesScore[]) {
  const sum = (f: (s: SeriesScore) => number) => scores.reduce((a, s) => a + f(s), 0)
  return {
    windows: sum((s) => s.windows),
    hits: sum((s) => s.hits),
    falsePerDay: sum((s) => s.falseEpisodes) / sum((s) => s.days),
    medianDelayHours: median(scores.flatMap((s) => s.delays)),
  }
}

type Pooled = ReturnType<typeof pooled>

/**
 * The selection rule, applied to the training series only: fewest missed windows; then a margin — the setting one
 * step less sensitive on each of `MARGIN` knobs (threshold, instant factor) also hits every training window, since a
 * setting that only just catches them is the one that misses on a new series (a grid edge has no margin); then the
 * fewest false-alarm episodes per series-day; then the shortest median delay.
 */
export const MARGIN: (keyof DetectorOptions)[] = ['threshold', 'instantFactor']

function rank(c: { train: Pooled; margin: boolean }) {
  return [c.train.windows - c.train.hits, c.margin ? 0 : 1, c.train.falsePerDay, c.train.medianDelayHours]
}
const before = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 1e-9) return a[i] < b[i]
  return false
}

export interface Fold {
  heldOut: string
  chosen: Partial<DetectorOptions>
  train: Pooled
  test: SeriesScore
}

/** Every setting scored on every series once, then each fold picks on four and reads the fifth. */
export function leaveOneSeriesOut(data: Labelled[], grid = GRID): { folds: Fold[]; total: Pooled } {
  const all = settings(grid)
  const bySeries = data.map((d) => runPulsoMany(d.series, d.windows, all))
  const table = all.map((_, i) => bySeries.map((scores) => scores[i]))
  // Per setting, the settings one step less sensitive on each margin knob (-1: at the grid's edge).
  const same = (o: Partial<DetectorOptions>, p: Partial<DetectorOptions>, but: string) => Object.keys(o).every((k) => k === but || p[k as keyof DetectorOptions] === o[k as keyof DetectorOptions])
  const neighbours = all.map((o) => MARGIN.filter((k) => grid[k]).map((k) => {
    const steps = grid[k]!
    const next = steps[steps.indexOf(o[k]!) + 1]
    return next === undefined ? -1 : all.findIndex((p) => p[k] === next && same(o, p, k))
  }))
  const folds = data.map((d, k) => {
    const train = (i: number) => pooled(table[i].filter((_, j) => j !== k))
    let best = -1
    let bestRank: number[] = []
    all.forEach((_, i) => {
      const t = train(i)
      const r = rank({ train: t, margin: neighbours[i].every((h) => h >= 0 && train(h).hits === t.windows) })
      if (best < 0 || before(r, bestRank)) (best = i), (bestRank = r)
    })
    return { heldOut: d.name, chosen: all[best], train: train(best), test: table[best][k] }
  })
  return { folds, total: pooled(folds.map((f) => f.test)) }
}

/** The defaults LOSO suggests: the setting most folds chose (ties: the first fold's). */
export function modeChoice(folds: Fold[]): Partial<DetectorOptions> {
  const key = (o: Partial<DetectorOptions>) => JSON.stringify(o)
  const n = new Map<string, number>()
  for (const f of folds) n.set(key(f.chosen), (n.get(key(f.chosen)) ?? 0) + 1)
  return JSON.parse([...n].sort((a, b) => b[1] - a[1])[0][0])
}

/** The chosen knobs as `k=v` text (only those in the grid). */
export const describeChoice = (o: Partial<DetectorOptions>) => {
  const full = resolveOptions(o)
  return Object.keys(GRID).map((k) => `${k}=${full[k as keyof DetectorOptions]}`).join(' ')
}
