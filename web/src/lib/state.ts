/**
 * The wall's model of the live feed, as pure functions: snapshot → reset, tick → upsert points,
 * alert → upsert by id. Pure so it can be unit-tested; the Svelte store just holds the latest value.
 */
import type { Alert, EntityInfo, SeriesPoint, Snapshot, Tick } from '@pulso/types'

export interface LiveModel {
  entities: EntityInfo[]
  demo: boolean
  tick: Tick | null
  /** Per-second points keyed by `entity|t`: a later copy of the same second replaces the earlier one. */
  points: Map<string, SeriesPoint>
  /** Newest first (by detectedAt). */
  alerts: Alert[]
  historySeconds: number
  /** Server clock minus client clock, ms, from the latest tick: freshness is measured on the server's clock. */
  clockOffset: number
  /** Bumped on every snapshot, so views can tell a rebuild from an update. */
  generation: number
}

/** Keep this much per-second history; the volume chart and the emotion stream show the last 10 minutes. */
export const RETAIN_SECONDS = 660
/** Alerts kept in the list (newest first). */
export const MAX_ALERTS = 50

export const pointKey = (p: Pick<SeriesPoint, 'entity' | 't'>) => `${p.entity}|${p.t}`

export function emptyModel(): LiveModel {
  return { entities: [], demo: false, tick: null, points: new Map(), alerts: [], historySeconds: 0, clockOffset: 0, generation: 0 }
}

function sortAlerts(alerts: Alert[]): Alert[] {
  return alerts.sort((a, b) => b.detectedAt - a.detectedAt || (a.id < b.id ? -1 : 1)).slice(0, MAX_ALERTS)
}

/** A snapshot replaces everything (also after a reconnect): state is rebuilt from it alone. */
export function applySnapshot(prev: LiveModel, s: Snapshot, clientNow: number): LiveModel {
  const points = new Map<string, SeriesPoint>()
  for (const p of s.history) points.set(pointKey(p), p)
  for (const p of s.tick.points) points.set(pointKey(p), p)
  return {
    entities: s.entities,
    demo: s.demo,
    tick: s.tick,
    points,
    alerts: sortAlerts([...s.alerts]),
    historySeconds: s.historySeconds,
    clockOffset: s.tick.at - clientNow,
    generation: prev.generation + 1,
  }
}

/** A tick replaces the window figures and upserts its points; points older than the retention go. */
export function applyTick(m: LiveModel, t: Tick, clientNow: number, retainSeconds = RETAIN_SECONDS): LiveModel {
  const points = new Map(m.points)
  for (const p of t.points) points.set(pointKey(p), p)
  const cutoff = t.at - retainSeconds * 1000
  for (const [k, p] of points) if (p.t < cutoff) points.delete(k)
  return { ...m, tick: t, points, clockOffset: t.at - clientNow }
}

/** Older points fetched over REST fill gaps but never overwrite what the live feed already sent. */
export function backfill(m: LiveModel, extra: SeriesPoint[]): LiveModel {
  const points = new Map(m.points)
  for (const p of extra) if (!points.has(pointKey(p))) points.set(pointKey(p), p)
  return { ...m, points }
}

/** A new alert, or a status change of a known one (same id: replace). */
export function applyAlert(m: LiveModel, a: Alert): LiveModel {
  return { ...m, alerts: sortAlerts([a, ...m.alerts.filter((x) => x.id !== a.id)]) }
}

/** Seconds between the newest stored post and now (server clock), or null before any data. */
export function dataAgeSeconds(m: LiveModel, clientNow: number): number | null {
  const at = m.tick?.dataAt
  if (at == null) return null
  return Math.max(0, Math.floor((clientNow + m.clockOffset - at) / 1000))
}
