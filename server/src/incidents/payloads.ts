/**
 * What a page looks like at each receiver: Slack (incoming webhook, Block Kit), Microsoft Teams (a Workflows
 * webhook posting an Adaptive Card) and the generic webhook (the incident as JSON, signed). Plain text everywhere
 * is escaped for its receiver: entity names and notes come from people.
 */
import { createHmac } from 'node:crypto'
import type { Incident } from '@pulso/types'

export interface Page {
  incident: Incident
  entityName: string
  /** 'opened' | 'escalated' | 'severity' */
  reason: string
  /** Absolute when `publicUrl` is set, else the wall-relative `/?t=`. */
  replayUrl: string
  /** Top drivers of the latest alert, for a glance ("#ondanetcaido ×40"). */
  drivers: string[]
}

const title = (p: Page) => `${p.reason === 'escalated' ? 'Escalated: ' : ''}${p.entityName} — ${p.incident.family} incident, severity ${p.incident.severity}/5`
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export function slackPayload(p: Page): object {
  const t = title(p)
  const lines = [`*${slackEscape(t)}*`, `State: ${p.incident.state} · alerts: ${p.incident.alerts}` + (p.incident.owner ? ` · owner: ${slackEscape(p.incident.owner)}` : '')]
  if (p.drivers.length) lines.push(`Drivers: ${slackEscape(p.drivers.join(', '))}`)
  const blocks: object[] = [
    { type: 'header', text: { type: 'plain_text', text: t.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Incident ${p.incident.id} · opened ${new Date(p.incident.openedAt).toISOString()}` }] },
  ]
  if (/^https?:/.test(p.replayUrl)) blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Replay the wall at onset' }, url: p.replayUrl }] })
  else blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Replay: ${p.replayUrl}` }] })
  return { text: t, blocks }
}

export function teamsPayload(p: Page): object {
  const facts = [
    { title: 'State', value: p.incident.state },
    { title: 'Severity', value: `${p.incident.severity}/5` },
    { title: 'Alerts', value: String(p.incident.alerts) },
    { title: 'Owner', value: p.incident.owner || '—' },
    { title: 'Drivers', value: p.drivers.join(', ') || '—' },
    { title: 'Replay', value: p.replayUrl },
  ]
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: title(p), weight: 'Bolder', size: 'Medium', wrap: true, color: p.incident.severity >= 4 ? 'Attention' : 'Warning' },
      { type: 'FactSet', facts },
    ],
    actions: /^https?:/.test(p.replayUrl) ? [{ type: 'Action.OpenUrl', title: 'Replay the wall at onset', url: p.replayUrl }] : [],
  }
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] }
}

export function webhookPayload(p: Page): object {
  return { event: `incident.${p.reason}`, entityName: p.entityName, replayUrl: p.replayUrl, drivers: p.drivers, incident: p.incident }
}

/** An e-mail: the title as subject, the facts and the replay link as plain text (no HTML to escape or to render). */
export function emailPayload(p: Page): { subject: string; text: string } {
  const i = p.incident
  const lines = [
    title(p),
    '',
    `State: ${i.state}`,
    `Severity: ${i.severity}/5`,
    `Alerts: ${i.alerts}`,
    `Owner: ${i.owner || '—'}`,
    `Drivers: ${p.drivers.join(', ') || '—'}`,
    `Opened: ${new Date(i.openedAt).toISOString()}`,
    `Replay at onset: ${p.replayUrl}`,
    '',
    `Incident ${i.id}`,
  ]
  return { subject: title(p).replace(/[\r\n]+/g, ' '), text: lines.join('\n') }
}

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`: the receiver recomputes it with the shared secret. */
export const signature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
export const SIGNATURE_HEADER = 'x-pulso-signature'
