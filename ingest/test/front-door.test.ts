import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Entity } from '@pulso/types'
import { loadEntities } from '../src/entities.ts'
import { createIngest, type IngestSettings } from '../src/front-door.ts'
import { createAnalyzer } from '../src/nlp/index.ts'
import type { IngestResult } from '../src/steps.ts'
import type { FlushInfo } from '../src/writer.ts'
import { DEFAULT_CONFIG_FILE } from '../src/paths.ts'
import { post, testStore } from './store.ts'

const entity = (id: string, terms: string[]): Entity => ({ id, name: id, group: 'g', color: '#123456', terms })
const lines = (...posts: unknown[]) => posts.map((value, i) => ({ line: i + 1, value }))
const quiet = { warn() {}, error() {} }

describe('the ingest front door', () => {
  let store: Awaited<ReturnType<typeof testStore>>
  let base: IngestSettings
  const dirs: string[] = []
  const tempDir = () => (dirs.push(mkdtempSync(path.join(tmpdir(), 'pulso-door-'))), dirs[dirs.length - 1])
  beforeAll(async () => {
    store = await testStore()
    base = { maxTextChars: 20_000, batchMaxRows: 1000, flushMs: 20, nlpWorkers: 0, entities: loadEntities(DEFAULT_CONFIG_FILE), maxAttempts: 1, retryBaseMs: 1, drainMs: 50, log: quiet }
  })
  afterAll(async () => {
    await store.close()
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })
  const stored = async (id: string) => {
    const rs = await store.client.query({ query: 'SELECT entities, sentiment, intent FROM posts WHERE id = {id:String}', query_params: { id }, format: 'JSONEachRow' })
    return (await rs.json<{ entities: string[]; sentiment: number; intent: string }>())[0]
  }
  /** Inserts fail as an unreachable store's would (no ClickHouse error code): retryable, never the data's fault. */
  const breakInserts = () => {
    const real = store.client.insert
    store.client.insert = (async () => {
      throw new Error('connect ECONNREFUSED (simulated outage)')
    }) as typeof real
    return () => void (store.client.insert = real)
  }

  it('reads anger at a care: false entity (a candidate) as opinion, the same words at a brand as a complaint', async () => {
    // Before care.ts the learned intent head called half the debate's angry wave a product failure. A broken promise
    // told in anger: the words alone are a complaint, said of the brand or of the candidate; whatever the model reads,
    // a care: false entity's post is stored as opinion below. (The demo wave's own words, "X quiere recortar las
    // pensiones… Se acabó 😡", read as political anger, other, since the head learned from the helper-written posts.)
    const angry = (who: string) => `${who} nos prometió no tocar las pensiones y ahora las recorta. Se acabó 😡 #PensionesNo`
    const analyse = createAnalyzer()
    expect(analyse.analyze(angry('Javier Molina'), 'es').intent).toBe('complaint')
    expect(analyse.analyze(angry('Ondanet'), 'es').intent).toBe('complaint')
    for (const nlpWorkers of [0, 1]) {
      const door = createIngest({ ...base, nlpWorkers }, store.client)
      try {
        await door.process(lines(
          post({ id: `care-candidate-${nlpWorkers}`, text: angry('Javier Molina'), lang: 'es' }),
          post({ id: `care-brand-${nlpWorkers}`, text: angry('Ondanet'), lang: 'es' }),
          post({ id: `care-both-${nlpWorkers}`, text: `${angry('Javier Molina')} y Ondanet sin fibra`, lang: 'es' }),
        ))
        expect(await stored(`care-candidate-${nlpWorkers}`)).toMatchObject({ entities: ['molina'], intent: 'other' })
        expect((await stored(`care-brand-${nlpWorkers}`)).intent).toBe('complaint')
        expect((await stored(`care-both-${nlpWorkers}`)).intent).toBe('complaint') // one care entity named: care's
      } finally {
        await door.close()
      }
    }
  })

  it('lists the same steps with analysis on worker threads or not, and each of them runs', async () => {
    const text = 'Elena Ruiz ha estado brillante 👏'
    const expected = createAnalyzer().analyze(text)
    for (const nlpWorkers of [0, 1]) {
      const door = createIngest({ ...base, nlpWorkers }, store.client)
      try {
        expect(door.steps).toEqual(['validate', 'match', 'analyse', 'write'])
        const r = await door.process(lines(post({ id: `steps-${nlpWorkers}`, text }), { id: 'no author' }))
        expect(r).toMatchObject({ accepted: 1, rejectedCount: 1, rejected: [{ line: 2 }] }) // validate
        const row = await stored(`steps-${nlpWorkers}`) // write
        expect(row.entities).toEqual(['ruiz']) // match
        expect(row.sentiment).toBeCloseTo(expected.sentiment.score, 5) // analyse, on a worker or here
        expect(row.intent).toBe(expected.intent)
      } finally {
        await door.close()
      }
    }
  })

  it("answers retry 'store-down' when the store fails and there is no spool", async () => {
    const door = createIngest(base, store.client)
    const restore = breakInserts()
    try {
      const r = await door.process(lines(post(), post(), { bad: 1 }))
      expect(r).toMatchObject({ accepted: 0, retry: 'store-down', rejectedCount: 3 })
      expect(r.rejected[0].error).toMatch(/^store: store unavailable: connect ECONNREFUSED/)
    } finally {
      restore()
      await door.close()
    }
  })

  it("spools while the store is down, answers retry 'spool-full' once the spool is full, and drains after", async () => {
    const roomy = createIngest({ ...base, spool: { dir: tempDir(), maxBytes: 10_000_000 } }, store.client)
    const full = createIngest({ ...base, spool: { dir: tempDir(), maxBytes: 100 } }, store.client)
    const restore = breakInserts()
    try {
      const spooled = await roomy.process(lines(post({ id: 'spooled-1' }), post({ id: 'spooled-2' })))
      expect(spooled).toMatchObject({ accepted: 2, rejectedCount: 0 })
      expect(spooled.retry).toBeUndefined()
      expect(roomy.stats.spooledBytes).toBeGreaterThan(0)
      const refused = await full.process(lines(post()))
      expect(refused).toMatchObject({ accepted: 0, retry: 'spool-full', rejectedCount: 1 })
      expect(refused.rejected[0].error).toMatch(/spool full/)
    } finally {
      restore()
    }
    await expect.poll(() => roomy.stats.spooledBytes, { timeout: 10_000 }).toBe(0)
    expect(await store.count("id LIKE 'spooled-%'")).toBe(2)
    await Promise.all([roomy.close(), full.close()])
  })

  it('matches the posts after setEntities against the new list', async () => {
    const door = createIngest({ ...base, entities: [entity('alfa', ['alfa'])] }, store.client)
    try {
      await door.process(lines(post({ id: 'swap-1', text: 'alfa y beta' })))
      door.setEntities([entity('beta', ['beta']), entity('gamma', ['#gamma'])])
      await door.process(lines(post({ id: 'swap-2', text: 'alfa y beta #gamma' })))
      expect((await stored('swap-1')).entities).toEqual(['alfa'])
      expect((await stored('swap-2')).entities).toEqual(['beta', 'gamma'])
    } finally {
      await door.close()
    }
  })

  it('reports stored rows, freshness and batches as events; a failing listener is logged, not fatal', async () => {
    const errors: { o: object; m?: string }[] = []
    const door = createIngest({ ...base, log: { warn() {}, error: (o, m) => errors.push({ o, m }) } }, store.client)
    const results: IngestResult[] = []
    const flushes: FlushInfo[] = []
    door.on('stored', (r) => results.push(r))
    door.on('flush', (f) => flushes.push(f))
    try {
      const t = Date.parse('2026-01-01T10:00:00Z')
      const first = await door.process(lines(post({ createdAt: new Date(t).toISOString() }), post({ createdAt: new Date(t + 5000).toISOString() }), 'not a post'))
      expect(results).toEqual([first])
      expect(first).toMatchObject({ accepted: 2, rejectedCount: 1, newest: t + 5000 })
      await expect.poll(() => flushes.reduce((n, f) => n + f.rows, 0)).toBe(2)
      expect(flushes[0]).toMatchObject({ failed: 0, spooled: false })

      // Listeners that throw: the posts are stored all the same, and later batches still flush.
      door.on('stored', () => {
        throw new Error('stored listener bug')
      })
      door.on('flush', () => {
        throw new Error('flush listener bug')
      })
      for (const id of ['after-bug-1', 'after-bug-2']) expect(await door.process(lines(post({ id })))).toMatchObject({ accepted: 1 })
      expect(await store.count("id LIKE 'after-bug-%'")).toBe(2)
      expect(results.map((r) => r.accepted)).toEqual([2, 1, 1])
      await expect.poll(() => errors.length).toBeGreaterThanOrEqual(4)
      expect(errors[0].m).toBe('ingest event listener failed')
    } finally {
      await door.close()
    }
  })

  it('counts quarantined spool segments in stats and passes its logger to the writer', async () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, '000000000000001-000000000.ndjson'), '{"id": "x", "source": \n') // cannot be replayed
    writeFileSync(path.join(dir, '000000000000000-000000000.ndjson.corrupt'), '{}\n') // set aside by an earlier run
    const warnings: { o: object; m?: string }[] = []
    const door = createIngest({ ...base, spool: { dir, maxBytes: 1_000_000 }, log: { warn: (o, m) => warnings.push({ o, m }), error() {} } }, store.client)
    try {
      await expect.poll(() => door.stats.spoolQuarantined, { timeout: 10_000 }).toBe(2)
      expect(door.stats).toEqual({ pendingRows: 0, spooledBytes: 0, spoolQuarantined: 2 })
      expect(warnings.map((w) => w.m)).toEqual(['spool segment set aside: it cannot be replayed'])
    } finally {
      await door.close()
    }
  })
})
