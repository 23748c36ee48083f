import type { ClickHouseClient } from '@clickhouse/client'
import type { QueueSummary } from '@pulso/types'
import type { IO } from '../live/live.ts'
import { summarize } from './queries.ts'
import type { QueueSettings } from './settings.ts'

export interface QueueServiceOptions {
  client: ClickHouseClient
  io: IO
  settings: QueueSettings
  onError: (e: unknown) => void
}

/**
 * Keeps the wall's queue summary fresh: recomputed every `summaryIntervalS` (deadlines pass and reposts arrive
 * without anyone acting), pushed to every socket as `queue` when it changes, and served from memory to the REST
 * API, so 500 walls polling cost no query at all.
 */
export function createQueueService(o: QueueServiceOptions) {
  let current: QueueSummary | null = null
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | null = null
  // What the walls were last sent, without the clock: an unchanged queue is not re-sent every interval.
  let sent = ''
  let again = false
  let stopped = false

  /**
   * Recompute now. `afterChange` (an action was stored): a call during a run queues one more run after it, so the
   * change is never missed. The timer's calls do not: on a store slower than the interval they skip, not pile up.
   */
  function refresh(afterChange = true): Promise<void> {
    if (running) {
      if (afterChange) again = true
      return running
    }
    running = (async () => {
      try {
        current = await summarize(o.client, o.settings)
        const { at: _at, ...rest } = current
        const key = JSON.stringify(rest)
        if (key !== sent) {
          sent = key
          o.io.emit('queue', current)
        }
      } catch (e) {
        o.onError(e)
      } finally {
        running = null
        if (again && !stopped) {
          again = false
          void refresh()
        }
      }
    })()
    return running
  }

  o.io.on('connection', (socket) => {
    if (current) socket.emit('queue', current)
  })

  return {
    refresh,
    async summary(): Promise<QueueSummary> {
      if (!current) await refresh()
      return current ?? summarize(o.client, o.settings)
    },
    async start() {
      await refresh()
      timer = setInterval(() => void refresh(false), o.settings.summaryIntervalS * 1000)
    },
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}

export type QueueService = ReturnType<typeof createQueueService>
