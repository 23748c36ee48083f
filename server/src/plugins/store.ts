import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { openStore, type Store } from '../store/client.ts'
import { applyRetention, migrate } from '../store/migrate.ts'
import { createReadGate, type ReadGate } from '../store/gate.ts'

declare module 'fastify' {
  interface FastifyInstance {
    store: Store
    migrations: string[]
    /** Expensive reads go through this: coalesced, cached briefly, bounded (store/gate.ts). */
    reads: ReadGate<Store['client']>
  }
}

/** The store, migrated, with its retention applied; closed last (onClose runs in reverse registration order). */
export default fp(
  async function storePlugin(app: FastifyInstance) {
    const c = app.config
    const store = await openStore(c)
    app.decorate('store', store)
    app.decorate('migrations', await migrate(store.client))
    await applyRetention(store.client, c.retentionDays)
    app.decorate('reads', createReadGate({ concurrency: c.readConcurrency, maxWaiting: c.readQueue, ttlMs: c.readCacheMs, maxEntries: 500 }, store.client))
    app.addHook('onClose', () => store.close())
  },
  { name: 'store' },
)
