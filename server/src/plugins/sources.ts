import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { PostInput } from '@pulso/types'
import { createDemoSource, createSource, fileCursorStore, type Source } from '@pulso/ingest'

declare module 'fastify' {
  interface FastifyInstance {
    sources: Source[]
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
    const emit = (posts: PostInput[]) => app.ingest(posts.map((value, i) => ({ line: i + 1, value })))
    const ctx = { emit, cursors: fileCursorStore(c.cursorsFile ?? path.join(c.dataDir, 'cursors.json')), entities: app.entities, log: app.log }
    const sources: Source[] = app.sourceSpecs.map((spec) => createSource(spec, ctx))
    if (c.demo && app.sourceSpecs.length === 0) sources.push(createDemoSource(app.entities, emit, { rate: c.demoRate }))
    app.decorate('sources', sources)
    app.addHook('onReady', async () => sources.forEach((s) => s.start()))
    app.addHook('preClose', async () => void (await Promise.all(sources.map((s) => s.stop()))))
  },
  { name: 'sources', dependencies: ['settings', 'ingest'] },
)
