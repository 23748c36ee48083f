import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { describeError } from '@pulso/ingest'
import { bearer } from '../plugins/auth.ts'
import { mintViewerToken } from '../auth/viewer-link.ts'

const DAY_MS = 86_400_000
const linkBody = z.strictObject({ days: z.number().int().min(1).max(365).default(30) }).default({ days: 30 })

/**
 * GET /api/session: what the caller's credential is worth here, so the wall, /control and /queue show a sign-in
 * screen or a "not authorised" state at once instead of waiting on a feed that will never come. Public (it is how a
 * page learns it needs a token), counted per client like the secured routes; a wrong token counts as a failure.
 * POST /api/viewer-link (admin): a read-only token for a wall link, signed with the admin token, expiring.
 */
export default async function sessionRoutes(app: FastifyInstance) {
  const open = !app.config.adminToken && !app.config.viewerToken

  app.get('/api/session', { preHandler: app.rateLimit() }, async (req, reply) => {
    if (open) return { open: true, role: 'admin', viewerLinks: false }
    const wait = app.authFailures.blockedFor(req.ip)
    if (wait > 0) return reply.code(429).header('retry-after', String(wait)).send({ error: `too many failed credentials from this address; retry in ${wait} s`, retryAfter: wait })
    const token = bearer(req)
    const role = app.roleOf(token)
    if (token && !role) {
      app.authFailures.fail(req.ip)
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'invalid token' })
    }
    return { open: false, role, viewerLinks: role === 'admin' }
  })

  app.post('/api/viewer-link', { config: { role: 'admin' } }, async (req, reply) => {
    const b = linkBody.safeParse(req.body ?? undefined)
    if (!b.success) return reply.code(400).send({ error: `body: ${describeError(b.error)}` })
    // Open mode: a link needs no credential at all (and there is no admin token to sign with).
    if (open || !app.config.adminToken) return { token: null, expiresAt: null, days: b.data.days }
    const expiresAt = Date.now() + b.data.days * DAY_MS
    return { token: mintViewerToken(app.config.adminToken, expiresAt), expiresAt, days: b.data.days }
  })
}
