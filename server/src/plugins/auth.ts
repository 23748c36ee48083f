import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

export type Role = 'admin' | 'viewer'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route; absent = public (the wall's static files, health). */
    role?: Role
  }
  interface FastifyInstance {
    /** The role a token grants, or null. Open mode (no tokens configured) grants admin to everyone. */
    roleOf(token: string | undefined): Role | null
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined
}

/**
 * Two credentials: the admin token (ingest, actions, configuration, metrics) and a read-only viewer token (the
 * wall: history, alerts, websockets). Sent as `Authorization: Bearer …`, and in the socket.io handshake `auth`,
 * never in API URLs. With neither configured Pulso runs open, and says so at start-up.
 */
export default fp(async function auth(app: FastifyInstance) {
  const { adminToken, viewerToken } = app.config
  const open = !adminToken && !viewerToken
  if (open) app.log.warn('auth is OFF: set ADMIN_TOKEN and VIEWER_TOKEN before exposing Pulso beyond this machine')

  app.decorate('roleOf', (token: string | undefined): Role | null => {
    if (open) return 'admin'
    if (!token) return null
    if (adminToken && same(token, adminToken)) return 'admin'
    if (viewerToken && same(token, viewerToken)) return 'viewer'
    return null
  })

  app.addHook('onRequest', async (req, reply) => {
    const need = req.routeOptions.config?.role
    if (!need) return
    const token = bearer(req)
    const role = app.roleOf(token)
    if (!role) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: token ? 'invalid token' : 'missing credential: send Authorization: Bearer <token>' })
    }
    if (need === 'admin' && role !== 'admin') return reply.code(403).send({ error: 'this needs the admin token; the viewer token is read-only' })
  })
})
