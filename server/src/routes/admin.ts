import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { describeError } from '@pulso/ingest'

/** A source label as posts carry it (validate.ts: 1–64 characters). */
const purgeBody = z.strictObject({ source: z.string().trim().min(1, 'must not be empty').max(64, 'longer than 64 characters') })

/**
 * POST /api/admin/purge {source} (admin): every post of one source out of the store, its aggregates corrected, each
 * removal recorded in post_removals (issue 19: demo data kept apart). Purging `demo` stops the demo stream first,
 * so it does not write again behind the purge. The same mechanism as deletes at the source (store/removals.ts).
 */
export default async function adminRoutes(app: FastifyInstance) {
  app.post('/api/admin/purge', { config: { role: 'admin' } }, async (req, reply) => {
    const b = purgeBody.safeParse(req.body)
    if (!b.success) return reply.code(400).send({ error: `body: ${describeError(b.error)}` })
    const { source } = b.data
    if (source === 'demo' && app.demo.running) app.demo.stop('the demo source was purged')
    const removed = await app.frontDoor.purge(source)
    req.log.warn({ source, removed }, 'source purged')
    return { source, removed }
  })
}
