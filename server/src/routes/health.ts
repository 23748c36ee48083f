import type { FastifyInstance } from 'fastify'

export default async function healthRoutes(app: FastifyInstance) {
  const startedAt = Date.now()
  app.get('/api/health', async () => {
    const rs = await app.store.client.query({ query: 'SELECT count() AS n FROM posts', format: 'JSONEachRow' })
    const [{ n }] = await rs.json<{ n: string }>()
    const sources = app.sources.map((s) => s.status())
    return {
      // degraded: a source has failed for good; the API and the wall still work.
      status: sources.some((s) => s.state === 'error') ? 'degraded' : 'ok',
      sources,
      store: app.store.kind,
      migrations: app.migrations,
      rows: Number(n),
      pendingRows: app.frontDoor.stats.pendingRows,
      // Non-zero needs an operator: spool segments that could not be replayed wait in the spool folder as *.corrupt.
      spoolQuarantined: app.frontDoor.stats.spoolQuarantined,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      demo: app.demo.running,
      // What runs, in order, whatever the settings (analysis on worker threads or not).
      steps: app.frontDoor.steps,
    }
  })
}
