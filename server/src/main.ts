import { buildApp } from './app.ts'

// The entry point: listen, and on SIGINT/SIGTERM close gracefully (sources stop, the writer flushes).
const app = await buildApp()
try {
  await app.listen({ port: app.config.port, host: app.config.host })
  app.log.info(`Pulso war room on http://localhost:${app.config.port} (store: ${app.store.kind}${app.config.demo ? ', demo stream on' : ''})`)
} catch (e) {
  app.log.error(e)
  process.exit(1)
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    app.log.info(`${sig}: closing`)
    app.close().then(
      () => process.exit(0),
      (e) => (app.log.error(e), process.exit(1)),
    )
  })
}
