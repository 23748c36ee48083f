/**
 * NAB-style series: parsing and scoring, pure (the CLI and eval do the file reading).
 *
 * Scoring follows NAB's convention: the first 15 % of a file is probation (detections there are ignored and
 * windows ending inside it are not scored); a detection inside a labelled window hits it; a detection outside
 * every window is a false alarm. Alarms closer than `episodeGap` to the previous one form one episode, so a
 * detector that fires on every interval of one excursion is counted once, like one that has a cooldown.
 */

export interface Series {
  /** Timestamps as written in the file (NAB: `YYYY-MM-DD hh:mm:ss`, UTC). */
  stamps: string[]
  /** Epoch ms of each row. */
  times: number[]
  values: number[]
}

/** NAB timestamps carry no zone and are UTC; windows.json adds microseconds, which we drop. */
export function parseNabTime(s: string): number {
  const ms = Date.parse(s.trim().slice(0, 19).replace(' ', 'T') + 'Z')
  if (Number.isNaN(ms)) throw new Error(`bad NAB timestamp: ${s}`)
  return ms
}

/** Parse `timestamp,value` CSV text (header row optional). */
export function parseNabCsv(text: string): Series {
  const s: Series = { stamps: [], times: [], values: [] }
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line) continue
    const comma = line.indexOf(',')
    const stamp = line.slice(0, comma)
    const value = Number(line.slice(comma + 1))
    if (comma < 0 || !Number.isFinite(value)) {
      if (s.values.length === 0) continue // header
      throw new Error(`bad CSV row: ${line}`)
    }
    s.stamps.push(stamp)
    s.times.push(parseNabTime(stamp))
    s.values.push(value)
  }
  return s
}

export interface SeriesScore {
  windows: number
  hits: number
  /** Hours from each hit window's start to its first detection. */
  delays: number[]
  falseEpisodes: number
  /** Scored span (after probation), in days. */
  days: number
}

export interface ScoreOptions {
  probation: number
  /** Ms: false alarms closer than this to the previous one belong to the same episode. */
  episodeGap: number
}

export const SCORE_DEFAULTS: ScoreOptions = { probation: 0.15, episodeGap: 60 * 60 * 1000 }

/** Score detection times (epoch ms) against labelled windows ([start, end] epoch ms). */
export function scoreSeries(
  times: number[],
  detections: number[],
  windows: [number, number][],
  opts: Partial<ScoreOptions> = {},
): SeriesScore {
  const { probation, episodeGap } = { ...SCORE_DEFAULTS, ...opts }
  const probationEnd = times[Math.floor(probation * times.length)]
  const scored = windows.filter(([, end]) => end >= probationEnd)
  const dets = detections.filter((t) => t >= probationEnd).sort((a, b) => a - b)
  const delays: number[] = []
  for (const [start, end] of scored) {
    const first = dets.find((t) => t >= start && t <= end)
    if (first !== undefined) delays.push((first - start) / 3_600_000)
  }
  let falseEpisodes = 0
  let last = -Infinity
  for (const t of dets) {
    if (windows.some(([s, e]) => t >= s && t <= e)) continue
    if (t - last > episodeGap) falseEpisodes++
    last = t
  }
  const days = (times[times.length - 1] - probationEnd) / 86_400_000
  return { windows: scored.length, hits: delays.length, delays, falseEpisodes, days }
}
