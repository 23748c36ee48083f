import { buildApp } from './app.ts'
import { exposureProblem, loadConfig } from './config.ts'
import { SettingsError } from './settings/index.ts'

const problem = exposureProblem(loadConfig())
if (problem) {
  console.error(`pulso: ${problem}`)
  process.exit(1)
}

// The entry point: listen, and on SIGINT/SIGTERM close gracefully (sources stop, the writer flushes).
// A bad config file is the user's to fix: its problems, one per line with file:line:column, not a stack trace.
const app = await buildApp().catch((e: unknown) => {
  if (!(e instanceof SettingsError)) throw e
  console.error(`pulso: the config file was refused, not starting:\n${e.message}`)
  process.exit(1)
})
try {
  await app.listen({ port: app.config.port, host: app.config.host })
  const { host, port, adminToken, viewerToken, insecureOpenNetwork } = app.config
  app.log.info(`Pulso war room on http://${host.includes(':') ? `[${host}]` : host}:${port} (store: ${app.store.kind}${app.config.demo ? ', demo stream on' : ''})`)
  if (!adminToken && !viewerToken) {
    app.log.warn(insecureOpenNetwork ? `INSECURE: no tokens and listening on ${host}: anyone who reaches this port is admin` : `no tokens set: listening on ${host} only (this machine); set ADMIN_TOKEN and VIEWER_TOKEN to open the wall to the network`)
  }
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
