import type { FastifyInstance } from 'fastify'
import type { Incident } from '@pulso/types'
import fp from 'fastify-plugin'
import { createIncidentService, type IncidentService } from '../incidents/service.ts'
import { createRouter, type Router } from '../incidents/router.ts'
import { incidentActionSchema } from '../incidents/actions.ts'

declare module 'fastify' {
  interface FastifyInstance {
    incidents: IncidentService & { router: Router }
  }
}

/**
 * Incidents (issue 18): every alert is filed under an incident (opened, or the open one of its entity + metric family
 * updated); changes are pushed to walls as `incident` and considered by the router (pages, escalation). A hub job
 * ends snoozes, resolves quiet incidents and escalates unanswered ones.
 */
export default fp(
  async function incidentsPlugin(app: FastifyInstance) {
    const settings = () => app.settings.incidents
    let router: Router | undefined
    const service = createIncidentService({
      client: app.store.client,
      autoResolveMs: () => settings().autoResolveMinutes * 60_000,
      log: app.log,
      publish(i, e) {
        app.hub.emit('incident', i)
        if (e.kind !== 'routed' && e.kind !== 'escalated') router?.consider(i)
        // Someone has the incident: its alerts still open are acknowledged too, so no tile counts them as unanswered.
        // (Not when Pulso itself resolves a quiet incident: nobody looked at those alerts.)
        if (e.kind === 'acknowledged' || (e.kind === 'resolved' && e.by !== 'pulso')) acknowledgeAlerts(i, e.by)
      },
    })
    const acknowledgeAlerts = (i: Incident, by: string) => {
      const ids = new Set(i.timeline.map((e) => e.alertId).filter(Boolean))
      for (const a of app.alerts.recent())
        if (ids.has(a.id) && a.status === 'open')
          void app.alerts.setStatus(a.id, 'acknowledged', `${by} (incident ${i.id})`).catch((err) => app.log.warn({ err }, 'alert not acknowledged with its incident'))
    }
    router = createRouter({
      settings,
      entityName: (id) => app.entities.find((e) => e.id === id)?.name ?? id,
      drivers(i) {
        const ids = new Set(i.timeline.map((e) => e.alertId).filter(Boolean))
        const latest = app.alerts.recent().find((a) => ids.has(a.id))
        return (latest?.drivers ?? []).slice(0, 5).map((d) => `${d.term} ×${d.observed}`)
      },
      onPaged: (i, e) => void service.log(i.id, e).catch((err) => app.log.warn({ err }, 'incident page not logged')),
      onGiveUp: (route, err) => app.log.warn({ route, err }, 'incident route gave up'),
    })
    // The first use warms incidents from the store, so a restart keeps the room's open incidents and their state.
    let ready: Promise<void> | undefined
    const warm = () => (ready ??= service.warm().catch((err) => app.log.error({ err }, 'incidents not warmed')))

    app.decorate('incidents', Object.assign(service, { router }))
    app.alerts.setIncidents(async (a) => (await warm(), service.onAlert(a)))
    app.hub.schedule('incidents', async () => {
      await warm()
      await service.tick()
      for (const i of service.list('active')) router!.consider(i)
    }, 1000)
    app.hub.handle('incident:action', {
      role: 'admin',
      payload: incidentActionSchema,
      run: async ({ id, ...act }, socket) => {
        await warm()
        const r = await service.act(id, act, act.by ?? `socket:${socket.id}`)
        return typeof r === 'string' ? r : null
      },
    })
    app.addHook('preClose', async () => router!.stop())
  },
  { name: 'incidents', dependencies: ['store', 'settings', 'realtime', 'alerts'] },
)
