import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createHub, type Hub } from '../realtime/hub.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** socket.io and every realtime push and client event (realtime/hub.ts). */
    hub: Hub
  }
}

/** The realtime hub on the app's HTTP server: its jobs start when the app is ready and stop (waited for) on close. */
export default fp(
  async function realtimePlugin(app: FastifyInstance) {
    const hub = createHub(app)
    app.decorate('hub', hub)
    app.addHook('onReady', async () => hub.start())
    app.addHook('preClose', () => hub.stop())
  },
  { name: 'realtime', dependencies: ['auth'] },
)
