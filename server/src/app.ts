import http from 'node:http'
import path from 'node:path'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Entity, PostInput } from '@pulso/types'
import { BatchWriter, POST_COLUMNS, Spool, createAnalyserPool, createDedupe, createMatcher, createPipeline, createValidator, loadEntities, validateStep, matchStep, analyseStep, createDemoSource, createSource, loadSources, fileCursorStore, type Pipeline, type Source } from '@pulso/ingest'
import { createAnalyzer } from '@pulso/ingest/nlp'
import { loadConfig, type Config } from './config.ts'
import { openStore, type Store } from './store/client.ts'
import { BusyError, createReadGate, type ReadGate } from './store/gate.ts'
import { applyRetention, migrate } from './store/migrate.ts'
import { createLive, type IO, type Live } from './live/live.ts'
import { createHub } from './realtime/hub.ts'
import { handleClientEvent } from './realtime/client-events.ts'
import { createAlertService, type AlertService } from './alerts/service.ts'
import { createWebhook } from './alerts/webhook.ts'
import alertRoutes from './routes/alerts.ts'
import authPlugin from './plugins/auth.ts'
import securityPlugin from './plugins/security.ts'
import metricsPlugin from './plugins/metrics.ts'
import healthRoutes from './routes/health.ts'
import ingestRoutes from './routes/ingest.ts'
import seriesRoutes from './routes/series.ts'
import webRoutes from './routes/web.ts'
import docsRoutes from './routes/docs.ts'
import queueRoutes from './routes/queue.ts'
import momentRoutes from './routes/moments.ts'
import feedRoutes from './routes/feed.ts'
import replayRoutes from './routes/replay.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    store: Store
    /** Expensive reads go through this: coalesced, cached briefly, bounded (store/gate.ts). */
    reads: ReadGate<Store['client']>
    migrations: string[]
    entities: Entity[]
    writer: BatchWriter
    pipeline: Pipeline
    io: IO
    live: Live
    sources: Source[]
    alerts: AlertService
    /** Run posts through the pipeline and tell the live view what was stored (HTTP and in-process sources). */
    ingest: Pipeline['process']
  }
}

export interface BuildOptions {
  /** Overrides on top of the environment's configuration. */
  config?: Partial<Config>
  /** pino options, or false for silence (tests). */
  logger?: boolean | object
}

