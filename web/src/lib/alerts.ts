/** Shared wording and colours for alerts (banner and list). */
import type { Alert } from '@pulso/types'
import type { Formatters } from './i18n.ts'

/** Shares (negative_share, emotion:*) read as percentages; counts and rates as plain numbers. */
export function alertValue(fmt: Formatters, metric: string, v: number): string {
  return /share|^emotion/.test(metric) && Math.abs(v) <= 1 ? fmt.percent(v) : fmt.human(v)
}

/** "×3.5", "×43k": how far the observed value is from the expected one. */
export function alertRatio(fmt: Formatters, a: Pick<Alert, 'observed' | 'expected'>): string {
  return a.expected > 0 ? `×${fmt.human(a.observed / a.expected)}` : ''
}

/** Severity badge background (text on it is dark): blue-grey, orange, vermillion — always shown with the number. */
export function severityColor(s: number): string {
  return s >= 4 ? '#FF7A3D' : s === 3 ? '#E69F00' : '#9fb3c8'
}

/**
 * The open alerts among the given entities, graver first, then newer first: a new mild alert on one entity must
 * not push a still-open grave one on another out of the room's sight.
 */
export function openAlerts(alerts: Alert[], entities: Set<string>): Alert[] {
  return alerts
    .filter((a) => a.status === 'open' && entities.has(a.entity))
    .sort((a, b) => b.severity - a.severity || b.detectedAt - a.detectedAt)
}
