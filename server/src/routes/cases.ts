import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { QUEUE_STATUSES, type QueueActionRecord, type QueueStatus } from '@pulso/types'
import { describeError } from '@pulso/ingest'
import { entitySla, findCase, listCases, skipWords, withSamples } from '../store/cases.ts'
import { caseContext } from '../store/case-context.ts'
import { confidenceQuery } from './params.ts'
import { actionsStored, queuedOf, recordActions } from '../store/queue-actions.ts'
import { ownTerms } from '../store/stopwords.ts'

const MAX_CASES = 200
/** A selection acted on at once; a case acts on all its posts (at most `cases.maxPosts`). */
const MAX_SELECTION = 1000
const ACTIVE: QueueStatus[] = ['open', 'assigned']
/** How a case list was grouped: a case id is looked up within the same grouping. */
type Grouping = { entities?: string[]; statuses: QueueStatus[]; minConfidence?: number }

const statusList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(QUEUE_STATUSES)).min(1))
const listSchema = z.strictObject({
  entity: z.string().max(2000).transform((s) => s.split(',').filter(Boolean)).optional(),
  /** Default open,assigned; `all` = every status. */
  status: z.union([z.literal('all'), statusList]).optional(),
  /** 0–1; default the settings' `queue.minConfidence` (docs/queue.md, "Uncertain readings"). */
  minConfidence: confidenceQuery,
  limit: z.coerce.number().int().min(1).max(MAX_CASES).default(50),
})
const caseId = z.string().regex(/^[0-9a-f]{16}$/, 'a case id is 16 hex digits')
/**
 * An opened or acted-on case is grouped like the list it was picked from (`entity`, `status`, `minConfidence`): ids
 * depend on the grouping (a post about two care entities joins the first listed one's case; a floor leaves posts out).
 */
const groupingSchema = z.strictObject({ entity: listSchema.shape.entity, status: listSchema.shape.status, minConfidence: listSchema.shape.minConfidence })
const who = {
  /** Who acted: tokens are shared, so the person is named in the request (default 'admin'). */
  by: z.string().trim().min(1).max(120).optional(),
  /** The answer as sent, or why it was dismissed. */
  note: z.string().max(2000).optional(),
  /** Required for assign. */
  assignee: z.string().trim().min(1).max(120).optional(),
}
/** Bulk actions are the ones that close or hand over work; reopen stays per post (GET/POST /api/queue/:id/actions). */
const bulkAction = z.enum(['assign', 'answered', 'dismiss'])
const caseBody = z.strictObject({ action: bulkAction, ...who, postIds: z.array(z.string().min(1).max(256)).min(1).max(MAX_SELECTION).optional() })
const selectionBody = z.strictObject({ action: bulkAction, ...who, ids: z.array(z.string().min(1).max(256)).min(1).max(MAX_SELECTION) })

/**
 * The queue as cases (docs/queue.md): GET /api/queue/cases, GET /api/queue/cases/:id (the case with its posts,
 * thread, authors' history, SLA and record), POST /api/queue/cases/:id/actions (the whole case or some of its posts;
 * admin), POST /api/queue/actions (a selection of posts; admin), GET /api/queue/templates (answer templates).
 */
