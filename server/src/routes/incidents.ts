import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { describeError } from '@pulso/ingest'
import { actionSchema } from '../incidents/actions.ts'
import { incidentJson, incidentMarkdown } from '../incidents/export.ts'

const listQuery = z.strictObject({ state: z.enum(['open', 'acknowledged', 'snoozed', 'resolved', 'active']).optional() })
const exportQuery = z.strictObject({ format: z.enum(['md', 'json']).default('md') })
const idParam = z.strictObject({ id: z.string().min(1).max(64) })

/**
 * GET /api/incidents[?state=] — recent incidents, newest first; GET /api/incidents/:id — one with its timeline;
 * GET /api/incidents/:id/export?format=md|json — the timeline for a post-mortem; POST /api/incidents/:id/actions
 * (admin) — acknowledge, snooze, resolve, reopen, assign, note.
 */
export default async function incidentRoutes(app: FastifyInstance) {
  const entityName = (id: string) => app.entities.find((e) => e.id === id)?.name ?? id

  app.get('/api/incidents', { config: { role: 'viewer' } }, async (req, reply) => {
    const q = listQuery.safeParse(req.query)
    if (!q.success) return reply.code(400).send({ error: `query: ${describeError(q.error)}` })
    return { incidents: app.incidents.list(q.data.state) }
  })

  app.get('/api/incidents/:id', { config: { role: 'viewer' } }, async (req, reply) => {
    const p = idParam.safeParse(req.params)
    const i = p.success ? app.incidents.get(p.data.id) : undefined
    return i ?? reply.code(404).send({ error: 'no recent incident with that id' })
  })

  app.get('/api/incidents/:id/export', { config: { role: 'viewer' } }, async (req, reply) => {
    const p = idParam.safeParse(req.params)
    const q = exportQuery.safeParse(req.query)
    if (!q.success) return reply.code(400).send({ error: `query: ${describeError(q.error)}` })
    const i = p.success ? app.incidents.get(p.data.id) : undefined
    if (!i) return reply.code(404).send({ error: 'no recent incident with that id' })
    const name = `incident-${i.id.slice(0, 8)}`
    if (q.data.format === 'json') {
      return reply.header('content-disposition', `attachment; filename="${name}.json"`).send(incidentJson(i, entityName(i.entity)))
    }
    const origin = app.settings.incidents.publicUrl?.replace(/\/$/, '') ?? ''
    return reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename="${name}.md"`).send(incidentMarkdown(i, entityName(i.entity), origin))
  })

  app.post('/api/incidents/:id/actions', { config: { role: 'admin' } }, async (req, reply) => {
    const p = idParam.safeParse(req.params)
    if (!p.success) return reply.code(400).send({ error: `params: ${describeError(p.error)}` })
    const body = actionSchema.safeParse(req.body)
    if (!body.success) return reply.code(400).send({ error: `body: ${describeError(body.error)}` })
    const r = await app.incidents.act(p.data.id, body.data, body.data.by ?? 'api')
    if (typeof r === 'string') return reply.code(r.startsWith('no recent') ? 404 : 409).send({ error: r })
    return r
  })
}
