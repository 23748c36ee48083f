import { existsSync } from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'

/** The wall's static build on the same port; unknown non-API paths fall back to the SPA's index.html. */
export default async function webRoutes(app: FastifyInstance) {
  const root = app.config.webDir
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root }, 'no web build found: run `npm run build` to serve the wall')
    return
  }
  // wildcard: files are looked up per request, so a rebuilt wall is served without a restart.
  await app.register(fastifyStatic, { root, wildcard: true })
  // An /api/ path no API route matched (a typo, an id past the router's 100-character limit) is an API 404, never a
  // file look-up: the static handler answered such paths with a bare 403 "Forbidden".
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.url === '/*' && req.url.startsWith('/api/')) return reply.callNotFound()
  })
  // Unknown paths count against the per-client limit too (no route, so no route-level limiter otherwise).
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/socket.io')) {
      return reply.sendFile('index.html')
    }
    const where = req.url.split('?')[0]
    return reply.code(404).send({ error: `not found: ${req.method} ${where.length > 200 ? `${where.slice(0, 200)}…` : where}` })
  })
}
