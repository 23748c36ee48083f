import type { FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { z } from 'zod'
import { postSchema } from '@pulso/ingest'

const error = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] }
const json = (schema: object) => ({ content: { 'application/json': { schema } } })
const secured = [{ bearer: [] }]

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
      rejected: { type: 'array', items: { type: 'object', properties: { line: { type: 'integer' }, error: { type: 'string' } } } },
    },
  }
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
            400: { description: 'nothing usable: every line rejected, or the body is not JSON / UTF-8', ...json(error) },
            401: { description: 'missing or invalid credential', ...json(error) },
            403: { description: 'the viewer token cannot ingest', ...json(error) },
            413: { description: 'body larger than BODY_LIMIT_BYTES', ...json(error) },
            415: { description: 'unsupported content type', ...json(error) },
            429: { description: 'spool full while the store is down, or rate limited: see Retry-After', ...json(error) },
            503: { description: 'store unavailable (no spool): see Retry-After', ...json(error) },
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
          ],
          responses: { 200: { description: '{from, to, step, points: SeriesPoint[]}' }, 400: { description: 'bad query', ...json(error) } },
        },
      },
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
