import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Entity } from '@pulso/types'
import { loadEntities, loadSources, type SourceSpec } from '@pulso/ingest'

declare module 'fastify' {
  interface FastifyInstance {
    /** The monitored entities of config/pulso.yaml. */
    entities: Entity[]
    /** The sources of config/pulso.yaml (none: the demo stream runs). */
    sourceSpecs: SourceSpec[]
  }
}

/** config/pulso.yaml: the entities and sources everything else reads. */
export default fp(
  async function settingsPlugin(app: FastifyInstance) {
    app.decorate('entities', loadEntities(app.config.configFile))
    app.decorate('sourceSpecs', loadSources(app.config.configFile))
  },
  { name: 'settings' },
)
