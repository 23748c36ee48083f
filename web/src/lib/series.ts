/** Derived series for the charts, computed from the per-second points (pure; no DOM). */
import { EMOTIONS, zeroEmotions, type EmotionScores, type EntityWindow, type SeriesPoint } from '@pulso/types'

export interface VolumeSeries {
  entity: string
  /** One value per second from `from` (inclusive) to `to` (exclusive): posts per second, smoothed. */
  values: { t: number; v: number }[]
}

/** Posts per second for each second in [from, to); seconds with no point count as 0. */
export function postsPerSecond(points: Map<string, SeriesPoint>, entity: string, from: number, to: number): number[] {
  const out: number[] = []
  for (let t = from; t < to; t += 1000) out.push(points.get(`${entity}|${t}`)?.posts ?? 0)
  return out
}

/** Trailing moving average: a value at second i averages seconds i-window+1 … i (fewer at the start). */
export function movingAverage(values: number[], window: number): number[] {
  if (window <= 1) return values.slice()
  const out: number[] = []
  let sum = 0
  for (let i = 0; i < values.length; i++) {
    sum += values[i]
    if (i >= window) sum -= values[i - window]
    out.push(sum / Math.min(i + 1, window))
  }
  return out
}

export function volumeSeries(points: Map<string, SeriesPoint>, entities: string[], from: number, to: number, smoothSeconds: number): VolumeSeries[] {
  return entities.map((entity) => {
    const smooth = movingAverage(postsPerSecond(points, entity, from, to), smoothSeconds)
    return { entity, values: smooth.map((v, i) => ({ t: from + i * 1000, v })) }
  })
}

export type EmotionBucket = { t: number } & EmotionScores

/** Emotion intensity summed over the given entities, per bucket of `bucketSeconds`, for [from, to). */
export function emotionBuckets(points: Map<string, SeriesPoint>, entities: string[], from: number, to: number, bucketSeconds: number): EmotionBucket[] {
  const step = bucketSeconds * 1000
  const out: EmotionBucket[] = []
  for (let b = from; b < to; b += step) {
    const bucket: EmotionBucket = { t: b, ...zeroEmotions() }
    for (let t = b; t < Math.min(b + step, to); t += 1000) {
      for (const e of entities) {
        const p = points.get(`${e}|${t}`)
        if (p) for (const k of EMOTIONS) bucket[k] += p.emotions[k]
      }
    }
    out.push(bucket)
  }
  return out
}

export interface Trend {
  /** Posts in the latest window and in the one before it. */
  current: number
  previous: number
  /** Relative change, or null when the previous window had no posts or is not known. */
  change: number | null
  /** 'new': the store does not hold the whole window before (it just started), so there is no trend to state. */
  direction: 'up' | 'down' | 'flat' | 'new'
}

/**
 * Compares the last `windowSeconds` before `to` with the window before; ±10 % counts as flat. `since`: where the stored
 * data begins (ms; null: nothing stored). A window before it counted next to nothing, not a quiet minute: every card
 * of a wall started with the debate read "rising +1,203 %". Undefined (a server that does not say): as before.
 */
export function trend(points: Map<string, SeriesPoint>, entity: string, to: number, windowSeconds: number, since?: number | null): Trend {
  const w = windowSeconds * 1000
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  const current = sum(postsPerSecond(points, entity, to - w, to))
  const previous = sum(postsPerSecond(points, entity, to - 2 * w, to - w))
  if (since === null || (since !== undefined && since > to - 2 * w)) return { current, previous, change: null, direction: 'new' }
  const change = previous > 0 ? (current - previous) / previous : null
  const direction = change === null ? (current > 0 ? 'up' : 'flat') : change > 0.1 ? 'up' : change < -0.1 ? 'down' : 'flat'
  return { current, previous, change, direction }
}

export interface Share {
  entity: string
  posts: number
  share: number
}

/** Each entity's share of the posts in the rolling window (by entity id), among the given entities (in their order). */
export function shareOfVoice(windows: Map<string, EntityWindow>, entities: string[]): Share[] {
  // One entity alone would always read 100 %: it is measured against every tracked entity's posts instead.
  const among = entities.length === 1 ? [...windows.keys()] : entities
  const total = among.reduce((a, e) => a + (windows.get(e)?.posts ?? 0), 0)
  return entities.map((entity) => {
    const posts = windows.get(entity)?.posts ?? 0
    return { entity, posts, share: total > 0 ? posts / total : 0 }
  })
}
