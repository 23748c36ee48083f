/** Shared wording and colours for alerts (banner and list). */
import type { Alert } from '@pulso/types'
import type { Formatters } from './i18n.ts'

/** Shares (negative_share, emotion:*) read as percentages; counts and rates as plain numbers. */
export function alertValue(fmt: Formatters, metric: string, v: number): string {
  return /share|^emotion/.test(metric) && Math.abs(v) <= 1 ? fmt.percent(v) : fmt.fixed(v, 1)
}

/** "×3.5": how far the observed value is from the expected one. */
export function alertRatio(fmt: Formatters, a: Pick<Alert, 'observed' | 'expected'>): string {
  return a.expected > 0 ? `×${fmt.fixed(a.observed / a.expected, 1)}` : ''
}

/** Severity badge background (text on it is dark): blue-grey, orange, vermillion — always shown with the number. */
export function severityColor(s: number): string {
  return s >= 4 ? '#FF7A3D' : s === 3 ? '#E69F00' : '#9fb3c8'
}

/** The newest open alert among the given entities (alerts are kept newest first). */
export function newestOpen(alerts: Alert[], entities: Set<string>): Alert | null {
  return alerts.find((a) => a.status === 'open' && entities.has(a.entity)) ?? null
}
