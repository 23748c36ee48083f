import type { FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { z } from 'zod'
import { MAX_LINES, MAX_REJECTED, postSchema } from '@pulso/ingest'
import { NATURES, QUEUE_ACTIONS, QUEUE_INTENTS, QUEUE_STATUSES } from '@pulso/types'
import { casePaths } from './cases-docs.ts'

const error = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] }
const json = (schema: object) => ({ content: { 'application/json': { schema } } })
const secured = [{ bearer: [] }]
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } }
const timeParam = (name: string, required: boolean) => ({ name, in: 'query', required, schema: { type: 'string' }, description: 'ISO-8601 with offset, or epoch ms' })
const list = (name: string, values: readonly string[], description = 'comma-separated') => ({ name, in: 'query', schema: { type: 'string' }, description: `${description}: ${values.join(', ')}` })
const queueFilters = [
  { name: 'entity', in: 'query', schema: { type: 'string' }, description: 'comma-separated entity ids' },
  list('intent', QUEUE_INTENTS),
  list('nature', NATURES),
  list('status', ['all', ...QUEUE_STATUSES], 'comma-separated (default open,assigned)'),
  { name: 'minPriority', in: 'query', schema: { type: 'number', minimum: 0, maximum: 100 } },
]

/**
 * The HTTP API as OpenAPI 3.1 at /openapi.json, browsable at /docs. Written from the same zod schema that validates
 * posts (routes validate per line themselves, so fastify must not validate bodies: the document is static).
 */
