import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { describeError } from '@pulso/ingest'
import { timeQuery } from './params.ts'

const query = z.strictObject({ at: timeQuery.optional() })

/** GET /api/feed?at= — the feed (top posts, rising terms) at any time; the wall's replay uses it. */
export default async function feedRoutes(app: FastifyInstance) {
  app.get('/api/feed', { config: { role: 'viewer' } }, async (req, reply) => {
    const q = query.safeParse(req.query)
    if (!q.success) return reply.code(400).send({ error: `query: ${describeError(q.error)}` })
    // Rounded to the read cache's span: a wall (or a looping client) asking again gets the same answer, computed once.
    const span = Math.max(1, app.config.readCacheMs)
    const at = Math.floor((q.data.at ?? Date.now()) / span) * span
    return app.reads.run(`feed:${at}`, () => app.feedAt(at))
  })
}
