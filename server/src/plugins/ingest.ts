import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createIngest, type Ingest } from '@pulso/ingest'
import { deletesSettled, removePosts } from '../store/removals.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The ingest front door: its steps, stats, events (`stored`, `flush`) and `setEntities` for config reloads. */
    frontDoor: Ingest
    /** Runs posts through the front door: HTTP and every source put posts through here. */
    ingest: Ingest['process']
  }
}

/** validate → match → analyse → write, with the batched writer, its spool and the NLP worker threads (@pulso/ingest). */
export default fp(
  async function ingestPlugin(app: FastifyInstance) {
    const c = app.config
    const door = createIngest(
      {
        maxTextChars: c.maxTextChars,
        batchMaxRows: c.batchMaxRows,
        flushMs: c.flushMs,
        insertTimeoutMs: c.insertTimeoutMs,
        spool: { dir: c.spoolDir ?? path.join(c.dataDir, 'spool'), maxBytes: c.spoolMaxBytes },
        nlpWorkers: c.nlpWorkers,
        entities: app.entities,
        log: app.log,
        // Deletes and edits at the source, purges: out of posts, the aggregates corrected (store/removals.ts).
        remover: (target, reason) => removePosts(app.store.client, target, reason),
        removalsSettled: () => deletesSettled(app.store.client),
      },
      app.store.client,
    )
    app.decorate('frontDoor', door)
    app.decorate('ingest', door.process)
    // An entity added to config/pulso.yaml mid-debate is matched from the next request on, without a restart.
    app.settingsReload.onChange((next) => door.setEntities(next.entities))
    // After the sources stopped (preClose): flush what was accepted, then the workers; the store closes after us.
    app.addHook('onClose', () => door.close())
  },
  { name: 'ingest', dependencies: ['store', 'settings'] },
)