export function openApiDocument(maxTextChars: number) {
  const post = z.toJSONSchema(postSchema({ maxTextChars }), { io: 'input' })
  const result = {
    type: 'object',
    properties: {
      accepted: { type: 'integer', description: 'posts now stored (or durably spooled), duplicates included' },
      duplicates: { type: 'integer', description: 'of those, already stored before (same source and id)' },
      rejected: { type: 'array', description: `the first ${MAX_REJECTED} rejected lines, by line, with why`, items: { type: 'object', properties: { line: { type: 'integer' }, error: { type: 'string' } } } },
      rejectedCount: { type: 'integer', description: 'rejected lines in all (`rejected` lists the first ones)' },
    },
    required: ['accepted', 'duplicates', 'rejected', 'rejectedCount'],
  }
  // 400 for a body with no valid post, 429 and 503 when the store could not take them: the error and the counts.
  const refused = { ...result, properties: { error: { type: 'string' }, ...result.properties }, required: ['error', ...result.required] }
  const errorOrRefused = { oneOf: [error, refused] }
  return {
    openapi: '3.1.0',
    info: { title: 'Pulso API', version: '0.1.0', description: 'Real-time public-sentiment war room. Admin token for ingest and actions, viewer token for reads.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: { Post: post } },
    paths: {
      '/api/ingest': {
        post: {
          summary: 'Send posts (NDJSON, one per line, or a JSON array)',
          description: 'Each line is validated on its own; the answer comes once the accepted posts are stored. `line` is the 1-based line (NDJSON) or element number (array).',
          security: secured,
          requestBody: {
            required: true,
            content: {
              'application/x-ndjson': { schema: { type: 'string', description: 'one Post as JSON per line' } },
              'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Post' } } },
            },
          },
          responses: {
            202: { description: 'stored (some lines may be rejected, listed)', ...json(result) },
            400: { description: 'nothing usable: every line rejected (with the counts), or the body is not JSON / UTF-8', ...json(errorOrRefused) },
            401: { description: 'missing or invalid credential', ...json(error) },
            403: { description: 'the viewer token cannot ingest', ...json(error) },
            413: { description: `body larger than BODY_LIMIT_BYTES (inflated, for gzip), or more than ${MAX_LINES} lines / array elements`, ...json(error) },
            415: { description: 'unsupported content type', ...json(error) },
            429: { description: 'spool full while the store is down, or rate limited: see Retry-After', ...json(errorOrRefused) },
            503: { description: 'store unavailable (no spool): see Retry-After', ...json(refused) },
          },
        },
      },
      '/api/series': {
        get: {
          summary: 'History per entity and bucket',
          security: secured,
          parameters: [
            { name: 'entity', in: 'query', schema: { type: 'string' }, description: 'comma-separated entity ids (default: all)' },
            { name: 'from', in: 'query', schema: { type: 'string' }, description: 'ISO-8601 or epoch ms (default: to − 1 h)' },
            { name: 'to', in: 'query', schema: { type: 'string' }, description: 'ISO-8601 or epoch ms (default: now)' },
            { name: 'step', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 86400, default: 60 }, description: 'bucket seconds' },
            { name: 'format', in: 'query', schema: { enum: ['points', 'columns'], default: 'points' }, description: 'points: one object per entity and bucket; columns: one array per figure, named in `columns` (ts in seconds), what the wall reads: ≈3× smaller and faster for long ranges' },
          ],
          responses: { 200: { description: '{from, to, step, points: SeriesPoint[]} or {from, to, step, columns: string[], data: (string|number)[][]}' }, 400: { description: 'bad query', ...json(error) } },
        },
      },
      '/api/authenticity': {
        get: {
          summary: "Is this surge real? An entity's copy-paste clusters, new-account share, concentration and synchrony over a window, with a verdict (organic, mixed, coordinated) and its evidence",
          description: 'See README "Authenticity" for each signal, its thresholds (config `authenticity:`) and its limits. format=csv exports the evidence: a summary row, a row per cluster (post ids, first text), a row per account.',
          security: secured,
          parameters: [
            { name: 'entity', in: 'query', required: true, schema: { type: 'string' }, description: 'one entity id' },
            { name: 'from', in: 'query', schema: { type: 'string' }, description: 'ISO-8601 or epoch ms (default: to − 10 min)' },
            { name: 'to', in: 'query', schema: { type: 'string' }, description: 'ISO-8601 or epoch ms (default: now); at most 24 h after from' },
            { name: 'format', in: 'query', schema: { enum: ['json', 'csv'], default: 'json' } },
          ],
          responses: { 200: { description: 'Authenticity {entity, from, to, posts, authors, copyShare, newAccountShare, newAccounts, topAuthorShare, postsPerAuthor, burstiness, verdict, reasons, evidence: {clusters, accounts}}, or text/csv' }, 400: { description: 'bad query (names the parameter)', ...json(error) } },
        },
      },
      '/api/authenticity/board': { get: { summary: "The wall's authenticity tile: every entity's last window (verdict, shares, top clusters) and organic/suspect posts per bucket", security: secured, responses: { 200: { description: 'AuthenticityBoard {at, from, to, bucketS, entities: [{authenticity, buckets: [{t, organic, suspect}]}]}' } } } },
      '/api/alerts': { get: { summary: 'Recent spike alerts with drivers', security: secured, responses: { 200: { description: '{alerts: Alert[]}' } } } },
      '/api/alerts/{id}/status': {
        post: {
          summary: 'Acknowledge an alert or mark it a false positive (kept, and used by the detector)',
          security: secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { status: { enum: ['open', 'acknowledged', 'false_positive'] }, by: { type: 'string' } }, required: ['status'] } } } },
          responses: { 200: { description: 'the alert' }, 400: { description: 'bad body', ...json(error) }, 404: { description: 'no such recent alert', ...json(error) } },
        },
      },
      '/api/incidents': { get: { summary: 'Recent incidents (alerts grouped by entity + metric family), newest first; ?state=open|acknowledged|snoozed|resolved|active', security: secured, responses: { 200: { description: '{incidents: Incident[]} (see docs/alerts.md)' }, 400: { description: 'bad query', ...json(error) } } } },
      '/api/incidents/{id}': { get: { summary: 'One incident with its timeline', security: secured, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'Incident' }, 404: { description: 'no such recent incident', ...json(error) } } } },
      '/api/incidents/{id}/export': { get: { summary: "One incident's timeline for a post-mortem, ?format=md (default) or json", security: secured, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'format', in: 'query', schema: { enum: ['md', 'json'] } }], responses: { 200: { description: 'text/markdown or JSON' }, 404: { description: 'no such recent incident', ...json(error) } } } },
      '/api/incidents/{id}/actions': { post: { summary: 'Act on an incident (admin): acknowledge, snooze {minutes}, resolve, reopen, assign {owner}, note {note}; optional by', security: secured, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { action: { enum: ['acknowledge', 'snooze', 'resolve', 'reopen', 'assign', 'note'] }, minutes: { type: 'integer' }, owner: { type: 'string' }, note: { type: 'string' }, by: { type: 'string' } }, required: ['action'] } } } }, responses: { 200: { description: 'the incident' }, 400: { description: 'bad body', ...json(error) }, 404: { description: 'no such recent incident', ...json(error) }, 409: { description: 'not possible in its state', ...json(error) } } } },
      '/api/queue': {
        get: {
          summary: 'The response queue: questions, complaints and claims to answer, riskiest first',
          description: 'See docs/queue.md for how priority weighs intent, nature, risk, reach and customer value.',
          security: secured,
          parameters: [
            ...queueFilters,
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
          ],
          responses: { 200: { description: 'QueuePage {at, total, offset, limit, items: QueueItem[]}' }, 400: { description: 'bad query (names the parameter)', ...json(error) } },
        },
      },
      '/api/queue/export.csv': {
        get: {
          summary: 'The filtered queue as CSV (up to 10,000 rows), headers in English or Spanish',
          security: secured,
          parameters: [...queueFilters, { name: 'lang', in: 'query', schema: { enum: ['en', 'es'], default: 'en' } }],
          responses: { 200: { description: 'text/csv' }, 400: { description: 'bad query', ...json(error) } },
        },
      },
      '/api/queue/summary': { get: { summary: "The wall's queue tile: open items by intent and the riskiest ones", security: secured, responses: { 200: { description: 'QueueSummary' } } } },
      '/api/queue/{id}/actions': {
        get: { summary: "A queue item's record of actions", security: secured, parameters: [idParam], responses: { 200: { description: '{actions: QueueActionRecord[]}' } } },
        post: {
          summary: 'Assign, mark answered, dismiss or reopen a queue item (admin)',
          security: secured,
          parameters: [idParam],
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              additionalProperties: false,
              required: ['action'],
              properties: {
                action: { enum: [...QUEUE_ACTIONS] },
                assignee: { type: 'string', maxLength: 120, description: 'required for assign' },
                by: { type: 'string', maxLength: 120, description: 'who acted (tokens are shared); default admin' },
                note: { type: 'string', maxLength: 2000 },
              },
            }),
          },
          responses: { 201: { description: 'the recorded action' }, 400: { description: 'bad body', ...json(error) }, 403: { description: 'viewer token', ...json(error) }, 404: { description: 'no such queue item', ...json(error) } },
        },
      },
      ...casePaths,
      '/api/moments': {
        get: { summary: 'Marked moments (debate questions, ads, incidents), and whether the caller may mark', security: secured, responses: { 200: { description: '{moments: Moment[], canMark}' } } },
        post: {
          summary: 'Mark a moment (admin); pushed to every wall as a `moment` event',
          security: secured,
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              additionalProperties: false,
              required: ['label'],
              properties: {
                label: { type: 'string', minLength: 1, maxLength: 120 },
                at: { description: 'ISO-8601 or epoch ms; default now', oneOf: [{ type: 'string', format: 'date-time' }, { type: 'integer' }] },
                board: { type: ['string', 'null'], maxLength: 60, description: 'an entity group, or null for all' },
                by: { type: 'string', maxLength: 120 },
              },
            }),
          },
          responses: { 201: { description: 'the moment' }, 400: { description: 'bad body (names the field)', ...json(error) }, 403: { description: 'viewer token', ...json(error) } },
        },
      },
      '/api/moments/{id}': {
        delete: { summary: 'Remove a moment (admin)', security: secured, parameters: [idParam], responses: { 200: { description: 'the moment, deleted: true' }, 404: { description: 'no such moment', ...json(error) } } },
      },
      '/api/moments/{id}/reaction': {
        get: {
          summary: "A moment's reaction: per entity, the time since the moment (up to N minutes) against the same length before it; collecting for the first 30 s",
          security: secured,
          parameters: [
            idParam,
            { name: 'minutes', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 60, default: 3 } },
            { name: 'until', in: 'query', description: 'only posts up to this time (epoch ms or ISO-8601): the reaction as it stood then (replay)', schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'MomentReaction (a window without posts: net, netChange and netMargin null, not 0)' }, 400: { description: 'bad query', ...json(error) }, 404: { description: 'no such moment', ...json(error) } },
        },
      },
      '/api/admin/purge': {
        post: {
          summary: 'Remove every post of one source (admin): its aggregates corrected, each removal recorded; purging `demo` stops the demo stream first',
          security: secured,
          requestBody: { required: true, ...json({ type: 'object', additionalProperties: false, required: ['source'], properties: { source: { type: 'string', minLength: 1, maxLength: 64 } } }) },
          responses: { 200: { description: '{source, removed}' }, 400: { description: 'bad body (names the field)', ...json(error) }, 401: { description: 'missing or invalid credential', ...json(error) }, 403: { description: 'needs the admin token', ...json(error) } },
        },
      },
      '/api/feed': {
        get: {
          summary: 'Top posts and rising terms per board, now or at a past time (replay)',
          security: secured,
          parameters: [timeParam('at', false)],
          responses: { 200: { description: 'Feed' }, 400: { description: 'bad query', ...json(error) } },
        },
      },
      '/api/replay': {
        get: {
          summary: "The wall's snapshot as it was at the end of second t (replay / DVR)",
          security: secured,
          parameters: [timeParam('t', true), { name: 'history', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 3600 }, description: 'seconds of per-second history before t (default HISTORY_SECONDS)' }],
          responses: { 200: { description: 'Snapshot' }, 400: { description: 'bad query', ...json(error) } },
        },
      },
      '/api/session': { get: { summary: "What the caller's token is worth: {open, role: admin|viewer|null, viewerLinks} (public; the pages' sign-in screen)", responses: { 200: { description: '{open, role, viewerLinks}' }, 401: { description: 'invalid token', ...json(error) }, 429: { description: 'too many failed credentials from this address', ...json(error) } } } },
      '/api/viewer-link': {
        post: {
          summary: 'A read-only token for a wall link (viewer role only, signed with the admin token, expires after `days`); null in open mode',
          security: secured,
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: 365, default: 30 } } } } } },
          responses: { 200: { description: '{token, expiresAt, days}' }, 400: { description: 'bad body', ...json(error) }, 401: { description: 'missing or invalid credential', ...json(error) }, 403: { description: 'needs the admin token', ...json(error) } },
        },
      },
      '/api/config': { get: { summary: 'The running config (entities, boards, sources) and the last refused change to config/pulso.yaml, with file:line:column problems', security: secured, responses: { 200: { description: '{file, entities, boards, sources, error: {at, problems} | null}' } } } },
      '/api/health': { get: { summary: 'Store, migrations, rows, sources, uptime (public)', responses: { 200: { description: 'health' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', security: secured, responses: { 200: { description: 'text exposition format' } } } },
    },
  }
}

export default async function docsRoutes(app: FastifyInstance) {
  await app.register(swagger, { mode: 'static', specification: { document: openApiDocument(app.config.maxTextChars) as never } })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', async () => app.swagger())
}
