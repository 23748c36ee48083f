import type { Alert } from '@pulso/types'

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
 * Fire-and-forget delivery with retries and exponential backoff, in the background: `send` returns at once, so a
 * dead or slow webhook never blocks ingest or the wall. One delivery at a time keeps the receiver's order.
 */
export function createWebhook(o: WebhookOptions) {
  const queue: { body: object; alert: Alert; attempt: number }[] = []
  let running = false
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let wake: (() => void) | undefined
  const delivered: string[] = []

  async function tryOnce(body: object): Promise<void> {
    const res = await fetch(o.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(o.timeoutMs) })
    await res.arrayBuffer().catch(() => undefined)
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
  }

  const pause = (ms: number) => new Promise<void>((r) => ((wake = r), (timer = setTimeout(r, ms))))

  async function run() {
    running = true
    while (queue.length && !stopped) {
      const job = queue[0]
      try {
        await tryOnce(job.body)
        queue.shift()
        delivered.push(job.alert.id)
      } catch (e) {
        job.attempt++
        if (job.attempt >= o.maxAttempts) {
          queue.shift()
          o.onGiveUp?.(job.alert, (e as Error).message)
        } else await pause(Math.min(o.retryBaseMs * 2 ** (job.attempt - 1), 60_000))
      }
    }
    running = false
  }

  return {
    send(alert: Alert, entityName: string) {
      if (stopped) return
      if (queue.length >= o.maxQueue) queue.splice(1, 1) // keep the one in flight, drop the oldest waiting
      queue.push({ body: slackBody(alert, entityName), alert, attempt: 0 })
      if (!running) void run()
    },
    get pending() {
      return queue.length
    },
    /** Ids delivered so far (most recent last), for health and tests. */
    delivered,
    stop() {
      stopped = true
      clearTimeout(timer)
      wake?.()
    },
  }
}

export type Webhook = ReturnType<typeof createWebhook>
