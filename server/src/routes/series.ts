import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { describeError } from '@pulso/ingest'
import { SERIES_COLUMNS } from '@pulso/types'
import { querySeries, querySeriesColumns } from '../store/series.ts'

const MAX_POINTS_PER_ENTITY = 100_000
const COLUMNS = JSON.stringify(SERIES_COLUMNS)

import { timeQuery as time } from './params.ts'

const querySchema = z.strictObject({
  entity: z.string().optional(),
  from: time.optional(),
  to: time.optional(),
  step: z.coerce.number().int().min(1).max(86_400).default(60),
  /** points: one object per entity and bucket; columns: one array per figure (SERIES_COLUMNS), what the wall reads. */
  format: z.enum(['points', 'columns']).default('points'),
})

/**
 * GET /api/series?entity=a,b&from=&to=&step=&format= — history for charts and exports (default: the last hour, per
 * minute, as points).
 */
export default async function seriesRoutes(app: FastifyInstance) {
  app.get('/api/series', { config: { role: 'viewer' } }, async (req, reply) => {
    const q = querySchema.safeParse(req.query)
    if (!q.success) return reply.code(400).send({ error: `query: ${describeError(q.error)}` })
    const toMs = q.data.to ?? Date.now()
    const fromMs = q.data.from ?? toMs - 3600_000
    if (fromMs >= toMs) return reply.code(400).send({ error: 'query: from must be before to' })
    if ((toMs - fromMs) / 1000 / q.data.step > MAX_POINTS_PER_ENTITY) {
      return reply.code(400).send({ error: `query: more than ${MAX_POINTS_PER_ENTITY} points per entity; raise step` })
    }
    const entities = q.data.entity?.split(',').filter(Boolean)
    const unknown = entities?.filter((e) => !app.entities.some((x) => x.id === e))
    if (unknown?.length) return reply.code(400).send({ error: `query: unknown entity ${unknown.join(', ')}` })
    const query = { fromMs, toMs, stepS: q.data.step, entities }
    const key = `series:${fromMs}:${toMs}:${q.data.step}:${entities?.join(',') ?? '*'}:${q.data.format}`
    // History that ends at the live edge is still being written: share a read in flight, never a finished one.
    const ttl = toMs > Date.now() - 5000 ? 0 : undefined
    if (q.data.format === 'points') return { from: fromMs, to: toMs, step: q.data.step, points: await app.reads.run(key, () => querySeries(app.reads.client, query), ttl) }
    // ClickHouse's JSON goes out as it came: a day of 20 entities per minute is 28,800 points, and parsing them into
    // objects only to serialise them again cost more than the query itself.
    const data = await app.reads.run(key, () => querySeriesColumns(app.reads.client, query), ttl)
    return reply.type('application/json; charset=utf-8').send(`{"from":${fromMs},"to":${toMs},"step":${q.data.step},"columns":${COLUMNS},"data":${data}}`)
  })
}
