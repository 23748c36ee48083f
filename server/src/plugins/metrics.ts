import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** Prometheus metrics at /metrics (admin token): ingest rate, rejects, batch latency, spool depth, sockets. */
export default fp(async function metrics(app: FastifyInstance) {
  const door = app.frontDoor
  const register = new Registry()
  collectDefaultMetrics({ register, prefix: 'pulso_' })
  const posts = new Counter({ name: 'pulso_ingest_posts_total', help: 'Posts through ingest, by outcome', labelNames: ['outcome'] as const, registers: [register] })
  const batchSeconds = new Histogram({ name: 'pulso_writer_batch_seconds', help: 'Time to store one batch (insert, retries, spooling)', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [register] })
  const batchRows = new Histogram({ name: 'pulso_writer_batch_rows', help: 'Rows per stored batch', buckets: [1, 10, 100, 500, 1000, 2500, 5000, 10000], registers: [register] })
  new Gauge({ name: 'pulso_spool_bytes', help: 'Bytes waiting in the spool for the store', registers: [register], collect() { this.set(door.stats.spooledBytes) } })
  // Non-zero needs an operator: spool segments that could not be replayed were set aside (*.corrupt, logged).
  new Gauge({ name: 'pulso_spool_quarantined', help: 'Spool segments set aside because they could not be replayed', registers: [register], collect() { this.set(door.stats.spoolQuarantined) } })
  new Gauge({ name: 'pulso_writer_pending_rows', help: 'Rows waiting for the next batch', registers: [register], collect() { this.set(door.stats.pendingRows) } })
  new Gauge({ name: 'pulso_socket_clients', help: 'Connected wall clients (socket.io)', registers: [register], collect() { this.set(app.hub.io.engine.clientsCount) } })

  door.on('flush', (f) => {
    batchSeconds.observe(f.ms / 1000)
    batchRows.observe(f.rows)
  })
  door.on('stored', (r) => {
    posts.inc({ outcome: 'stored' }, r.accepted - r.duplicates)
    posts.inc({ outcome: 'duplicate' }, r.duplicates)
    posts.inc({ outcome: 'rejected' }, r.rejectedCount)
  })
  app.get('/metrics', { config: { role: 'admin' } }, async (_req, reply) => reply.type(register.contentType).send(await register.metrics()))
}, { name: 'metrics', dependencies: ['ingest', 'realtime'] })
