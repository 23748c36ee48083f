import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Entity } from '@pulso/types'
import type { SourceSpec } from '@pulso/ingest'
import { formatIssue, loadSettings, watchSettings, type PulsoFile, type SettingsDiff, type SettingsState } from '../settings/index.ts'

type Listener = (next: PulsoFile, diff: SettingsDiff) => void

declare module 'fastify' {
  interface FastifyInstance {
    /** config/pulso.yaml as running now: read once through the strict schema, replaced by each valid change. */
    settings: PulsoFile
    /** The monitored entities as running now (a getter: a reload changes what every reader sees). */
    entities: Entity[]
    /** The sources as read at start: sources are connections, a change to them applies at the next restart. */
    sourceSpecs: SourceSpec[]
    settingsReload: {
      /** The last refused change (what /control shows), or null once a valid file replaced it. */
      error(): SettingsState['error']
      /** Called after each valid change, with what changed. */
      onChange(listener: Listener): void
      /** Re-read the file now (tests; a "reload" button). */
      check(): void
    }
  }
}

/**
 * config/pulso.yaml for everything else, watched: a valid change (entities, terms, queue weights) applies within
 * seconds without a restart and is logged with what changed; an invalid one is refused with its file:line:column
 * problems, logged and kept for /control, and the running settings stay.
 */
export default fp(
  async function settingsPlugin(app: FastifyInstance) {
    // A bad file at start throws a SettingsError listing its problems (main.ts prints it without a stack).
    let current = loadSettings(app.config.configFile)
    const listeners: Listener[] = []
    app.decorate('settings', { getter: () => current })
    app.decorate('entities', { getter: () => current.entities })
    app.decorate('sourceSpecs', current.sources)
    const log = { info: (m: string) => app.log.info(m), warn: (m: string) => app.log.warn(m), error: (o: unknown, m?: string) => app.log.error(o, m) }
    const watcher = watchSettings(app.config.configFile, {
      initial: current,
      log,
      onChange(next, _prev, diff) {
        current = next
        if (!diff.empty) app.log.info(`config reloaded: ${diff.summary}`)
        if (diff.sources.added.length + diff.sources.removed.length + diff.sources.changed.length > 0) app.log.warn('config: sources changed; they apply at the next restart')
        for (const f of listeners) f(next, diff)
      },
      onInvalid: (issues) => app.log.error(`config change refused, the running config stays:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`),
    })
    app.decorate('settingsReload', { error: () => watcher.current().error, onChange: (f: Listener) => void listeners.push(f), check: () => watcher.check() })
    app.addHook('onClose', async () => watcher.close())
  },
  { name: 'settings' },
)
