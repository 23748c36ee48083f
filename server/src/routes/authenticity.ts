import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { describeError } from '@pulso/ingest'
import { evidenceCsv } from '../authenticity/export.ts'
import { timeQuery as time } from './params.ts'

/** A window longer than a day is an export job, not a live question: refused, so one read stays bounded. */
const MAX_SPAN_MS = 86_400_000
const DEFAULT_SPAN_MS = 600_000

const querySchema = z.strictObject({
  entity: z.string().min(1).max(120),
  from: time.optional(),
  to: time.optional(),
  /** json: the Authenticity object; csv: its evidence as a file (clusters, then accounts). */
  format: z.enum(['json', 'csv']).default('json'),
})

/**
 * GET /api/authenticity?entity=&from=&to=&format= — how real an entity's posts look over a window (default the last
 * 10 minutes): copy-paste clusters, new accounts, concentration, synchrony, the verdict and its evidence.
 * GET /api/authenticity/board — the wall's tile: every entity's last window and organic/suspect buckets.
 */
export default async function authenticityRoutes(app: FastifyInstance) {
  app.get('/api/authenticity', { config: { role: 'viewer' } }, async (req, reply) => {
    const q = querySchema.safeParse(req.query)
    if (!q.success) return reply.code(400).send({ error: `query: ${describeError(q.error)}` })
    const toMs = q.data.to ?? Date.now()
    const fromMs = q.data.from ?? toMs - DEFAULT_SPAN_MS
    if (fromMs >= toMs) return reply.code(400).send({ error: 'query: from must be before to' })
    if (toMs - fromMs > MAX_SPAN_MS) return reply.code(400).send({ error: 'query: the window may span at most 24 hours' })
    if (!app.entities.some((e) => e.id === q.data.entity)) return reply.code(400).send({ error: `query: unknown entity ${q.data.entity}` })
    // A window that ends at the live edge is still being written: share a read in flight, never a finished one.
    const ttl = toMs > Date.now() - 5000 ? 0 : undefined
    const a = await app.reads.run(`authenticity:${q.data.entity}:${fromMs}:${toMs}`, () => app.authenticity.judge(q.data.entity, fromMs, toMs), ttl)
    if (q.data.format === 'json') return a
    const name = `pulso-authenticity-${q.data.entity}-${new Date(fromMs).toISOString().replace(/[:.]/g, '-')}.csv`
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(evidenceCsv(a))
  })

  app.get('/api/authenticity/board', { config: { role: 'viewer' } }, async () => app.authenticity.board())
}
