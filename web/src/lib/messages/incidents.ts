// The control page's incidents (issue 18), in both languages. Kept beside the other messages, in its own module.
import type { IncidentEvent, IncidentState } from '@pulso/types'
import type { UiLang } from '../i18n.ts'
import { plural } from './plural.ts'

const es = {
  incidents: 'Incidentes',
  noIncidents: 'Sin incidentes por ahora',
  state: { open: 'abierto', acknowledged: 'reconocido', snoozed: 'pospuesto', resolved: 'resuelto' } as Record<IncidentState, string>,
  family: { volume: 'volumen', sentiment: 'sentimiento', emotion: 'emoción' } as Record<string, string>,
  acknowledge: 'Reconocer',
  snooze30: 'Posponer 30 min',
  /** The wall's alert list: a short label (the full one in its tooltip) and the incident's state beside the alert. */
  snooze: 'Posponer',
  incident: 'Incidente',
  /** The alert item's tooltip: what drove the spike, each with its count in the spike and the one expected. */
  drivers: 'Motivos',
  topPosts: 'Publicaciones principales',
  resolve: 'Resolver',
  reopen: 'Reabrir',
  assign: 'Asignar',
  owner: 'Responsable',
  note: 'Nota',
  addNote: 'Añadir nota',
  replay: 'Repetición al inicio',
  exportMd: 'Exportar Markdown',
  exportJson: 'Exportar JSON',
  alertsCount: (n: number) => `${n} ${plural(n, 'alerta', 'alertas')}`,
  until: 'hasta',
  timeline: 'Cronología',
  event: {
    opened: 'abierto por una alerta', alert: 'alerta', severity: 'nueva severidad', acknowledged: 'reconocido', snoozed: 'pospuesto',
    resolved: 'resuelto', reopened: 'reabierto', assigned: 'asignado', note: 'nota', escalated: 'escalado', routed: 'enviado',
  } as Record<IncidentEvent['kind'], string>,
}

const en: typeof es = {
  incidents: 'Incidents',
  noIncidents: 'No incidents so far',
  state: { open: 'open', acknowledged: 'acknowledged', snoozed: 'snoozed', resolved: 'resolved' },
  family: { volume: 'volume', sentiment: 'sentiment', emotion: 'emotion' },
  acknowledge: 'Acknowledge',
  snooze30: 'Snooze 30 min',
  snooze: 'Snooze',
  incident: 'Incident',
  drivers: 'Drivers',
  topPosts: 'Top posts',
  resolve: 'Resolve',
  reopen: 'Reopen',
  assign: 'Assign',
  owner: 'Owner',
  note: 'Note',
  addNote: 'Add note',
  replay: 'Replay at onset',
  exportMd: 'Export Markdown',
  exportJson: 'Export JSON',
  alertsCount: (n: number) => `${n} ${plural(n, 'alert', 'alerts')}`,
  until: 'until',
  timeline: 'Timeline',
  event: {
    opened: 'opened by an alert', alert: 'alert', severity: 'severity changed', acknowledged: 'acknowledged', snoozed: 'snoozed',
    resolved: 'resolved', reopened: 'reopened', assigned: 'assigned', note: 'note', escalated: 'escalated', routed: 'sent',
  },
}

export const INCIDENT_MESSAGES: Record<UiLang, typeof es> = { es, en }
export type IncidentMessages = typeof es
