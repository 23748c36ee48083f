/**
 * An incident is the fold of its events in order (pure): the store keeps only the events (append-only), the server
 * keeps the folded state of recent incidents in memory and rebuilds it from the events at start.
 */
import type { Incident, IncidentEvent } from '@pulso/types'

/** Alerts on one entity group by metric family: a volume spike and an authors spike are the same surge. */
export function familyOf(metric: string): string {
  if (metric === 'volume' || metric === 'authors') return 'volume'
  if (metric === 'negative_share') return 'sentiment'
  if (metric.startsWith('emotion:')) return 'emotion'
  return metric
}

export const fingerprintOf = (entity: string, metric: string) => `${entity}|${familyOf(metric)}`

/** The wall replaying the moment the surge began (the wall reads `?t=` as replay time, ms). */
export const replayLink = (onset: number) => `/?t=${Math.round(onset)}`

/** A new incident from its first ('opened') event. */
export function openIncident(id: string, entity: string, family: string, onset: number, first: IncidentEvent): Incident {
  return {
    id,
    fingerprint: `${entity}|${family}`,
    entity,
    family,
    state: 'open',
    severity: first.severity ?? 1,
    owner: '',
    snoozedUntil: null,
    openedAt: first.at,
    updatedAt: first.at,
    replay: replayLink(onset),
    alerts: 0,
    timeline: [first],
  }
}

/** Apply one event (mutates `i`, returns it). Unknown kinds only land on the timeline. */
export function apply(i: Incident, e: IncidentEvent): Incident {
  if (e !== i.timeline[i.timeline.length - 1]) i.timeline.push(e)
  i.updatedAt = Math.max(i.updatedAt, e.at)
  switch (e.kind) {
    case 'opened':
    case 'alert':
      i.alerts++
      if (e.severity) i.severity = Math.max(i.severity, e.severity)
      break
    case 'severity':
      if (e.severity) i.severity = e.severity
      break
    case 'acknowledged':
      i.state = 'acknowledged'
      i.snoozedUntil = null
      break
    case 'snoozed':
      i.state = 'snoozed'
      i.snoozedUntil = e.until ?? null
      break
    case 'resolved':
      i.state = 'resolved'
      i.snoozedUntil = null
      break
    case 'reopened':
      i.state = 'open'
      i.snoozedUntil = null
      break
    case 'assigned':
      i.owner = e.owner ?? ''
      break
  }
  return i
}

/** An incident rebuilt from its stored events in order, the first its opening (a restart, a replay). */
export function foldEvents(g: { id: string; entity: string; family: string }, events: IncidentEvent[]): Incident {
  const [first, ...rest] = events
  const i = openIncident(g.id, g.entity, g.family, first.onset ?? first.at, first)
  i.alerts = 1
  for (const e of rest) apply(i, e)
  return i
}
