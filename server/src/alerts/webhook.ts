import type { Alert } from '@pulso/types'
import { createDelivery, httpSender } from '../incidents/deliver.ts'

export interface WebhookOptions {
  url: string
  /** Tries per alert before it is given up (and logged). */
  maxAttempts: number
  /** Backoff before try n+1: baseMs × 2ⁿ, capped at 60 s. */
  retryBaseMs: number
  /** One try may take this long before it counts as failed. */
  timeoutMs: number
  /** Deliveries waiting at once; beyond it the oldest is dropped (a dead hook must not eat memory). */
  maxQueue: number
  onGiveUp?: (alert: Alert, error: string) => void
}

/** Slack-compatible body: `text` for any incoming-webhook receiver, plus a few fields for the curious. */
export function slackBody(a: Alert, entityName: string): object {
  const drivers = a.drivers.map((d) => d.term).slice(0, 6).join(', ')
  const text =
    `:rotating_light: *${entityName}* — ${a.metric} spike, severity ${a.severity}/5: ` +
    `${round(a.observed)} vs ${round(a.expected)} expected` + (drivers ? ` · drivers: ${drivers}` : '') + (a.emotion ? ` · emotion: ${a.emotion}` : '')
  return { text, alert: a }
}

const round = (x: number) => (x >= 10 ? Math.round(x) : Math.round(x * 100) / 100)

/**
 * Fire-and-forget delivery of each alert to the configured URL, through the same outbox as the incident routes
 * (incidents/deliver.ts): `send` returns at once, so a dead or slow webhook never blocks ingest or the wall, and one
 * delivery at a time keeps the receiver's order.
 */
export function createWebhook(o: WebhookOptions) {
  const outbox = createDelivery<Alert>({
    deliver: httpSender(o.url, o.timeoutMs),
    maxAttempts: o.maxAttempts,
    retryBaseMs: o.retryBaseMs,
    maxQueue: o.maxQueue,
    onGiveUp: (error, a) => o.onGiveUp?.(a, error),
  })
  return {
    send(alert: Alert, entityName: string) {
      outbox.send(slackBody(alert, entityName), alert)
    },
    get pending() {
      return outbox.stats().pending
    },
    stop: outbox.stop,
  }
}

export type Webhook = ReturnType<typeof createWebhook>
