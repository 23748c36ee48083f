import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { repoPath } from '@pulso/ingest/paths'
import { buildApp } from '../src/app.ts'
import { post, queryRows } from './helpers.ts'

const run = promisify(execFile)

/** `npm run purge -- --source demo` on a stopped Pulso's store (issue 19): the demo's posts and aggregates go. */
describe('npm run purge', () => {
  it('removes one source from posts and the aggregates, and refuses a bad command line', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pulso-purge-'))
    const open = () => buildApp({ logger: false, config: { dataDir, demo: false } })
    try {
      let app = await open()
      const posts = [
        ...Array.from({ length: 30 }, (_, i) => post({ id: `d-${i}`, source: 'demo', text: `Elena Ruiz arrasa ${i}` })),
        ...Array.from({ length: 7 }, (_, i) => post({ id: `r-${i}`, source: 'bluesky', text: `Elena Ruiz responde ${i}` })),
      ]
      expect((await app.ingest(posts.map((value, i) => ({ line: i + 1, value })))).accepted).toBe(37)
      await app.close() // the embedded store belongs to one process at a time

      const script = repoPath('server/scripts/purge.ts')
      const env = { ...process.env, DATA_DIR: dataDir }
      await expect(run('npx', ['tsx', script], { env, cwd: repoPath('.') })).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/usage: npm run purge -- --source/) })
      const { stdout } = await run('npx', ['tsx', script, '--', '--source', 'demo'], { env, cwd: repoPath('.') })
      expect(stdout).toMatch(/purged 30 post\(s\) of source 'demo'/)

      app = await open()
      try {
        const bySource = await queryRows<{ source: string; n: string }>(app, `SELECT source, count() AS n FROM posts GROUP BY source`)
        expect(bySource.map((r) => [r.source, Number(r.n)])).toEqual([['bluesky', 7]])
        for (const table of ['entity_seconds', 'entity_minutes']) {
          const [agg] = await queryRows<{ n: string }>(app, `SELECT sum(posts) AS n FROM ${table} WHERE entity = 'ruiz'`)
          expect(Number(agg.n), table).toBe(7)
        }
        const [rec] = await queryRows<{ n: string }>(app, `SELECT count() AS n FROM post_removals WHERE source = 'demo' AND reason = 'purged'`)
        expect(Number(rec.n)).toBe(30)
      } finally {
        await app.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})
