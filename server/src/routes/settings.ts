import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { REPO_ROOT } from '@pulso/ingest/paths'

/**
 * GET /api/config — what the running config holds and whether the last change to the file was refused (with its
 * file:line:column problems): the /control page shows it, so an operator who edits the file mid-debate sees at once
 * that a typo was refused and the room still runs on the previous config.
 */
export default async function settingsRoutes(app: FastifyInstance) {
  app.get('/api/config', { config: { role: 'viewer' } }, async () => {
    const s = app.settings
    const rel = (f: string) => {
      const r = path.relative(REPO_ROOT, f)
      return !r || r.startsWith('..') ? f : r // inside the repo: short; elsewhere: the whole path
    }
    const error = app.settingsReload.error()
    return {
      file: rel(s.file),
      entities: s.entities.length,
      boards: [...new Set(s.entities.map((e) => e.group))],
      sources: s.sources.map((x) => x.name),
      error: error && { at: error.at, problems: error.issues.map((i) => ({ ...i, file: rel(i.file) })) },
    }
  })
}
