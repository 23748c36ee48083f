// Incidents (issue 18): alerts on one entity and metric family grouped into one thing the room works on.
import type { AlertDriver, AlertPost } from './live.ts'
import type { Authenticity } from './authenticity.ts'

export type IncidentState = 'open' | 'acknowledged' | 'snoozed' | 'resolved'

/** What happened to an incident, in order: the timeline a post-mortem reads. */
export interface IncidentEvent {
  at: number
  kind: 'opened' | 'alert' | 'severity' | 'acknowledged' | 'snoozed' | 'resolved' | 'reopened' | 'assigned' | 'note' | 'escalated' | 'routed'
  /** Who did it: 'pulso' for the detector and the router, else the operator or API caller. */
  by: string
  severity?: number
  alertId?: string
  note?: string
  owner?: string
  /** For 'opened': when the surge began (ms), the replay link's time. */
  onset?: number
  /** For 'snoozed': until when (ms). */
  until?: number
  /** For 'routed' / 'escalated': the route's name. */
  route?: string
}

export interface Incident {
  id: string
  /** entity + metric family ('volume', 'sentiment', 'emotion'): one incident per fingerprint while it is not resolved. */
  fingerprint: string
  entity: string
  family: string
  state: IncidentState
  severity: number
  owner: string
  /** ms; set while snoozed. */
  snoozedUntil: number | null
  openedAt: number
  updatedAt: number
  /** The wall's replay at the onset of the first alert: `/?t=<onset ms>`. */
  replay: string
  alerts: number
  timeline: IncidentEvent[]
  /** What drove its latest alert: the drivers and the spike's top posts with their counts against the baseline. */
  spike?: { alertId: string; drivers: AlertDriver[]; posts: AlertPost[] }
  /** Issue 20: how real its latest alert's spike window looked (absent when that alert was not judged). */
  authenticity?: { alertId: string; gate?: 'public_reaction' | 'suspected_coordinated'; authenticity: Authenticity }
}

export type IncidentAction =
  | { action: 'acknowledge'; by?: string }
  | { action: 'snooze'; minutes: number; by?: string }
  | { action: 'resolve'; by?: string }
  | { action: 'reopen'; by?: string }
  | { action: 'assign'; owner: string; by?: string }
  | { action: 'note'; note: string; by?: string }
