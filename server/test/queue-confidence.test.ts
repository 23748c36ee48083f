// Issue 15, point 6: the queue can hide low-confidence readings. Each item carries its reading's confidence; a list
// request's `minConfidence` leaves out the items below it; `queue.minConfidence` sets the room's floor, which the
// list, the wall's queue tile and the export then share (they must count the same items).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CasesPage, QueuePage, QueueSummary } from '@pulso/types'
import { DEFAULT_CONFIG_FILE } from '@pulso/ingest/paths'
import { post, testApp } from './helpers.ts'
import { queueSettingsFrom } from '../src/queue/settings.ts'

// Complaints and questions to the brand, from plain to hedged: their readings are more and less sure.
const TEXTS = [
  'Ondanet llevo tres días sin internet, es una vergüenza, exijo una solución ya 😡',
  'Ondanet the app keeps crashing when I try to pay, worst service ever',
  '@ondanet_ayuda ¿por qué me habéis cobrado dos veces la factura de este mes?',
  'Ondanet otra vez sin fibra en casa',
  'Ondanet my router light is orange, is that normal?',
  'Hola Ondanet, ¿cómo cambio la tarifa del móvil?',
  'Ondanet no funciona la fibra desde esta mañana',
  'Ondanet, ¿sabéis algo de la avería de Valencia?',
]

describe('uncertain readings in the response queue', () => {
  const apps: Awaited<ReturnType<typeof testApp>>[] = []
  const dirs: string[] = []
  afterAll(async () => {
    for (const t of apps) await t.close()
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })
  // One embedded store per process: the first app closes before the second starts.
  const start = async (extra = '') => {
    for (const t of apps.splice(0)) await t.close()
    const dir = mkdtempSync(path.join(tmpdir(), 'pulso-conf-'))
    dirs.push(dir)
    const configFile = path.join(dir, 'pulso.yaml')
    writeFileSync(configFile, readFileSync(DEFAULT_CONFIG_FILE, 'utf8') + extra)
    const t = await testApp({ configFile })
    apps.push(t)
    const r = await t.app.inject({ method: 'POST', url: '/api/ingest', payload: TEXTS.map((text, i) => post({ id: `conf-${i}`, source: 'test', text })) })
    expect(r.statusCode, r.body).toBe(202)
    const list = async (qs = '') => {
      const res = await t.app.inject(`/api/queue${qs}`)
      expect(res.statusCode, res.body).toBe(200)
      return res.json<QueuePage>()
    }
    const cases = async (qs = '') => {
      const res = await t.app.inject(`/api/queue/cases${qs}`)
      expect(res.statusCode, res.body).toBe(200)
      return res.json<CasesPage>()
    }
    return { t, list, cases }
  }
  const postsOf = (page: CasesPage) => page.cases.flatMap((c) => c.postIds).sort()
  let floor = 0
  let sure: string[] = []

  it('gives every item its confidence and leaves out those below a request floor', async () => {
    const { t, list, cases } = await start()
    const all = await list()
    expect(all.minConfidence).toBe(0)
    expect(all.total, 'the posts reached the queue').toBeGreaterThanOrEqual(4)
    for (const i of all.items) expect(i.confidence).toBeGreaterThan(0), expect(i.confidence).toBeLessThanOrEqual(1)
    const cs = all.items.map((i) => i.confidence).sort((a, b) => a - b)
    expect(cs[cs.length - 1] - cs[0], 'readings of different certainty').toBeGreaterThan(0.05)
    floor = Math.round(((cs[0] + cs[cs.length - 1]) / 2) * 1000) / 1000
    sure = all.items.filter((i) => i.confidence >= floor).map((i) => i.id).sort()
    const kept = await list(`?minConfidence=${floor}`)
    expect(kept.minConfidence).toBeCloseTo(floor, 5)
    expect(kept.items.map((i) => i.id).sort()).toEqual(sure)
    expect(kept.total).toBe(sure.length)
    expect(sure.length).toBeLessThan(all.total)
    // The cases hold exactly the same posts, and a case opens and is acted on within the same grouping.
    const grouped = await cases(`?minConfidence=${floor}`)
    expect(grouped.minConfidence).toBeCloseTo(floor, 5)
    expect(postsOf(grouped)).toEqual(sure)
    expect(postsOf(await cases())).toEqual(all.items.map((i) => i.id).sort())
    const one = grouped.cases[0]
    const opened = await t.app.inject(`/api/queue/cases/${one.id}?minConfidence=${floor}`)
    expect(opened.statusCode, opened.body).toBe(200)
    const acted = await t.app.inject({ method: 'POST', url: `/api/queue/cases/${one.id}/actions?minConfidence=${floor}`, payload: { action: 'assign', assignee: 'marta' } })
    expect(acted.statusCode, acted.body).toBe(201)
    expect(acted.json().postIds.sort()).toEqual([...one.postIds].sort())
    // The export applies it too, and says each reading's confidence.
    const csv = (await t.app.inject(`/api/queue/export.csv?minConfidence=${floor}`)).body.trim().split('\n')
    expect(csv[0].split(',')).toContain('confidence')
    expect(csv).toHaveLength(sure.length + 1)
    // Out of range or not a number: a clear 400.
    for (const bad of ['1.5', '-0.1', 'abc']) {
      for (const url of [`/api/queue?minConfidence=${bad}`, `/api/queue/cases?minConfidence=${bad}`, `/api/queue/cases/${one.id}?minConfidence=${bad}`]) {
        const r = await t.app.inject(url)
        expect(r.statusCode, url).toBe(400)
        expect(r.json().error).toMatch(/minConfidence/)
      }
    }
  }, 60_000)

  it('takes the room floor from queue.minConfidence: the list, the tile and the export agree', async () => {
    const { t, list, cases } = await start(`\nqueue:\n  minConfidence: ${floor}\n`)
    expect(t.app.queue.settings.minConfidence).toBe(floor)
    const page = await list()
    expect(page.minConfidence).toBeCloseTo(floor, 5)
    expect(page.items.map((i) => i.id).sort()).toEqual(sure)
    expect(postsOf(await cases())).toEqual(sure)
    // The wall's tile (recomputed every 2 s) counts the same items as the list.
    await expect.poll(async () => (await t.app.inject('/api/queue/summary')).json<QueueSummary>().open, { timeout: 10_000 }).toBe(sure.length)
    expect(page.total).toBe(sure.length)
    const csv = (await t.app.inject('/api/queue/export.csv')).body.trim().split('\n')
    expect(csv).toHaveLength(sure.length + 1)
    // A request may still ask for everything.
    expect((await list('?minConfidence=0')).total).toBeGreaterThan(sure.length)
  }, 60_000)

  it('refuses a floor outside 0–1 in the config, naming the field', () => {
    expect(() => queueSettingsFrom({ queue: { minConfidence: 2 } }, 'pulso.yaml')).toThrow(/minConfidence/)
    expect(queueSettingsFrom({}).minConfidence).toBe(0)
  })
})
