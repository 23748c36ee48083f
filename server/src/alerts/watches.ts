/**
 * One entity's set of detectors (volume, unique authors, negative share, each emotion's share) and how one closed
 * interval is fed to it. Shared by the live pass (service.ts) and the late pass (late.ts), so both read a series the
 * same way.
 */
import { EMOTIONS, type Entity, type SeriesPoint } from '@pulso/types'
import { createCountDetector, createShareDetector, type Decision } from './detector/index.ts'

interface Watch {
  metric: string
  update(t: number, p: SeriesPoint | undefined): Decision | null
}

export interface EntityWatch {
  entity: Entity
  watches: Watch[]
  /** End of the interval of the entity's last alert (the cooldown is counted from it). */
  lastAlertAt: number
  /** Detectors start at an entity's first post, so a stream starting (or a fresh install) is not a surge. */
  seen: boolean
}

export interface Fired {
  entity: Entity
  metric: string
  d: Decision
}

function watches(): Watch[] {
  const volume = createCountDetector()
  const authors = createCountDetector()
  const negative = createShareDetector()
  const emotions = EMOTIONS.map((e) => ({ e, d: createShareDetector() }))
  return [
    { metric: 'volume', update: (t, p) => volume.update(t, p?.posts ?? 0, p?.authors ?? 0) },
    { metric: 'authors', update: (t, p) => authors.update(t, p?.authors ?? 0) },
    { metric: 'negative_share', update: (t, p) => negative.update(t, p?.negative ?? 0, p?.posts ?? 0) },
    ...emotions.map(({ e, d }) => ({ metric: `emotion:${e}`, update: (t: number, p: SeriesPoint | undefined) => d.update(t, Math.min(p?.emotions[e] ?? 0, p?.posts ?? 0), p?.posts ?? 0) })),
  ]
}

export const watchOf = (entity: Entity): EntityWatch => ({ entity, watches: watches(), lastAlertAt: -Infinity, seen: false })

/** Feeds the interval starting at `bucket` (`p`: the entity's point there, if any); `quiet` warms without firing. */
export function step(s: EntityWatch, bucket: number, p: SeriesPoint | undefined, quiet: boolean): Fired[] {
  s.seen ||= (p?.posts ?? 0) > 0
  if (!s.seen) return []
  const fired: Fired[] = []
  for (const w of s.watches) {
    const d = w.update(bucket, p)
    if (d && !quiet) fired.push({ entity: s.entity, metric: w.metric, d })
  }
  return fired
}
