import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { createFailureGuard, type FailureGuard } from './failures.ts'
import { isViewerToken } from '../auth/viewer-link.ts'

export type Role = 'admin' | 'viewer'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route; absent = public (the wall's static files, health). */
    role?: Role
  }
  interface FastifyInstance {
    /** The role a token grants, or null. Open mode (no tokens configured) grants admin to everyone. */
    roleOf(token: string | undefined): Role | null
    /** Failed credentials per client address (HTTP and the socket.io handshake share it). */
    authFailures: FailureGuard
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The token of `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 7235). */
export function bearer(req: FastifyRequest): string | undefined {
  const m = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  return m?.[1]
}

/**
 * Two credentials: the admin token (ingest, actions, configuration, metrics) and a read-only viewer token (the
 * wall: history, alerts, websockets). Sent as `Authorization: Bearer …`, and in the socket.io handshake `auth`,
 * never in API URLs. With neither configured Pulso runs open, on loopback only (see config.ts). A third, derived
 * credential: viewer links signed with the admin token (auth/viewer-link.ts), read-only and expiring.
 */
export default fp(async function auth(app: FastifyInstance) {
  const { adminToken, viewerToken, authFailuresPerMinute } = app.config
  const open = !adminToken && !viewerToken
  if (open) app.log.warn('auth is OFF (no ADMIN_TOKEN / VIEWER_TOKEN): anyone who reaches this port is admin')
  app.decorate('authFailures', createFailureGuard(authFailuresPerMinute))

  app.decorate('roleOf', (token: string | undefined): Role | null => {
    if (open) return 'admin'
    if (!token) return null
    if (adminToken && same(token, adminToken)) return 'admin'
    if (viewerToken && same(token, viewerToken)) return 'viewer'
    // A read-only wall link minted by an admin (POST /api/viewer-link): viewer, until it expires.
    if (adminToken && isViewerToken(adminToken, token)) return 'viewer'
    return null
  })

  // preParsing, not onRequest: the per-client rate limit and the security headers (both onRequest) come first, so a
  // wrong token is counted and its 401 carries the headers; the body is still not read before the credential is.
  app.addHook('preParsing', async (req, reply) => {
    const need = req.routeOptions.config?.role
    if (!need || open) return
    const wait = app.authFailures.blockedFor(req.ip)
    if (wait > 0) return reply.code(429).header('retry-after', String(wait)).send({ error: `too many failed credentials from this address; retry in ${wait} s` })
    const token = bearer(req)
    const role = app.roleOf(token)
    if (!role) {
      if (token) app.authFailures.fail(req.ip)
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: token ? 'invalid token' : 'missing credential: send Authorization: Bearer <token>' })
    }
    if (need === 'admin' && role !== 'admin') return reply.code(403).send({ error: 'this needs the admin token; the viewer token is read-only' })
  })
}, { name: 'auth' })
