import { createGunzip } from 'node:zlib'
import type { Readable, Transform } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'

type Counted = Transform & { receivedEncodedLength?: number }

/**
 * preParsing for bodies that may come gzip-compressed (producers compress NDJSON): the inflated stream goes to the
 * parser, and fastify's body limit applies to the inflated bytes, so a small gzip bomb is a 413, not 3 GB of memory.
 * Other encodings are named and refused (415).
 */
export async function inflate(req: FastifyRequest, _reply: FastifyReply, payload: Readable): Promise<Readable> {
  const enc = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase()
  if (enc === 'identity' || enc === '') return payload
  if (enc !== 'gzip' && enc !== 'x-gzip') {
    throw Object.assign(new Error(`content-encoding ${enc} is not supported: send gzip or no encoding`), { statusCode: 415 })
  }
  const out: Counted = createGunzip()
  // fastify compares content-length with the bytes that came on the wire, not the inflated ones.
  out.receivedEncodedLength = 0
  payload.on('data', (c: Buffer) => (out.receivedEncodedLength! += c.length))
  payload.on('error', (e) => out.destroy(e))
  out.on('error', (e: Error & { statusCode?: number }) => {
    if (e.statusCode === undefined) Object.assign(e, { statusCode: 400, message: `body is not valid gzip: ${e.message}` })
  })
  payload.pipe(out)
  return out
}
