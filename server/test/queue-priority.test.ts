import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { reasonsText } from '@pulso/types'
import { openStore, type Store } from '../src/store/client.ts'
import { DEFAULT_WEIGHTS, priority, prioritySql, reasons, type Features } from '../src/queue/priority.ts'
import { deadlineMinutes, DEFAULT_SETTINGS, loadQueueSettings, queueSettingsFrom } from '../src/queue/settings.ts'

/** An ordinary complaint by an ordinary author; each test changes one thing. */
const base = (over: Partial<Features> = {}): Features => ({
  intent: 'complaint',
  nature: 'after_sales',
  followers: 300,
  verified: false,
  engagement: 2,
  recent: 0,
  previous: 0,
  anger: 0.2,
  disgust: 0,
  fear: 0,
  sadness: 0,
  tier: null,
  tierValue: 0,
  ...over,
})

describe('priority: the orderings that matter', () => {
  it('a safety problem outranks a remark about price, and the natures keep their documented order', () => {
    expect(priority(base({ nature: 'safety' }))).toBeGreaterThan(priority(base({ nature: 'price' })))
    const order = (['safety', 'product_failure', 'claims_handling', 'after_sales', 'performance', 'price', null] as const).map((nature) => priority(base({ nature })))
    expect([...order].sort((a, b) => b - a)).toEqual(order)
    expect(new Set(order).size).toBe(order.length)
  })

  it('an author with 1M followers outranks one with 100, and verification adds reach', () => {
    expect(priority(base({ followers: 1_000_000 }))).toBeGreaterThan(priority(base({ followers: 100 })))
    expect(priority(base({ followers: 100, verified: true }))).toBeGreaterThan(priority(base({ followers: 100 })))
    // Reach is log-scaled: the gap 100 → 1M is worth a large part of the reach weight, not the whole queue.
    const gap = priority(base({ followers: 1_000_000 })) - priority(base({ followers: 100 }))
    expect(gap).toBeGreaterThan(10)
    expect(gap).toBeLessThanOrEqual(100 * DEFAULT_WEIGHTS.influence)
  })

  it('a post being shared right now (accelerating) outranks one with the same reposts long ago (stale)', () => {
    // Same reposts in the last 10 min; the accelerating post had fewer before (so fewer in all).
    const accelerating = base({ recent: 12, previous: 3, engagement: 15 })
    const steady = base({ recent: 12, previous: 12, engagement: 40 })
    // As many reposts in all as the steady one, but none lately.
    const stale = base({ recent: 0, previous: 0, engagement: 40 })
    expect(priority(accelerating)).toBeGreaterThan(priority(steady))
    expect(priority(steady)).toBeGreaterThan(priority(stale))
  })

  it('a claim outranks a complaint, which outranks a question', () => {
    const claim = priority(base({ intent: 'claim' }))
    const complaint = priority(base({ intent: 'complaint' }))
    const question = priority(base({ intent: 'question' }))
    expect(claim).toBeGreaterThan(complaint)
    expect(complaint).toBeGreaterThan(question)
  })

  it('a configured customer tier and a negative emotion raise the score; the score stays within 0–100', () => {
    expect(priority(base({ tier: 'gold', tierValue: 0.75 }))).toBeGreaterThan(priority(base()))
    expect(priority(base({ anger: 0.9 }))).toBeGreaterThan(priority(base({ anger: 0.1 })))
    const max = priority(base({ intent: 'claim', nature: 'safety', followers: 5e7, verified: true, engagement: 1e6, recent: 1e4, anger: 1, tierValue: 1 }))
    expect(max).toBeCloseTo(100, 6)
    expect(priority(base({ intent: 'question', nature: null, followers: 0, engagement: 0, anger: 0 }))).toBeGreaterThanOrEqual(0)
  })

  it("puts the issue's example (safety complaint · 48k followers · 35 reposts in 10 min · anger) in the top deadline tier", () => {
    const f = base({ nature: 'safety', followers: 48_000, recent: 35, previous: 5, engagement: 60, anger: 0.7 })
    expect(Math.round(priority(f))).toBeGreaterThanOrEqual(DEFAULT_SETTINGS.deadlines[0].min)
    expect(deadlineMinutes(Math.round(priority(f)), DEFAULT_SETTINGS.deadlines)).toBe(15)
    // ...and the same complaint about price by a small account, not shared, in the slowest.
    expect(deadlineMinutes(Math.round(priority(base({ nature: 'price', followers: 100 }))), DEFAULT_SETTINGS.deadlines)).toBe(240)
  })

  it('words its reasons like the issue asks', () => {
    const f = base({ nature: 'safety', followers: 48_000, recent: 35, anger: 0.7 })
    expect(reasonsText(reasons(f, 10))).toBe('safety complaint · 48K followers · 35 reposts in 10 min · anger')
    expect(reasonsText(reasons(f, 10), 'es')).toMatch(/^queja de seguridad · 48\s?mil seguidores · 35 reposts en 10 min · ira$/)
    expect(reasonsText(reasons(base({ intent: 'question', nature: null, anger: 0 }), 10))).toBe('question')
  })
})

