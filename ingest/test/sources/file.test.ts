import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sourcesSchema, createSource } from '../../src/sources/index.ts'
import { memoryCursorStore } from '../../src/sources/cursor.ts'
import { duplicates, recorder, waitFor } from './helpers.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'pulso-replay-'))
const T0 = Date.parse('2026-10-01T20:00:00Z')
const post = (i: number) => ({
  id: `tw-${i}`,
  source: 'x',
  createdAt: new Date(T0 + i * 36).toISOString(), // 100k posts over an hour
  text: i % 2 ? `Elena Ruiz promete bajar impuestos ${i}` : `Marcos Vidal responde sobre sanidad ${i}`,
  lang: 'es',
  author: { id: `u${i % 5000}`, handle: `user${i % 5000}`, followers: i % 1000 },
  metrics: { reposts: i % 7, likes: i % 11, replies: i % 3 },
  ...(i % 10 === 9 ? { repostOf: `tw-${i - 1}` } : {}),
})
const spec = (extra: object) => sourcesSchema.parse([{ kind: 'file', progressBar: 'off', ...extra }])[0]

describe('file replay source', () => {
  const big = path.join(dir, 'debate.jsonl')
  beforeAll(() => {
    const lines: string[] = []
    for (let i = 0; i < 100_000; i++) lines.push(JSON.stringify(post(i)))
    writeFileSync(big, lines.join('\n') + '\n')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('replays a 100k-post JSONL file as fast as possible: exactly 100k valid posts, progress 100k/100k', async () => {
    const rec = recorder()
    const source = createSource(spec({ path: big, speed: 0 }), rec.ctx)
    const started = Date.now()
    source.start()
    await waitFor(() => source.status().state === 'done', 50_000, 'replay done')
    const secs = (Date.now() - started) / 1000
    console.log(`100k-post replay: ${secs.toFixed(1)} s (${Math.round(100_000 / secs)} posts/s, validation included)`)
    expect(rec.invalid).toEqual([])
    expect(rec.posts).toHaveLength(100_000)
    expect(duplicates(rec.posts.map((p) => p.id))).toEqual([])
    expect(rec.posts.filter((p) => p.repostOf).length).toBe(10_000)
    const st = source.status()
    expect(st).toMatchObject({ state: 'done', total: 100_000, errors: 0, cursor: '100000', progress: { done: 100_000, total: 100_000 } })
    expect(rec.posts[0].createdAt).toBe(post(0).createdAt) // as fast as possible keeps the original times
    await source.stop()
    expect(source.status().state).toBe('done')
  })

  it('stops and resumes from its cursor: a restarted replay neither loses nor repeats a record', async () => {
    const file = path.join(dir, 'part.jsonl')
    writeFileSync(file, Array.from({ length: 5000 }, (_, i) => JSON.stringify(post(i))).join('\n'))
    const cursors = memoryCursorStore()
    const rec = recorder({ cursors, failFirst: 1 })
    const s = spec({ path: file, speed: 0, batchSize: 100 })
    let source = createSource(s, rec.ctx)
    source.start()
    await waitFor(() => rec.posts.length >= 1000, 10_000, 'a first part')
    await source.stop()
    const first = rec.posts.length
    expect(first).toBeLessThan(5000)
    expect(cursors.all.file).toBe(String(first)) // committed = stored
    expect(source.status().state).toBe('stopped')
    source = createSource(s, rec.ctx)
    source.start()
    await waitFor(() => source.status().state === 'done', 10_000, 'the rest')
    expect(rec.posts.map((p) => p.id)).toEqual(Array.from({ length: 5000 }, (_, i) => `tw-${i}`))
  })

  it('reports a missing file as an error state, without throwing', async () => {
    const rec = recorder()
    const source = createSource(spec({ path: path.join(dir, 'nope.jsonl') }), rec.ctx)
    source.start()
    await waitFor(() => source.status().state === 'error', 5000, 'error state')
    expect(source.status().lastError).toMatch(/ENOENT/)
    await source.stop()
  })

  it('reads CSV through a column mapping, paced ×N, retimed to the replay clock, counting bad records', async () => {
    const file = path.join(dir, 'export.csv')
    const rows = ['tweet_id,user,created,body,rts,lang']
    for (let i = 0; i < 20; i++) rows.push(`${1000 + i},user${i},${(T0 + i * 100) / 1000},"Carmen Soto, ""en directo""\n${i}",${i},es`)
    rows.push('bad,,,,,') // no text, no author, no date: rejected by the pipeline, counted
    writeFileSync(file, rows.join('\r\n'))
    const rec = recorder()
    const source = createSource(
      spec({ path: file, speed: 4, label: 'archive', columns: { id: 'tweet_id', 'author.id': 'user', createdAt: 'created', text: 'body', 'metrics.reposts': 'rts' } }),
      rec.ctx,
    )
    const started = Date.now()
    source.start()
    await waitFor(() => source.status().state === 'done', 10_000, 'csv replay')
    const took = Date.now() - started
    expect(took).toBeGreaterThanOrEqual(1900 / 4 - 50) // 1.9 s of original time at ×4
    expect(rec.posts).toHaveLength(20)
    expect(rec.posts[3]).toMatchObject({ id: '1003', source: 'archive', text: 'Carmen Soto, "en directo"\n3', lang: 'es', author: { id: 'user3' }, metrics: { reposts: 3 } })
    const gap = Date.parse(rec.posts[19].createdAt) - Date.parse(rec.posts[0].createdAt)
    expect(gap).toBeCloseTo(1900 / 4, -1) // gaps kept, scaled
    expect(Math.abs(Date.parse(rec.posts[0].createdAt) - started)).toBeLessThan(1000) // stamped with replay time
    expect(source.status()).toMatchObject({ errors: 1, progress: { done: 21, total: 21 } })
  })
})