/**
 * The whole app, ready but not listening (fastify/demo style): tests `inject` into it or `listen` on port 0.
 * Store, migrations, entities, pipeline and the socket.io server are set up here; the ticker and the demo
 * source start when the app is ready and stop (flushing the writer) when it closes.
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
    if (code < 500) return reply.code(code).send({ error: err.message })
    req.log.error({ err }, 'request failed')
    return reply.code(code).send({ error: `internal error (request ${req.id}); the server log has the details` })
  })

  await app.register(securityPlugin)
  await app.register(authPlugin)

  const store = await openStore(config)
  app.decorate('store', store)
  app.decorate('reads', createReadGate({ concurrency: config.readConcurrency, maxWaiting: config.readQueue, ttlMs: config.readCacheMs, maxEntries: 500 }, store.client))
  app.decorate('migrations', await migrate(store.client))
  await applyRetention(store.client, config.retentionDays)
  app.decorate('entities', loadEntities(config.configFile))
  const specs = loadSources(config.configFile)
  const demo = config.demo && specs.length === 0

  const writer = new BatchWriter(store.client, {
    table: 'posts',
    columns: POST_COLUMNS,
    maxRows: config.batchMaxRows,
    flushMs: config.flushMs,
    maxAttempts: 3,
    retryBaseMs: 100,
    insertTimeoutMs: config.insertTimeoutMs,
    dedupe: createDedupe(store.client),
    spool: config.spoolMaxBytes > 0 ? new Spool(config.spoolDir ?? path.join(config.dataDir, 'spool'), config.spoolMaxBytes) : undefined,
  })
  app.decorate('writer', writer)
  // NLP on worker threads (NLP_WORKERS, default cores − 1): the main thread parses, validates, matches and writes.
  const analyser = config.nlpWorkers > 0 ? createAnalyserPool({ size: config.nlpWorkers }) : undefined
  const pipeline = createPipeline(
    [validateStep(createValidator({ maxTextChars: config.maxTextChars })), matchStep(createMatcher(app.entities)), ...(analyser ? [] : [analyseStep(createAnalyzer())])],
    writer,
    { analyser },
  )
  app.decorate('pipeline', pipeline)

  const io = createHub(app)
  app.decorate('io', io)
  const webhook = config.alertWebhookUrl
    ? createWebhook({ url: config.alertWebhookUrl, maxAttempts: 6, retryBaseMs: 1000, timeoutMs: 5000, maxQueue: 100, onGiveUp: (a, err) => app.log.warn({ alert: a.id, err }, 'webhook gave up') })
    : undefined
  const alerts = createAlertService({
    client: store.client,
    io,
    entities: app.entities,
    intervalS: config.alertIntervalS,
    driverBaselineS: config.alertDriverBaselineS,
    webhook,
    onError: (e) => app.log.error(e, 'alert check failed'),
  })
  app.decorate('alerts', alerts)
  io.on('connection', (socket) => {
    handleClientEvent(socket, 'alert:status', {
      role: 'admin',
      payload: z.strictObject({ id: z.string().min(1).max(256), status: z.enum(['open', 'acknowledged', 'false_positive']) }),
      run: async ({ id, status }) => ((await alerts.setStatus(id, status, `socket:${socket.id}`)) ? null : `no alert with id ${id}`),
    }, app.log)
  })
  const live = createLive({
    client: store.client,
    io,
    entities: app.entities.map(({ terms: _t, ...info }) => info),
    demo,
    sources: () => app.sources.map((s) => s.status()),
    tickMs: config.tickMs,
    windowSeconds: config.windowSeconds,
    historySeconds: config.historySeconds,
    recentAlerts: alerts.recent,
    onError: (e) => app.log.error(e, 'live tick failed'),
  })
  app.decorate('live', live)
  app.decorate('ingest', async (raw: Parameters<Pipeline['process']>[0]) => {
    const r = await pipeline.process(raw)
    live.noteStored(r.newest)
    app.observeIngest(r)
    return r
  })

  // Sources from the config file; the demo stream runs when none is configured (and DEMO is not off).
  const emit = (posts: PostInput[]) =>
    app.ingest(posts.map((value, i) => ({ line: i + 1, value })))
  const ctx = { emit, cursors: fileCursorStore(config.cursorsFile ?? path.join(config.dataDir, 'cursors.json')), entities: app.entities, log: app.log }
  const sources: Source[] = specs.map((spec) => createSource(spec, ctx))
  if (demo) sources.push(createDemoSource(app.entities, emit, { rate: config.demoRate }))
  app.decorate('sources', sources)

  await app.register(metricsPlugin)
  await app.register(healthRoutes)
  await app.register(ingestRoutes)
  await app.register(seriesRoutes)
  await app.register(alertRoutes)
  await app.register(queueRoutes)
  await app.register(momentRoutes)
  await app.register(feedRoutes)
  await app.register(replayRoutes)
  await app.register(docsRoutes)
  await app.register(webRoutes)

  app.addHook('onReady', async () => {
    await live.start()
    await alerts.start()
    sources.forEach((s) => s.start())
  })
  // Order matters: stop producing, then flush what was accepted, then let go of the store.
  app.addHook('preClose', async () => {
    await Promise.all(sources.map((s) => s.stop()))
    await live.stop()
    await alerts.stop()
    io.close()
  })
  app.addHook('onClose', async () => {
    await writer.close()
    await analyser?.close()
    await store.close()
  })
  return app
}
