/**
 * One outbox (an incident route, the alert webhook): pages are delivered in order in the background with retries and
 * exponential backoff. `send` returns at once and the queue is bounded, so a dead or slow receiver never blocks
 * ingest, the wall or the tick. `T`: what the sender wants back about a page it gives up on (the alert behind it).
 */
export interface DeliveryOptions<T = undefined> {
  /** Delivers one page (the JSON text); throws to be retried. */
  deliver: (body: string) => Promise<void>
  /** Tries per page before it is given up. */
  maxAttempts: number
  /** Backoff before try n+1: retryBaseMs × 2ⁿ⁻¹, capped at 60 s. */
  retryBaseMs: number
  /** Pages waiting at once; beyond it the oldest waiting is dropped (a dead receiver must not eat memory). */
  maxQueue: number
  onGiveUp?: (error: string, tag: T) => void
}

/** An HTTP POST of the JSON body; a non-2xx answer or no answer within `timeoutMs` is a failure. */
export function httpSender(url: string, timeoutMs: number, headers?: (body: string) => Record<string, string>) {
  return async (body: string): Promise<void> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers?.(body) }, body, signal: AbortSignal.timeout(timeoutMs) })
    await res.arrayBuffer().catch(() => undefined)
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
  }
}

export function createDelivery<T = undefined>(o: DeliveryOptions<T>) {
  const queue: { body: string; attempt: number; tag: T }[] = []
  let running = false
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let wake: (() => void) | undefined
  let delivered = 0
  let dropped = 0

  const pause = (ms: number) => new Promise<void>((r) => ((wake = r), (timer = setTimeout(r, ms))))

  async function run() {
    running = true
    while (queue.length && !stopped) {
      const job = queue[0]
      try {
        await o.deliver(job.body)
        queue.shift()
        delivered++
      } catch (e) {
        job.attempt++
        if (job.attempt >= o.maxAttempts) {
          queue.shift()
          o.onGiveUp?.((e as Error).message, job.tag)
        } else await pause(Math.min(o.retryBaseMs * 2 ** (job.attempt - 1), 60_000))
      }
    }
    running = false
  }

  return {
    send(payload: object, tag?: T): void {
      if (stopped) return
      if (queue.length >= o.maxQueue) queue.splice(1, 1), dropped++ // keep the one in flight, drop the oldest waiting
      queue.push({ body: JSON.stringify(payload), attempt: 0, tag: tag as T })
      if (!running) void run()
    },
    stats: () => ({ pending: queue.length, delivered, dropped }),
    stop(): void {
      stopped = true
      clearTimeout(timer)
      wake?.()
    },
  }
}

export type Delivery = ReturnType<typeof createDelivery>
