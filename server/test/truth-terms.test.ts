// Issue 17, point 8: rising terms and alert drivers rank by over-representation (G²) with a minimum count, never show
// filler words, and keep the brand's own outage hashtag (an entity term) when it surges.
import { describe, expect, it } from 'vitest'
import type { Feed } from '@pulso/types'
import { post, suiteApp } from './helpers.ts'
import { ingestAll } from './wall-fixtures.ts'
import { findDrivers } from '../src/store/drivers.ts'
import { logLikelihood, STOPWORDS } from '../src/store/stopwords.ts'

const FILLER = ['otra', 'pasa', 'mis', 'did', 'say', 'que', 'con', 'the']
const CALM = [
  'Ondanet: otra factura que no entiendo, qué pasa con mis datos',
  'Did you say Ondanet has a new plan? I did not say that',
  'Con Ondanet la fibra va bien, otra vez gracias',
  'Ondanet cambia mis tarifas, qué pasa ahora',
]
const SURGE = [
  'Otra vez sin internet, ¿qué pasa? mis datos no van #OndanetCaido',
  'Did anyone say anything? no signal at all #OndanetCaido',
  'Otra caída más, qué pasa con mis llamadas #OndanetCaido',
  'They did say it was fixed, still down #OndanetCaido',
  'No puedo trabajar, otra vez igual #OndanetCaido',
]

describe('rising terms and drivers (truth)', () => {
  const t = suiteApp({ flushMs: 50 })
  const now = Date.now()
  const iso = (ms: number) => new Date(ms).toISOString()

  it('ranks a surging #OndanetCaido first among filler words, in rising terms and in drivers', async () => {
    // An hour of calm chatter full of filler words (60 posts), then 40 outage posts in the last 3 minutes.
    const calm = Array.from({ length: 60 }, (_, i) => post({ id: `calm-${i}`, createdAt: iso(now - 62 * 60_000 + i * 55_000), text: CALM[i % CALM.length], author: { id: `c${i % 30}` } }))
    const surge = Array.from({ length: 40 }, (_, i) => post({ id: `surge-${i}`, createdAt: iso(now - 180_000 + i * 4000), text: SURGE[i % SURGE.length], author: { id: `s${i}` } }))
    await ingestAll({ app: t.app } as never, [...calm, ...surge])

    const feed = (await t.app.inject({ url: `/api/feed?at=${now + 1000}` })).json<Feed>()
    const rising = feed.boards.brand.rising
    expect(rising[0]?.term).toBe('#ondanetcaido')
    for (const w of FILLER) expect(rising.map((r) => r.term)).not.toContain(w)
    expect(rising.every((r) => r.recent >= 3)).toBe(true)

    const ondanet = t.app.entities.find((e) => e.id === 'ondanet')!
    const { drivers } = await findDrivers(t.app.store.client, {
      entity: 'ondanet', baseFrom: now - 62 * 60_000, onset: now - 180_000, to: now + 1000, entityTerms: [ondanet.name, ...ondanet.terms],
    })
    const terms = drivers.filter((d) => d.kind !== 'author')
    expect(terms[0]).toMatchObject({ term: '#ondanetcaido', kind: 'hashtag', observed: 40, expected: 0 })
    for (const w of FILLER) expect(terms.map((d) => d.term)).not.toContain(w)
    expect(terms.map((d) => d.term)).not.toContain('ondanet') // a plain entity word explains nothing
    expect(terms.every((d) => d.observed >= 3 && (d.g ?? 0) >= 3.84)).toBe(true)
  })

  it('G² is zero for equal shares, positive when over-represented, and the filler words are stop words', () => {
    expect(logLikelihood(10, 100, 20, 200)).toBeCloseTo(0, 9)
    expect(logLikelihood(40, 40, 0, 60)).toBeGreaterThan(logLikelihood(10, 40, 0, 60))
    expect(logLikelihood(1, 100, 20, 100)).toBeLessThan(0)
    for (const w of FILLER) expect(STOPWORDS.has(w)).toBe(true)
  })
})
