import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG_FILE } from '@pulso/ingest/paths'
import { queryRows, testApp } from './helpers.ts'

const N = 100_000

describe('file replay through the whole pipeline into the store', () => {
  it(`replays a ${N / 1000}k-post JSONL at full speed: exactly ${N / 1000}k stored, reposts apart, progress shown`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pulso-replay-'))
    const file = path.join(dir, 'debate.jsonl')
    const t0 = Date.parse('2026-11-20T21:00:00Z')
    const lines: string[] = []
    for (let i = 0; i < N; i++) {
      const who = ['Elena Ruiz', 'Marcos Vidal', 'Carmen Soto', 'Javier Molina'][i % 4]
      const repost = i % 10 === 9 ? { repostOf: `r-${i - 1}` } : {}
      lines.push(JSON.stringify({ id: `r-${i}`, createdAt: new Date(t0 + i * 20).toISOString(), text: `${who} responde sobre pensiones ${i % 97}`, author: { id: `u${i % 5000}` }, ...repost }))
    }
    writeFileSync(file, lines.join('\n') + '\n')
    // The shipped entities plus one file source, as a team would configure a replay.
    const config = path.join(dir, 'pulso.yaml')
    writeFileSync(config, readFileSync(DEFAULT_CONFIG_FILE, 'utf8') + `\nsources:\n  - kind: file\n    name: replay\n    path: ${file}\n    speed: 0\n`)
    const t = await testApp({ configFile: config, retentionDays: 3650 })
    try {
      await t.app.ready() // sources start with the app
      const replay = () => t.app.sources.find((s) => s.name === 'replay')!.status()
      await expect.poll(() => replay().state, { timeout: 180_000, interval: 500 }).toBe('done')
      expect(replay().progress).toEqual({ done: N, total: N })
      const health = (await t.app.inject('/api/health')).json()
      expect(health.sources.find((s: { name: string }) => s.name === 'replay')).toMatchObject({ kind: 'file', total: N, errors: 0 })
      const [r] = await queryRows<{ n: string; u: string; reposts: string }>(t.app, `SELECT count() AS n, uniqExact(id) AS u, countIf(repost_of != '') AS reposts FROM posts WHERE source = 'file'`)
      expect({ n: Number(r.n), u: Number(r.u), reposts: Number(r.reposts) }).toEqual({ n: N, u: N, reposts: N / 10 })
      const [agg] = await queryRows<{ posts: string; reposts: string }>(t.app, `SELECT sum(posts) AS posts, sum(reposts) AS reposts FROM entity_seconds`)
      expect({ posts: Number(agg.posts), reposts: Number(agg.reposts) }).toEqual({ posts: N, reposts: N / 10 })
    } finally {
      await t.close()
    }
  }, 240_000)
})
