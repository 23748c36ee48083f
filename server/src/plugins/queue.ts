import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { QueueSummary } from '@pulso/types'
import { summarize } from '../store/queue.ts'
import type { QueueSettings } from '../queue/settings.ts'

declare module 'fastify' {
  interface FastifyInstance {
    queue: {
      settings: QueueSettings
      /** The wall's summary, from memory (500 walls asking cost no query). */
      summary(): Promise<QueueSummary>
      /** An action was stored: recompute and push now (or right after the run in flight). */
      refresh(): Promise<void>
    }
  }
}

/**
 * The response queue's summary: recomputed every `summaryIntervalS` (deadlines pass and reposts arrive without anyone
 * acting), pushed as `queue` when it changed (not when only its clock moved), and sent to each wall on connect.
 */
export default fp(
  async function queuePlugin(app: FastifyInstance) {
    // Read at each use: a reload of the file changes weights, deadlines and customers for the next summary, and the
    // entities' `care` flags which posts are items at all (the front door's rule, ingest/src/care.ts).
    const settings = (): QueueSettings => ({ ...app.settings.queue, careEntities: app.entities.filter((e) => e.care !== false).map((e) => e.id) })
    const withoutClock = ({ at: _at, ...rest }: QueueSummary) => JSON.stringify(rest)
    const pushed = app.hub.publish('queue', () => summarize(app.store.client, settings()), {
      // The push interval is set at start (a change to summaryIntervalS applies at the next restart).
      everyMs: settings().summaryIntervalS * 1000,
      replayOnConnect: true,
      same: (a, b) => withoutClock(a) === withoutClock(b),
    })
    app.decorate('queue', {
      get settings() {
        return settings()
      },
      async summary() {
        if (!pushed.last()) await pushed.refresh()
        return pushed.last() ?? summarize(app.store.client, settings())
      },
      refresh: () => pushed.refresh(),
    })
    // New weights or deadlines: the walls see the re-ranked queue now, not at the next interval.
    app.settingsReload.onChange((_next, diff) => void (diff.queue && pushed.refresh()))
  },
  { name: 'queue', dependencies: ['store', 'realtime', 'settings'] },
)
