/** The OpenAPI paths of the queue as cases (routes/cases.ts), spread into the document in routes/docs.ts. */
import { QUEUE_STATUSES } from '@pulso/types'

const error = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] }
const json = (schema: object) => ({ content: { 'application/json': { schema } } })
const secured = [{ bearer: [] }]
const caseIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{16}$' } }
const who = {
  action: { enum: ['assign', 'answered', 'dismiss'] },
  assignee: { type: 'string', minLength: 1, maxLength: 120, description: 'required for assign' },
  by: { type: 'string', minLength: 1, maxLength: 120, description: "who acted (default 'admin')" },
  note: { type: 'string', maxLength: 2000, description: 'the answer as sent (e.g. a filled template), or why it was dismissed' },
}
const ids = (description: string) => ({ type: 'array', minItems: 1, maxItems: 1000, items: { type: 'string', minLength: 1, maxLength: 256 }, description })
/** A case is found in the grouping it was listed with: ids depend on it. */
const grouping = [
  caseIdParam,
  { name: 'entity', in: 'query', schema: { type: 'string' }, description: 'the entities the case was listed with (comma-separated)' },
  { name: 'status', in: 'query', schema: { type: 'string' }, description: 'the statuses the case was listed with (default open,assigned)' },
]
const bulkResult = { description: '{action, by, note, assignee, at, postIds}: one stored action per post' }
const actErrors = { 400: { description: 'bad body or id', ...json(error) }, 403: { description: 'viewer token', ...json(error) } }

export const casePaths = {
  '/api/queue/cases': {
    get: {
      summary: 'The queue as cases: posts saying the same thing about the same entity (near-duplicate text or the same thread), highest priority first',
      description: 'Case priority = the highest post priority + sizeWeight·log10(posts) + growthWeight·log10(1 + growth), capped at 100 (docs/queue.md). Ids are stable as posts arrive.',
      security: secured,
      parameters: [
        { name: 'entity', in: 'query', schema: { type: 'string' }, description: 'comma-separated entity ids' },
        { name: 'status', in: 'query', schema: { type: 'string' }, description: `comma-separated (default open,assigned), or all: ${QUEUE_STATUSES.join(', ')}` },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
      ],
      responses: { 200: { description: 'CasesPage: {at, total, limit, truncated, velocityMinutes, cases: [{id, entity, count, authors, topAuthor, priority, parts, first, latest, sample: {text, author, url}, postIds, …}], sla, entities}' }, 400: { description: 'bad query', ...json(error) } },
    },
  },
  '/api/queue/cases/{id}': {
    get: {
      summary: "An opened case: its posts (links, reply-to), the thread around them, each author's earlier complaints and claims, the entity's SLA, the record of actions",
      security: secured,
      parameters: grouping,
      responses: { 200: { description: 'CaseDetail' }, 400: { description: 'bad id', ...json(error) }, 404: { description: 'no such case', ...json(error) } },
    },
  },
  '/api/queue/cases/{id}/actions': {
    post: {
      summary: 'Assign, answer or dismiss a whole case (its posts as grouped now), or some of its posts (admin)',
      security: secured,
      parameters: grouping,
      requestBody: { required: true, ...json({ type: 'object', additionalProperties: false, required: ['action'], properties: { ...who, postIds: ids('only these posts of the case') } }) },
      responses: { 201: bulkResult, ...actErrors, 404: { description: 'no open case with this id', ...json(error) } },
    },
  },
  '/api/queue/actions': {
    post: {
      summary: 'Assign, answer or dismiss a selection of queue posts (admin)',
      security: secured,
      requestBody: { required: true, ...json({ type: 'object', additionalProperties: false, required: ['action', 'ids'], properties: { ...who, ids: ids('queue post ids') } }) },
      responses: { 201: bulkResult, ...actErrors, 404: { description: 'an id is not a queue post', ...json(error) } },
    },
  },
  '/api/queue/templates': {
    get: { summary: 'Answer templates per nature (and default) in es and en, from queue.templates over the defaults', security: secured, responses: { 200: { description: '{templates}' } } },
  },
}
