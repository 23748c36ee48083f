import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { PostInput, PostKey } from '@pulso/types'
import { createDemoSource, createSource, fileCursorStore, type DemoMoment, type Source } from '@pulso/ingest'
import { addMoment } from '../store/moments.ts'

declare module 'fastify' {
  interface FastifyInstance {
    sources: Source[]
    demo: {
      /** True while the demo stream runs (the wall says DEMO DATA). */
      readonly running: boolean
      /** Real posts arrived: the demo makes way for them, once, and the log says why. */
      stop(reason: string): void
      /** Called once the demo stopped (the live view re-sends walls their snapshot, without DEMO DATA). */
      onStop(f: () => void): void
    }
  }
}

/**
 * The sources of config/pulso.yaml, each through the ingest front door with a resumable cursor; with none configured
 * (and DEMO not off) the demo stream runs. They start when the app is ready and stop first on close (preClose),
 * before the writer flushes what they sent.
 */
export default fp(
  async function sourcesPlugin(app: FastifyInstance) {
    const c = app.config
    const emit = (posts: PostInput[], o?: { replace?: boolean }) => app.ingest(posts.map((value, i) => ({ line: i + 1, value })), o)
    // Deletes at the source go through the front door too: batched, serialised with the writer (issue 16).
    const remove = (keys: PostKey[]) => app.frontDoor.remove(keys, 'deleted')
    const ctx = { emit, remove, cursors: fileCursorStore(c.cursorsFile ?? path.join(c.dataDir, 'cursors.json')), entities: app.entities, log: app.log, retentionDays: c.retentionDays }
    const sources: Source[] = app.sourceSpecs.map((spec) => createSource(spec, ctx))
    // The built-in demo marks its scripted debate moments as they begin, as a producer would (`m` on the wall), so the
    // debate board's moment reactions have something to show without anyone at the keyboard.
    const onMoment = (m: DemoMoment) =>
      void addMoment(app.store.client, { ...m, board: app.entities.some((e) => e.group === m.board) ? m.board : null, by: 'demo' }).then(
        (saved) => app.hub.emit('moment', saved),
        (err: unknown) => app.log.warn({ err }, 'demo moment not stored'),
      )
    const demo = c.demo && app.sourceSpecs.length === 0 ? createDemoSource(app.entities, emit, { rate: c.demoRate, onMoment }) : undefined
    if (demo) sources.push(demo)
    app.decorate('sources', sources)
    let demoRunning = demo !== undefined
    const stopped: (() => void)[] = []
    app.decorate('demo', {
      get running() {
        return demoRunning
      },
      stop(reason: string) {
        if (!demoRunning || !demo) return
        demoRunning = false
        app.log.warn(`demo stream stopped: ${reason}; real data only from now on (DEMO=off skips it at start)`)
        void demo.stop().then(() => stopped.forEach((f) => f()))
      },
      onStop: (f: () => void) => void stopped.push(f),
    })
    app.addHook('onReady', async () => sources.forEach((s) => s.start()))
    app.addHook('preClose', async () => void (await Promise.all(sources.map((s) => s.stop()))))
  },
  { name: 'sources', dependencies: ['store', 'settings', 'realtime', 'ingest'] },
)
