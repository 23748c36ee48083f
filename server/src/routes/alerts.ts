import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { describeError } from '@pulso/ingest'

const statusBody = z.strictObject({ status: z.enum(['open', 'acknowledged', 'false_positive']), by: z.string().max(120).optional() })

/** GET /api/alerts — the recent alerts; POST /api/alerts/:id/status — acknowledge or mark a false positive. */
export default async function alertRoutes(app: FastifyInstance) {
  app.get('/api/alerts', { config: { role: 'viewer' } }, async () => ({ alerts: app.alerts.recent() }))

  app.post<{ Params: { id: string } }>('/api/alerts/:id/status', { config: { role: 'admin' } }, async (req, reply) => {
    const body = statusBody.safeParse(req.body)
    if (!body.success) return reply.code(400).send({ error: `body: ${describeError(body.error)}` })
    const alert = await app.alerts.setStatus(req.params.id, body.data.status, body.data.by ?? 'api')
    if (!alert) return reply.code(404).send({ error: `no recent alert with id ${req.params.id}` })
    return alert
  })
}
