import type { FastifyInstance } from 'fastify'
import { MAX_LINES, TooManyLinesError, countJsonArrayElements, decodeUtf8, parseJsonBody, parseNdjson, type Retry } from '@pulso/ingest'
import { inflate } from './encoding.ts'

/**
 * POST /api/ingest — NDJSON (application/x-ndjson, one post per line) or JSON (an array of posts, or one post).
 * 202 {accepted, duplicates, rejected: [{line, error}], rejectedCount}, sent after the batch holding the accepted
 * posts is stored (`rejected` lists the first 100; `rejectedCount` counts them all).
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
    const { accepted, duplicates, rejected, rejectedCount } = result
    // A producer is sending real posts: the demo would mix invented posts into them.
    if (accepted > 0) app.demo.stop('a producer sent posts to /api/ingest')
    if (result.retry && accepted === 0) {
      const { status, retryAfter, error } = RETRY[result.retry]
      return reply.code(status).header('retry-after', retryAfter).send({ error, accepted, duplicates, rejected, rejectedCount })
    }
    // Nothing usable at all is the sender's error (400); a partly good body is accepted (202) with its rejects listed.
    const status = accepted === 0 && rejectedCount > 0 ? 400 : 202
    const body = { accepted, duplicates, rejected, rejectedCount }
    return reply.code(status).send(status === 400 ? { error: `no valid post in the body (${rejectedCount} rejected)`, ...body } : body)
  })
}

/** A full spool pushes back (429, the store is down for a while); no spool and no store answers 503 (try again soon). */
const RETRY: Record<Retry, { status: number; retryAfter: string; error: string }> = {
  'spool-full': { status: 429, retryAfter: '5', error: 'spool full while the store is unavailable, retry later' },
  'store-down': { status: 503, retryAfter: '1', error: 'store unavailable, retry later' },
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
