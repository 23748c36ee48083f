import type { FastifyInstance } from 'fastify'
import { MAX_LINES, TooManyLinesError, decodeUtf8, parseJsonBody, parseNdjson } from '@pulso/ingest'
import { countJsonArrayElements } from './json-count.ts'
import { inflate } from './encoding.ts'

/**
 * POST /api/ingest — NDJSON (application/x-ndjson, one post per line) or JSON (an array of posts, or one post).
 * 202 {accepted, rejected: [{line, error}]}, sent after the batch holding the accepted posts is stored.
 * Each line stands alone: a bad line is reported and never costs a good one.
 */
export default async function ingestRoutes(app: FastifyInstance) {
  // Raw bytes in, so invalid UTF-8 is reported (per line for NDJSON) instead of silently replaced.
  app.addContentTypeParser(['application/x-ndjson', 'application/jsonl', 'application/jsonlines'], { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  )
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    // Counted before parsing: parsing millions of tiny elements would hold the event loop for seconds.
    if (countJsonArrayElements(body as Buffer, MAX_LINES) > MAX_LINES) return done(new TooManyLinesError(MAX_LINES), undefined)
    const text = decodeUtf8(body as Buffer)
    if (text === null) return done(httpError(400, 'body is not valid UTF-8'), undefined)
    try {
      done(null, JSON.parse(text))
    } catch (e) {
      done(httpError(400, `body is not valid JSON: ${(e as Error).message}`), undefined)
    }
  })

  app.post('/api/ingest', { config: { role: 'admin' }, preParsing: inflate }, async (req, reply) => {
    const ndjson = Buffer.isBuffer(req.body)
    if (req.body === undefined || req.body === null || (ndjson && isBlank(req.body as Buffer))) {
      return reply.code(400).send({ error: 'empty body: send NDJSON (application/x-ndjson) or a JSON array of posts' })
    }
    const raw = ndjson ? parseNdjson(req.body as Buffer) : parseJsonBody(req.body)
    const result = await app.ingest(raw)
    if (result.retry && result.accepted === 0) {
      // With a spool, only a full spool refuses: push back (429). Without one, the store itself is unavailable.
      const spool = app.config.spoolMaxBytes > 0
      reply.header('retry-after', spool ? '5' : '1')
      return reply.code(spool ? 429 : 503).send({ error: spool ? 'spool full while the store is unavailable, retry later' : 'store unavailable, retry later', accepted: 0, rejected: result.rejected })
    }
    // Nothing usable at all is the sender's error (400); a partly good body is accepted (202) with its rejects listed.
    const status = result.accepted === 0 && result.rejected.length > 0 ? 400 : 202
    const body = { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected }
    return reply.code(status).send(status === 400 ? { error: `no valid post in the body (${result.rejected.length} rejected)`, ...body } : body)
  })
}

/** Whitespace only (what trim() drops, in Latin-1), checked on the bytes: no copy of a large body just for that. */
function isBlank(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]
    if (b !== 0x20 && (b < 0x09 || b > 0x0d) && b !== 0xa0) return false
  }
  return true
}

function httpError(statusCode: number, message: string) {
  return Object.assign(new Error(message), { statusCode })
}