describe('deadline tiers', () => {
  it('maps priority to minutes by the first tier reached (defaults: ≥80 → 15, ≥50 → 60, else 240)', () => {
    expect([95, 80, 79, 50, 49, 0].map((p) => deadlineMinutes(p, DEFAULT_SETTINGS.deadlines))).toEqual([15, 15, 60, 60, 240, 240])
  })

  it('reads queue: and customers: from the config file, ignores other keys, and refuses an unknown tier', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pulso-queue-cfg-'))
    try {
      const file = path.join(dir, 'pulso.yaml')
      writeFileSync(file, 'entities: [{id: x}]\nsources: whatever\ncustomers: {"u-1": gold, "u-2": vip}\nqueue:\n  tiers: {vip: 1}\n  deadlines: [{min: 0, minutes: 120}, {min: 90, minutes: 5}]\n')
      const s = loadQueueSettings(file)
      expect(s.customers).toEqual({ 'u-1': 'gold', 'u-2': 'vip' })
      expect(s.tiers.vip).toBe(1)
      expect(s.deadlines).toEqual([{ min: 90, minutes: 5 }, { min: 0, minutes: 120 }])
      expect(s.weights).toEqual(DEFAULT_WEIGHTS)
      writeFileSync(file, 'customers: {"u-1": diamond}\n')
      expect(() => loadQueueSettings(file)).toThrow(/unknown tier diamond/)
      writeFileSync(file, 'queue: {weights: {price: 1}}\n')
      expect(() => loadQueueSettings(file)).toThrow(/price/)
      writeFileSync(file, 'queue: {deadlines: [{min: 50, minutes: 10}]}\n')
      expect(() => loadQueueSettings(file)).toThrow(/min: 0/)
      expect(loadQueueSettings(path.join(dir, 'missing.yaml'))).toEqual(DEFAULT_SETTINGS)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('takes already-parsed data (the settings module reads the file once)', () => {
    expect(queueSettingsFrom({})).toEqual(DEFAULT_SETTINGS)
    expect(queueSettingsFrom({ entities: 'not mine', customers: { u: 'gold' }, queue: { lookbackHours: 3 } })).toMatchObject({ customers: { u: 'gold' }, lookbackHours: 3 })
    expect(() => queueSettingsFrom({ customers: { u: 'diamond' } }, 'q.yaml')).toThrow(/q\.yaml: customers\.u: unknown tier diamond/)
  })
})

describe('the ClickHouse expression agrees with the TypeScript function', () => {
  let store: Store
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pulso-queue-sql-'))
    store = await openStore({ dataDir: dir, clickhouseUrl: undefined, clickhouseUser: '', clickhousePassword: '', clickhouseDatabase: '', clickhouseMaxMemoryBytes: 1e9 })
  })
  afterAll(async () => {
    await store?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('on a grid of features and with custom weights', async () => {
    const grid: Features[] = []
    for (const intent of ['question', 'complaint', 'claim'] as const)
      for (const nature of ['safety', 'price', 'after_sales', null] as const)
        for (const [followers, verified] of [[0, false], [100, true], [48_000, false], [3_000_000, true]] as const)
          for (const [recent, previous] of [[0, 0], [3, 10], [35, 5], [500, 100]])
            grid.push(base({ intent, nature, followers, verified, recent, previous, engagement: recent * 3 + followers / 100, anger: 0.5, fear: 0.25, tierValue: followers > 1000 ? 0.5 : 0 }))
    const weights = { ...DEFAULT_WEIGHTS, nature: 0.5, customer: 0 }
    for (const w of [DEFAULT_WEIGHTS, weights]) {
      const values = grid.map((f) => `('${f.intent}', '${f.nature ?? ''}', ${f.followers}, ${f.verified}, ${f.engagement}, ${f.recent}, ${f.previous}, ${f.anger}, ${f.disgust}, ${f.fear}, ${f.sadness}, ${f.tierValue})`)
      const rs = await store.client.query({
        query: `SELECT ${prioritySql(w)} AS score FROM values('intent String, nature String, followers UInt32, verified Bool, engagement UInt64, recent UInt64, previous UInt64, anger Float32, disgust Float32, fear Float32, sadness Float32, tier_value Float64', ${values.join(', ')})`,
        format: 'JSONEachRow',
      })
      const got = (await rs.json<{ score: number }>()).map((r) => Number(r.score))
      expect(got).toHaveLength(grid.length)
      grid.forEach((f, i) => expect(got[i], JSON.stringify(f)).toBeCloseTo(priority(f, w), 4))
    }
  })
})
