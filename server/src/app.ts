import http from 'node:http'
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify'
import { loadConfig, type Config } from './config.ts'
import { BusyError } from './store/gate.ts'
import securityPlugin from './plugins/security.ts'
import authPlugin from './plugins/auth.ts'
import storePlugin from './plugins/store.ts'
import settingsPlugin from './plugins/settings.ts'
import realtimePlugin from './plugins/realtime.ts'
import ingestPlugin from './plugins/ingest.ts'
import sourcesPlugin from './plugins/sources.ts'
import alertsPlugin from './plugins/alerts.ts'
import incidentsPlugin from './plugins/incidents.ts'
import livePlugin from './plugins/live.ts'
import feedPlugin from './plugins/feed.ts'
import queuePlugin from './plugins/queue.ts'
import metricsPlugin from './plugins/metrics.ts'
import authenticityPlugin from './plugins/authenticity.ts'
import healthRoutes from './routes/health.ts'
import ingestRoutes from './routes/ingest.ts'
import seriesRoutes from './routes/series.ts'
import alertRoutes from './routes/alerts.ts'
import incidentRoutes from './routes/incidents.ts'
import queueRoutes from './routes/queue.ts'
import momentRoutes from './routes/moments.ts'
import feedRoutes from './routes/feed.ts'
import replayRoutes from './routes/replay.ts'
import sessionRoutes from './routes/session.ts'
import settingsRoutes from './routes/settings.ts'
import docsRoutes from './routes/docs.ts'
import adminRoutes from './routes/admin.ts'
import authenticityRoutes from './routes/authenticity.ts'
import webRoutes from './routes/web.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
  }
}

export interface BuildOptions {
  /** Overrides on top of the environment's configuration. */
  config?: Partial<Config>
  /** pino options, or false for silence (tests). */
  logger?: boolean | object
}

/**
 * The whole app, ready but not listening (fastify/demo style): tests `inject` into it or `listen` on port 0. Each
 * shared part is a plugin that declares what it needs; the routes come after them. Close order: sources stop and
 * the hub's jobs finish (preClose), then the writer flushes, then the store closes (onClose runs in reverse).
 */
export async function buildApp(opts: BuildOptions = {}): Promise<FastifyInstance> {
  const config = { ...loadConfig(), ...opts.config }
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    // One line per request floods the log at thousands of posts per second; LOG_LEVEL=debug brings them back.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' }),
    // 500 viewers and NDJSON producers keep connections open; let close() end them.
    forceCloseConnections: true,
    // A URL no decoder accepts ("%zz", a lone surrogate's bytes) is refused before routing; say so in our error shape.
    frameworkErrors: (err, _req, reply) => void (reply as FastifyReply).code(400).send({ error: `bad URL: ${err.message.slice(0, 200)}` }),
    // Slow senders (slowloris) are cut off with a 408: headers and body must arrive within requestTimeoutMs. Node
    // checks every connectionsCheckingInterval (30 s by default: too lax), hence our own server.
    serverFactory: (handler) =>
      http.createServer({ requestTimeout: config.requestTimeoutMs, headersTimeout: config.requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs / 2) }, handler),
  })
  app.decorate('config', config)
  // Errors the client caused keep their status and message; anything else is logged and answered without the
  // store's or the code's text (it can name tables, paths and queries).
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const code = err.statusCode ?? 500
    if (err instanceof BusyError) return reply.code(503).header('retry-after', String(err.retryAfterS)).send({ error: err.message })
    // fastify's own text for a body it has no parser for is the bare status phrase: name the type and what would do.
    if ((err as { code?: string }).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const accepted = req.url.startsWith('/api/ingest') ? 'application/json or application/x-ndjson' : 'application/json'
      return reply.code(415).send({ error: `content-type ${req.headers['content-type'] || '(none)'} is not accepted here: send ${accepted}` })
    }
    if (code < 500) return reply.code(code).send({ error: err.message })
    req.log.error({ err }, 'request failed')
    return reply.code(code).send({ error: `internal error (request ${req.id}); the server log has the details` })
  })

  try {
    for (const plugin of [securityPlugin, authPlugin, storePlugin, settingsPlugin, realtimePlugin, ingestPlugin, sourcesPlugin, alertsPlugin, incidentsPlugin, livePlugin, feedPlugin, queuePlugin, metricsPlugin, authenticityPlugin]) {
      await app.register(plugin)
    }
    for (const routes of [healthRoutes, ingestRoutes, seriesRoutes, alertRoutes, incidentRoutes, queueRoutes, momentRoutes, feedRoutes, replayRoutes, sessionRoutes, settingsRoutes, authenticityRoutes, docsRoutes, adminRoutes, webRoutes]) {
      await app.register(routes)
    }
  } catch (err) {
    // A refused start (a bad config file, a store that will not open) closes what the plugins before it opened: the
    // store above all, since chDB binds one data directory per process and a session left open refuses the next.
    await app.close().catch((closeErr: unknown) => app.log.error({ err: closeErr }, 'closing after a refused start failed'))
    throw err
  }
  return app
}
