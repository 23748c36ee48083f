/** Alerts as rows of the store and as windows of time: small helpers of the alert service. */
import type { Alert, Emotion } from '@pulso/types'

/**
 * Earlier surges on an entity, to keep out of a new alert's driver baseline: from each recent alert's onset to
 * `afterMs` past its detection (a surge outlives the moment it is detected), never past the new onset.
 */
export function alertWindows(alerts: Alert[], entity: string, onset: number, afterMs: number): [number, number][] {
  return alerts.filter((a) => a.entity === entity && a.onset < onset).map((a) => [a.onset, Math.min(onset, a.detectedAt + afterMs)] as [number, number])
}

export function fromRow(r: Record<string, string>): Alert {
  return {
    id: r.id,
    entity: r.entity,
    metric: r.metric,
    severity: Number(r.severity) as Alert['severity'],
    onset: Date.parse(r.onset + 'Z'),
    detectedAt: Date.parse(r.detected_at + 'Z'),
    observed: Number(r.observed),
    expected: Number(r.expected),
    emotion: (r.emotion || null) as Emotion | null,
    drivers: JSON.parse(r.drivers),
    posts: JSON.parse(r.posts),
    status: r.status as Alert['status'],
    ...judged(r.authenticity),
  }
}

/** The alert's judgement as stored (migration 0016): authenticity, gate and held, or nothing when not judged. */
export function judgedColumn(a: Alert): string {
  return a.authenticity ? JSON.stringify({ authenticity: a.authenticity, gate: a.gate, held: a.held }) : ''
}

function judged(col: string | undefined): Pick<Alert, 'authenticity' | 'gate' | 'held'> {
  if (!col) return {}
  // A row this version cannot read is shown without its judgement rather than not at all.
  try {
    const j = JSON.parse(col) as Pick<Alert, 'authenticity' | 'gate' | 'held'>
    return { authenticity: j.authenticity, gate: j.gate, held: j.held }
  } catch {
    return {}
  }
}
