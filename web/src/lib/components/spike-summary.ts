import type { Alert } from '@pulso/types'
import type { Formatters } from '../i18n.ts'
import type { IncidentMessages } from '../messages/incidents.ts'

/**
 * The alert item's tooltip: its drivers and the spike's top posts, each with its count in the spike against the
 * one expected from the baseline (`16 / 0`), so the room sees on the wall what the export says.
 */
export function spikeSummary(a: Alert, t: IncidentMessages, fmt: Formatters): string {
  const n = (v: number | undefined) => (v === undefined ? '—' : fmt.int(v))
  const short = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s)
  const lines: string[] = []
  if (a.drivers.length) lines.push(`${t.drivers}: ${a.drivers.slice(0, 6).map((d) => `${d.term} ${n(d.observed)} / ${n(d.expected)}`).join(' · ')}`)
  if (a.posts.length) lines.push(`${t.topPosts}:`, ...a.posts.map((p) => `@${p.author} “${short(p.text)}” ${n(p.observed)} / ${n(p.expected)}`))
  return lines.join('\n')
}
