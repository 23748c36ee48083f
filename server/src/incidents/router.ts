/**
 * Routing (issue 18): sends incidents to the configured routes by entity and severity, and escalates — a route with
 * `afterMinutes` is paged only once the incident has stayed unacknowledged that long. Pages go through each route's
 * bounded background outbox (deliver.ts): nothing here waits on a receiver.
 */
import type { Incident, IncidentEvent } from '@pulso/types'
import { createDelivery, httpSender, type Delivery } from './deliver.ts'
import { emailSender } from './email.ts'
import { emailPayload, signature, SIGNATURE_HEADER, slackPayload, teamsPayload, webhookPayload, type Page } from './payloads.ts'
import type { IncidentSettings, Route } from './settings.ts'

export interface RouterOptions {
  settings: () => IncidentSettings
  entityName: (id: string) => string
  /** The latest alert's top drivers of an incident ("#ondanetcaido ×40"). */
  drivers: (i: Incident) => string[]
  /** A page went out (or was queued): the incident's timeline says so. */
  onPaged: (i: Incident, e: Pick<IncidentEvent, 'kind' | 'route' | 'note'>) => void
  onGiveUp?: (route: string, error: string) => void
  now?: () => number
}

const matches = (r: Route, i: Incident) => i.severity >= r.minSeverity && (!r.entities || r.entities.includes(i.entity))

export function createRouter(o: RouterOptions) {
  const now = o.now ?? Date.now
  const outboxes = new Map<string, { key: string; d: Delivery }>()
  /** incident id → route names already paged (an incident pages each route once; a severity rise re-pages). */
  const paged = new Map<string, Set<string>>()
  const pagedSeverity = new Map<string, number>()

  function outbox(r: Route): Delivery {
    const s = o.settings().delivery
    const key = JSON.stringify([r, s])
    const have = outboxes.get(r.name)
    if (have?.key === key) return have.d
    have?.d.stop()
    const deliver =
      r.kind === 'email' ? emailSender(r, s.timeoutMs)
      : r.kind === 'webhook' ? httpSender(r.url, s.timeoutMs, (body) => ({ [SIGNATURE_HEADER]: signature(r.secret, body) }))
      : httpSender(r.url, s.timeoutMs)
    const d = createDelivery({ deliver, maxAttempts: s.maxAttempts, retryBaseMs: s.retryBaseMs, maxQueue: s.maxQueue, onGiveUp: (err) => o.onGiveUp?.(r.name, err) })
    outboxes.set(r.name, { key, d })
    return d
  }

  function page(r: Route, i: Incident, reason: string) {
    const base = o.settings().publicUrl?.replace(/\/$/, '') ?? ''
    const p: Page = { incident: i, entityName: o.entityName(i.entity), reason, replayUrl: base + i.replay, drivers: o.drivers(i) }
    const payloads = { slack: slackPayload, teams: teamsPayload, webhook: webhookPayload, email: emailPayload }
    outbox(r).send(payloads[r.kind](p))
  }

  return {
    /** Decide what this incident's state calls for now: run on every change and on the tick (escalation). */
    consider(i: Incident): void {
      if (i.state === 'resolved') {
        paged.delete(i.id), pagedSeverity.delete(i.id)
        return
      }
      // Acknowledged or snoozed: someone has it, nobody else is paged (a snooze that ends reopens the incident).
      if (i.state !== 'open') return
      const done = paged.get(i.id) ?? new Set<string>()
      paged.set(i.id, done)
      const age = now() - i.openedAt
      const rose = i.severity > (pagedSeverity.get(i.id) ?? i.severity)
      for (const r of o.settings().routes) {
        if (!matches(r, i) || age < r.afterMinutes * 60_000) continue
        if (done.has(r.name)) {
          if (rose) page(r, i, 'severity')
          continue
        }
        done.add(r.name)
        page(r, i, r.afterMinutes > 0 ? 'escalated' : 'opened')
        o.onPaged(i, { kind: r.afterMinutes > 0 ? 'escalated' : 'routed', route: r.name, note: r.afterMinutes > 0 ? `not acknowledged within ${r.afterMinutes} min` : undefined })
      }
      pagedSeverity.set(i.id, i.severity)
    },
    stats: () => Object.fromEntries([...outboxes].map(([name, { d }]) => [name, d.stats()])),
    stop(): void {
      for (const { d } of outboxes.values()) d.stop()
    },
  }
}

export type Router = ReturnType<typeof createRouter>
