import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { z } from 'zod'
import { createAlertService, type AlertService } from '../alerts/service.ts'
import { createWebhook } from '../alerts/webhook.ts'

declare module 'fastify' {
  interface FastifyInstance {
    alerts: AlertService
  }
}

/** The spike watch: a hub job checks every closed interval; alerts (and status changes) are pushed as `alert`. */
export default fp(
  async function alertsPlugin(app: FastifyInstance) {
    const c = app.config
    const webhook = c.alertWebhookUrl
      ? createWebhook({ url: c.alertWebhookUrl, maxAttempts: 6, retryBaseMs: 1000, timeoutMs: 5000, maxQueue: 100, onGiveUp: (a, err) => app.log.warn({ alert: a.id, err }, 'webhook gave up') })
      : undefined
    const alerts = createAlertService({
      client: app.store.client,
      publish: (a) => app.hub.emit('alert', a),
      entities: app.entities,
      intervalS: c.alertIntervalS,
      driverBaselineS: c.alertDriverBaselineS,
      webhook,
      settled: (t) => app.frontDoor.settled(t),
      lateHorizonS: () => app.settings.alerts.lateHorizonS,
    })
    app.decorate('alerts', alerts)
    app.hub.schedule('alerts', alerts.check, alerts.checkEveryMs)
    app.hub.handle('alert:status', {
      role: 'admin',
      payload: z.strictObject({ id: z.string().min(1).max(256), status: z.enum(['open', 'acknowledged', 'false_positive']) }),
      run: async ({ id, status }, socket) => ((await alerts.setStatus(id, status, `socket:${socket.id}`)) ? null : `no alert with id ${id}`),
    })
    app.settingsReload.onChange((next) => alerts.setEntities(next.entities))
    app.addHook('preClose', async () => alerts.stop())
  },
  { name: 'alerts', dependencies: ['store', 'settings', 'realtime', 'ingest'] },
)
