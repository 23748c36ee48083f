import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Snapshot } from '@pulso/types'
import { createLive, type Live } from '../live/live.ts'

declare module 'fastify' {
  interface FastifyInstance {
    live: Live
  }
}

/** The live view: a `tick` every TICK_MS (volatile: latest wins) and a `snapshot` to each wall that connects. */
export default fp(
  async function livePlugin(app: FastifyInstance) {
    const c = app.config
    const live = createLive({
      client: app.store.client,
      entities: () => app.entities.map(({ terms: _t, ...info }) => info),
      demo: () => app.demo.running,
      sources: () => app.sources.map((s) => s.status()),
      windowSeconds: c.windowSeconds,
      historySeconds: c.historySeconds,
      recentAlerts: () => app.alerts.recent(),
    })
    await live.warm()
    app.decorate('live', live)
    app.frontDoor.on('stored', (r) => live.noteStored(r.newest))
    app.hub.publish('tick', () => live.tick(), { everyMs: c.tickMs, volatile: true })
    // Entities changed (config reload) or the demo made way for real data: every wall gets a fresh snapshot, so a
    // new entity gets its card and DEMO DATA goes away at once.
    const resnap = () =>
      live.snapshot().then(
        (s) => app.hub.emit('snapshot', s),
        (err) => app.log.error(err, 'snapshot for every wall failed'),
      )
    app.settingsReload.onChange((_next, diff) => {
      const e = diff.entities
      if (e.added.length + e.removed.length + e.changed.length > 0) void resnap()
    })
    app.demo.onStop(() => void resnap())
    // Walls connecting together (a reload, a reconnect storm, a client looping connects) share one snapshot a second.
    let shared: { at: number; value: Promise<Snapshot> } | undefined
    app.hub.onConnect((socket) => {
      if (!shared || Date.now() - shared.at >= 1000) shared = { at: Date.now(), value: live.snapshot() }
      shared.value.then(
        (s) => socket.emit('snapshot', s),
        (e) => app.log.error(e, 'snapshot failed'),
      )
    })
  },
  { name: 'live', dependencies: ['store', 'settings', 'realtime', 'ingest', 'alerts', 'sources'] },
)
