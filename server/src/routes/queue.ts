import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { NATURES, QUEUE_ACTIONS, QUEUE_INTENTS, QUEUE_STATUSES, type QueueActionRecord } from '@pulso/types'
import { describeError } from '@pulso/ingest'
import caseRoutes from './cases.ts'
import { confidenceQuery } from './params.ts'
import { queueCsv } from '../queue/csv.ts'
import { listQueue, type QueueFilter } from '../store/queue.ts'
import { actionsOf, inQueue, recordAction } from '../store/queue-actions.ts'

const MAX_PAGE = 500
const MAX_EXPORT = 10_000

/** `a,b,c` → a checked list of known values. */
const listOf = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values as unknown as [T, ...T[]])))

const filterSchema = {
  entity: z.string().transform((s) => s.split(',').filter(Boolean)).optional(),
  intent: listOf(QUEUE_INTENTS).optional(),
  nature: listOf(NATURES).optional(),
  /** Default open,assigned; `all` = every status. */
  status: z.union([z.literal('all'), listOf(QUEUE_STATUSES)]).optional(),
  minPriority: z.coerce.number().min(0).max(100).optional(),
  /** 0–1; default the settings' `queue.minConfidence`. */
  minConfidence: confidenceQuery,
}
const listSchema = z.strictObject({ ...filterSchema, offset: z.coerce.number().int().min(0).max(1_000_000).default(0), limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50) })
const exportSchema = z.strictObject({ ...filterSchema, lang: z.enum(['en', 'es']).default('en') })
const actionBody = z.strictObject({
  action: z.enum(QUEUE_ACTIONS),
  /** Required for assign. */
  assignee: z.string().trim().min(1).max(120).optional(),
  /** Who acted: tokens are shared, so the person is named in the request (default 'admin'). */
  by: z.string().trim().min(1).max(120).optional(),
  note: z.string().max(2000).optional(),
})

/**
 * The response queue: GET /api/queue (filters, pages), GET /api/queue/export.csv, GET /api/queue/summary (the wall's
 * tile), GET /api/queue/:id/actions (its record) and POST /api/queue/:id/actions (assign, answered, dismiss, reopen;
 * admin). Its settings are the `queue:` and `customers:` keys of config/pulso.yaml (docs/queue.md).
 */
export default async function queueRoutes(app: FastifyInstance) {
  const settings = () => app.queue.settings
  // The queue as cases (routes/cases.ts): same prefix, same settings.
  await app.register(caseRoutes)

  const toFilter = (q: z.infer<typeof listSchema> | z.infer<typeof exportSchema>): QueueFilter | string => {
    const unknown = q.entity?.filter((e) => !app.entities.some((x) => x.id === e))
    if (unknown?.length) return `query: unknown entity ${unknown.join(', ')}`
    return { entities: q.entity, intents: q.intent, natures: q.nature, statuses: q.status === 'all' ? [...QUEUE_STATUSES] : q.status, minPriority: q.minPriority, minConfidence: q.minConfidence }
  }

  app.get('/api/queue', { config: { role: 'viewer' } }, async (req, reply) => {
    const q = listSchema.safeParse(req.query)
    if (!q.success) return reply.code(400).send({ error: `query: ${describeError(q.error)}` })
    const f = toFilter(q.data)
    if (typeof f === 'string') return reply.code(400).send({ error: f })
    const page = await app.reads.limit(() => listQueue(app.reads.client, settings(), f, { offset: q.data.offset, limit: q.data.limit }))
    return { ...page, entities: app.entities.map(({ terms: _t, ...info }) => info) }
  })

  app.get('/api/queue/export.csv', { config: { role: 'viewer' } }, async (req, reply) => {
    const q = exportSchema.safeParse(req.query)
    if (!q.success) return reply.code(400).send({ error: `query: ${describeError(q.error)}` })
    const f = toFilter(q.data)
    if (typeof f === 'string') return reply.code(400).send({ error: f })
    const page = await app.reads.limit(() => listQueue(app.reads.client, settings(), f, { offset: 0, limit: MAX_EXPORT }))
    const stamp = new Date(page.at).toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="pulso-queue-${stamp}.csv"`)
      .header('x-total-count', String(page.total))
      .send(queueCsv(page.items, page.at, q.data.lang))
  })

  app.get('/api/queue/summary', { config: { role: 'viewer' } }, () => app.queue.summary())

  app.get<{ Params: { id: string } }>('/api/queue/:id/actions', { config: { role: 'viewer' } }, async (req) => ({ actions: await actionsOf(app.store.client, req.params.id) }))

  app.post<{ Params: { id: string } }>('/api/queue/:id/actions', { config: { role: 'admin' } }, async (req, reply) => {
    const body = actionBody.safeParse(req.body)
    if (!body.success) return reply.code(400).send({ error: `body: ${describeError(body.error)}` })
    const { action, assignee, by, note } = body.data
    if (action === 'assign' && !assignee) return reply.code(400).send({ error: 'body: assign needs an assignee' })
    if (!(await inQueue(app.store.client, settings(), req.params.id))) return reply.code(404).send({ error: `no queue item with id ${req.params.id}` })
    const record: QueueActionRecord = { postId: req.params.id, action, assignee: action === 'assign' ? assignee! : null, by: by ?? 'admin', note: note ?? '', at: Date.now() }
    await recordAction(app.store.client, record)
    // The walls hear about it now, not at the next interval.
    void app.queue.refresh()
    return reply.code(201).send(record)
  })
}
