/**
 * Per-minute history for debate mode (GET /api/series?step=60): net sentiment and emotion mix per minute for each
 * candidate on one time axis. Completed minutes only: the running one holds a few seconds at its start (one post read
 * +1.0 beside a card at −0.22), so the charts draw "now" from the cards' rolling window instead, marked as such.
 * Pure helpers below; the class only fetches.
 */
import { EMOTIONS, type EmotionScores, type SeriesPoint } from '@pulso/types'
import { fetchSeries } from './api.ts'

/** Debate mode shows this many minutes. */
export const DEBATE_MINUTES = 30

/** Start of the minute running at `now` (ms): every minute before it is complete. */
export const runningMinute = (now: number): number => Math.floor(now / 60_000) * 60_000

export class Minutes {
  points: SeriesPoint[] = $state.raw([])
  /** End (exclusive) of the minutes `points` were read for, ms; 0 before the first answer. */
  until = $state(0)
  #key = ''
  #asked = 0
  #applied = 0

  /**
   * Fetch the completed minutes before `now` (the wall's clock: in a replay the replayed second, so no later post of
   * its minute is read); skipped when the same minutes were fetched less than 20 s ago — 2 s while they hold nothing
   * yet: a wall opened as the first posts arrive showed cards moving beside an empty chart for 20 s.
   */
  async load(token: string | null, entities: string[], now: number, force = false): Promise<void> {
    const end = runningMinute(now)
    const key = `${entities.join(',')}|${end}|${Math.floor(Date.now() / (this.points.length ? 20_000 : 2_000))}`
    if (!force && key === this.#key) return
    this.#key = key
    const asked = ++this.#asked
    try {
      const points = await fetchSeries({ entities, from: end - DEBATE_MINUTES * 60_000, to: end, step: 60 }, token)
      // A late answer to an older ask (a replay moving fast) never replaces a newer one's.
      if (asked < this.#applied) return
      this.#applied = asked
      this.points = points
      this.until = end
    } catch {
      // Debate charts keep their last figures; the connection state already tells the room.
    }
  }
}

export interface MinuteFigures {
  t: number
  posts: number
  /** (positive − negative) / posts, or null for a minute without posts */
  net: number | null
  /** emotion shares summing to 1 (all 0 without posts) */
  mix: EmotionScores
}

/** One entity's minutes in [from, to), missing minutes as empty. */
export function minuteSeries(points: SeriesPoint[], entity: string, from: number, to: number): MinuteFigures[] {
  const byT = new Map(points.filter((p) => p.entity === entity).map((p) => [p.t, p]))
  const out: MinuteFigures[] = []
  for (let t = from; t < to; t += 60_000) {
    const p = byT.get(t)
    const total = p ? EMOTIONS.reduce((a, e) => a + p.emotions[e], 0) : 0
    out.push({
      t,
      posts: p?.posts ?? 0,
      net: p && p.posts > 0 ? (p.positive - p.negative) / p.posts : null,
      mix: Object.fromEntries(EMOTIONS.map((e) => [e, total > 0 ? p!.emotions[e] / total : 0])) as EmotionScores,
    })
  }
  return out
}