export default async function caseRoutes(app: FastifyInstance) {
  const settings = () => app.queue.settings
  const skip = () => skipWords(app.entities.flatMap((e) => [...ownTerms(e.terms)]))
  const entityInfo = () => app.entities.map(({ terms: _t, ...info }) => info)
  const unknownEntities = (ids?: string[]) => {
    const unknown = ids?.filter((e) => !app.entities.some((x) => x.id === e))
    return unknown?.length ? `query: unknown entity ${unknown.join(', ')}` : null
  }
  /** The grouping a case was listed with, from `?entity=&status=` (default: every entity, open and assigned). */
  const grouping = (query: unknown): Grouping | string => {
    const q = groupingSchema.safeParse(query)
    if (!q.success) return `query: ${describeError(q.error)}`
    const unknown = unknownEntities(q.data.entity)
    if (unknown) return unknown
    return { entities: q.data.entity, statuses: q.data.status === 'all' ? [...QUEUE_STATUSES] : (q.data.status ?? ACTIVE), minConfidence: q.data.minConfidence }
  }
  // Reads started before an action are not shared or reused after it (actionsStored counts every action stored).
  const groupingKey = (g: Grouping) => `${actionsStored}:${JSON.stringify([g.entities ?? [], [...g.statuses].sort(), g.minConfidence ?? null])}`

  app.get('/api/queue/cases', { config: { role: 'viewer' } }, async (req, reply) => {
    const q = listSchema.safeParse(req.query)
    if (!q.success) return reply.code(400).send({ error: `query: ${describeError(q.error)}` })
    const unknown = unknownEntities(q.data.entity)
    if (unknown) return reply.code(400).send({ error: unknown })
    const statuses = q.data.status === 'all' ? [...QUEUE_STATUSES] : q.data.status
    // Every page re-reads on the same push: one read in flight serves them all, unless an action was stored since it
    // started (actionsStored), so whoever acted sees their action.
    const key = `cases:${actionsStored}:${JSON.stringify([q.data.entity, statuses, q.data.minConfidence, q.data.limit])}`
    const memo = groupingKey({ entities: q.data.entity, statuses: statuses ?? ACTIVE, minConfidence: q.data.minConfidence })
    const page = await app.reads.run(key, () => listCases(app.reads.client, settings(), { entities: q.data.entity, statuses, minConfidence: q.data.minConfidence, limit: q.data.limit }, skip(), Date.now(), memo), 0)
    return { ...page, entities: entityInfo() }
  })

  app.get<{ Params: { id: string } }>('/api/queue/cases/:id', { config: { role: 'viewer' } }, async (req, reply) => {
    const id = caseId.safeParse(req.params.id)
    if (!id.success) return reply.code(400).send({ error: `id: ${describeError(id.error)}` })
    const g = grouping(req.query)
    if (typeof g === 'string') return reply.code(400).send({ error: g })
    // Opening a case right after listing reuses the list's grouping (same filters, no action since).
    const found = await app.reads.limit(() => findCase(app.reads.client, settings(), id.data, g, skip(), Date.now(), groupingKey(g)))
    if (!found) return reply.code(404).send({ error: `no case with id ${id.data}` })
    const [c] = await withSamples(app.reads.client, [found.draft], Date.now() - settings().lookbackHours * 3_600_000)
    const context = await app.reads.limit(() => caseContext(app.reads.client, settings(), found.rows))
    const sla = (await entitySla(app.reads.client, settings(), Date.now(), [c.entity]))[c.entity] ?? { open: 0, highRisk: 0, missed: 0, nextDeadline: null }
    return { case: c, sla, ...context }
  })

  const record = async (ids: string[], body: z.infer<typeof caseBody>) => {
    const at = Date.now()
    const records: QueueActionRecord[] = ids.map((postId) => ({ postId, action: body.action, assignee: body.action === 'assign' ? body.assignee! : null, by: body.by ?? 'admin', note: body.note ?? '', at }))
    await recordActions(app.store.client, records)
    // The walls and queue pages hear about it now, not at the next interval.
    void app.queue.refresh()
    return { action: body.action, by: records[0].by, note: records[0].note, assignee: records[0].assignee, at, postIds: ids }
  }

  app.post<{ Params: { id: string } }>('/api/queue/cases/:id/actions', { config: { role: 'admin' } }, async (req, reply) => {
    const id = caseId.safeParse(req.params.id)
    if (!id.success) return reply.code(400).send({ error: `id: ${describeError(id.error)}` })
    const body = caseBody.safeParse(req.body)
    if (!body.success) return reply.code(400).send({ error: `body: ${describeError(body.error)}` })
    if (body.data.action === 'assign' && !body.data.assignee) return reply.code(400).send({ error: 'body: assign needs an assignee' })
    // The case as grouped now among the posts still to answer: posts that joined since the page read it are included.
    const g = grouping(req.query)
    if (typeof g === 'string') return reply.code(400).send({ error: g })
    const found = await app.reads.limit(() => findCase(app.reads.client, settings(), id.data, g, skip()))
    if (!found) return reply.code(404).send({ error: `no case with id ${id.data} among the listed posts` })
    const inCase = new Set(found.draft.postIds)
    const outside = body.data.postIds?.filter((p) => !inCase.has(p)) ?? []
    if (outside.length) return reply.code(400).send({ error: `body: postIds not open in this case: ${outside.slice(0, 5).join(', ')}` })
    return reply.code(201).send({ caseId: id.data, ...(await record(body.data.postIds ?? found.draft.postIds, body.data)) })
  })

  app.post('/api/queue/actions', { config: { role: 'admin' } }, async (req, reply) => {
    const body = selectionBody.safeParse(req.body)
    if (!body.success) return reply.code(400).send({ error: `body: ${describeError(body.error)}` })
    if (body.data.action === 'assign' && !body.data.assignee) return reply.code(400).send({ error: 'body: assign needs an assignee' })
    const ids = [...new Set(body.data.ids)]
    const known = await queuedOf(app.store.client, settings(), ids)
    const missing = ids.filter((i) => !known.has(i))
    if (missing.length) return reply.code(404).send({ error: `no queue item with id ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (+${missing.length - 5})` : ''}` })
    const { ids: _i, ...rest } = body.data
    return reply.code(201).send(await record(ids, rest))
  })

  app.get('/api/queue/templates', { config: { role: 'viewer' } }, () => ({ templates: settings().templates }))
}
