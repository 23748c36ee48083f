// Issue 18, drivers every time: a second wave on an entity is set against calm, not against the first wave; a surge of
// one hashtag among filler words names the hashtag first; an alert always names terms, authors and posts.
import { describe, expect, it } from 'vitest'
import type { Alert, Incident } from '@pulso/types'
import { post, suiteApp } from './helpers.ts'
import { ingestAll } from './wall-fixtures.ts'
import { findDrivers, mergeWindows } from '../src/store/drivers.ts'
import { alertWindows } from '../src/alerts/records.ts'

const CALM = ['Ondanet: otra factura que no entiendo, qué pasa', 'Con Ondanet la fibra va bien, gracias', 'Did you say Ondanet has a new plan?']
const WAVE1 = ['Sin internet en Madrid, caída total #OndanetCaido', 'No signal in Madrid at all #OndanetCaido', 'Madrid sin fibra desde hace un rato #OndanetCaido']
const WAVE2 = ['Ahora sin llamadas en Sevilla #OndanetCaido', 'Sevilla: no puedo llamar a nadie #OndanetCaido', 'Calls dropped in Sevilla again #OndanetCaido']

describe('alert drivers (issue 18)', () => {
  const t = suiteApp({ flushMs: 50 })
  const now = Date.now()
  const iso = (ms: number) => new Date(ms).toISOString()
  const min = 60_000

  it('a second wave 6 minutes after the first gets drivers naming its own terms', async () => {
    // 20 minutes of calm, wave 1 (60 posts over a minute) at −8 min, wave 2 (60 posts) at −2 min: 6 minutes apart.
    const calm = Array.from({ length: 60 }, (_, i) => post({ id: `c-${i}`, createdAt: iso(now - 20 * min + i * 19_000), text: CALM[i % 3], author: { id: `c${i % 40}`, handle: `calm${i % 40}` } }))
    const w1 = Array.from({ length: 60 }, (_, i) => post({ id: `w1-${i}`, createdAt: iso(now - 8 * min + i * 1000), text: WAVE1[i % 3], author: { id: `a${i}`, handle: `madrid${i}` } }))
    const w2 = Array.from({ length: 60 }, (_, i) => post({ id: `w2-${i}`, createdAt: iso(now - 2 * min + i * 1000), text: WAVE2[i % 3], author: { id: `b${i % 20}`, handle: `sevilla${i % 20}` } }))
    await ingestAll({ app: t.app } as never, [...calm, ...w1, ...w2])
    const ondanet = t.app.entities.find((e) => e.id === 'ondanet')!
    const first = { entity: 'ondanet', onset: now - 8 * min, detectedAt: now - 8 * min + 6000 } as Alert
    const q = { entity: 'ondanet', baseFrom: now - 2 * min - 10 * min, onset: now - 2 * min, to: now + 1000, entityTerms: [ondanet.name, ...ondanet.terms] }

    const exclude = alertWindows([first], 'ondanet', q.onset, 5 * min)
    expect(exclude).toEqual([[now - 8 * min, now - 8 * min + 6000 + 5 * min]])
    const { drivers, posts } = await findDrivers(t.app.store.client, { ...q, exclude })
    const terms = drivers.filter((d) => d.kind !== 'author').map((d) => d.term)
    expect(terms).toContain('sevilla')
    expect(terms).toContain('#ondanetcaido') // shared with wave 1, yet news against calm
    expect(terms).not.toContain('madrid')
    const hashtag = drivers.find((d) => d.term === '#ondanetcaido')!
    expect(hashtag).toMatchObject({ observed: 60, expected: 0 })
    expect(drivers.some((d) => d.kind === 'author' && d.term.startsWith('sevilla'))).toBe(true)
    expect(posts.length).toBeGreaterThan(0)
    expect(posts[0].text).toMatch(/Sevilla/)

    // Without the exclusion the baseline holds wave 1, the shared hashtag is no longer news: what issue 18 saw.
    const naive = await findDrivers(t.app.store.client, q)
    expect(naive.drivers.map((d) => d.term)).not.toContain('#ondanetcaido')
  })

  it('a surge of one hashtag among filler words names the hashtag first', async () => {
    const at = now + 60 * min // a fresh hour, away from the first test's posts
    const FILLER = ['otra vez que pasa con esto', 'the same thing again and again', 'que pasa con todo esto hoy']
    const calm = Array.from({ length: 40 }, (_, i) => post({ id: `f-${i}`, createdAt: iso(at - 12 * min + i * 15_000), text: `Ondanet ${FILLER[i % 3]}`, author: { id: `f${i % 25}` } }))
    const surge = Array.from({ length: 40 }, (_, i) => post({ id: `h-${i}`, createdAt: iso(at - 90_000 + i * 2000), text: `Ondanet ${FILLER[i % 3]} #SinSeñal`, author: { id: `h${i}` } }))
    await ingestAll({ app: t.app } as never, [...calm, ...surge])
    const { drivers } = await findDrivers(t.app.store.client, { entity: 'ondanet', baseFrom: at - 12 * min, onset: at - 90_000, to: at + 1000, entityTerms: ['Ondanet', 'ondanet'] })
    const terms = drivers.filter((d) => d.kind !== 'author')
    expect(terms[0]).toMatchObject({ term: '#sinsenal', kind: 'hashtag', observed: 40 })
    for (const w of ['otra', 'vez', 'que', 'pasa', 'the', 'same', 'again', 'esto', 'con']) expect(terms.map((d) => d.term)).not.toContain(w)
  })

  it('names the top terms and authors even when nothing is significant', async () => {
    const at = now + 120 * min
    const same = ['Ondanet renueva la tarifa movil', 'Ondanet tarifa movil nueva']
    const calm = Array.from({ length: 40 }, (_, i) => post({ id: `s-${i}`, createdAt: iso(at - 12 * min + i * 15_000), text: same[i % 2], author: { id: `s${i % 4}`, handle: `same${i % 4}` } }))
    const spike = Array.from({ length: 20 }, (_, i) => post({ id: `t-${i}`, createdAt: iso(at - 60_000 + i * 2000), text: same[i % 2], author: { id: `s${i % 4}`, handle: `same${i % 4}` } }))
    await ingestAll({ app: t.app } as never, [...calm, ...spike])
    const { drivers, posts } = await findDrivers(t.app.store.client, { entity: 'ondanet', baseFrom: at - 12 * min, onset: at - 60_000, to: at + 1000, entityTerms: ['Ondanet', 'ondanet'] })
    const terms = drivers.filter((d) => d.kind !== 'author')
    expect(terms.map((d) => d.term)).toEqual(expect.arrayContaining(['tarifa', 'movil']))
    expect(terms.find((d) => d.term === 'tarifa')).toMatchObject({ observed: 20 })
    expect(terms.find((d) => d.term === 'tarifa')!.expected).toBeCloseTo(20, 0) // same share as the baseline
    expect(drivers.filter((d) => d.kind === 'author').length).toBeGreaterThan(0)
    expect(posts.length).toBeGreaterThan(0)
  })

  it('names the top posts of the spike with their echo against the baseline', async () => {
    const at = now + 180 * min
    // One calm post echoed twice in the baseline; the spike's original echoed by 12 reposts and 3 quotes in the spike.
    const calm = Array.from({ length: 30 }, (_, i) => post({ id: `pc-${i}`, createdAt: iso(at - 12 * min + i * 20_000), text: 'Ondanet tarifa de siempre', author: { id: `pc${i % 10}`, handle: `pcalm${i % 10}`, followers: 10 } }))
    const old = post({ id: 'pold', createdAt: iso(at - 11 * min), text: 'Ondanet cambia de logo', author: { id: 'po', handle: 'oldnews', followers: 50 } })
    const oldEcho = [1, 2].map((k) => post({ id: `pold-r${k}`, createdAt: iso(at - 10 * min + k * 1000), text: 'Ondanet cambia de logo', repostOf: 'pold', author: { id: `por${k}`, followers: 5 } }))
    const root = post({ id: 'proot', createdAt: iso(at - 60_000), text: 'Ondanet caído en todo el país #SinSeñal', url: 'https://example.social/p/proot', metrics: { reposts: 40, likes: 90 }, author: { id: 'pr', handle: 'lanoticia', followers: 90_000 } })
    const reposts = Array.from({ length: 12 }, (_, i) => post({ id: `proot-r${i}`, createdAt: iso(at - 50_000 + i * 2000), text: 'Ondanet caído en todo el país #SinSeñal', repostOf: 'proot', author: { id: `prr${i}`, followers: 3 } }))
    const quotes = Array.from({ length: 3 }, (_, i) => post({ id: `proot-q${i}`, createdAt: iso(at - 20_000 + i * 2000), text: `Ondanet otra vez igual ${i}`, quoteOf: 'proot', author: { id: `prq${i}`, followers: 3 } }))
    await ingestAll({ app: t.app } as never, [...calm, old, ...oldEcho, root, ...reposts, ...quotes])
    const { drivers, posts } = await findDrivers(t.app.store.client, { entity: 'ondanet', baseFrom: at - 12 * min, onset: at - 60_000, to: at + 1000, entityTerms: ['Ondanet', 'ondanet'] })
    // The original once (its reposts fold onto it), with its author, link, counts and its echo: 1 + 12 reposts + 3 quotes.
    expect(posts[0]).toMatchObject({ id: 'proot', author: 'lanoticia', url: 'https://example.social/p/proot', reposts: 40, likes: 90, observed: 16, expected: 0 })
    expect(posts.filter((p) => p.id === 'proot')).toHaveLength(1)
    expect(posts.every((p) => typeof p.observed === 'number' && typeof p.expected === 'number')).toBe(true)

    // The incident the alert opens carries them to GET /api/incidents and to its export (Markdown and JSON).
    const alert: Alert = { id: 'drivers-posts-alert', entity: 'ondanet', metric: 'volume', severity: 3, onset: at - 60_000, detectedAt: at, observed: 16, expected: 1, drivers, posts, emotion: null, status: 'open' }
    const { incident } = await t.app.incidents.onAlert(alert)
    const listed = (await t.app.inject({ url: '/api/incidents' })).json<{ incidents: Incident[] }>().incidents.find((i) => i.id === incident.id)!
    expect(listed.spike!.alertId).toBe(alert.id)
    expect(listed.spike!.posts[0]).toMatchObject({ id: 'proot', observed: 16, expected: 0 })
    const md = (await t.app.inject({ url: `/api/incidents/${incident.id}/export?format=md` })).body
    expect(md).toContain('| [Ondanet caído en todo el país #SinSeñal](https://example.social/p/proot) | lanoticia | 16 | 0 | 40 | 90 |')
    expect(md).toMatch(/\| #sinsenal \| hashtag \| 13 \| 0 \|/) // the original and its 12 reposts carry it
    const json = (await t.app.inject({ url: `/api/incidents/${incident.id}/export?format=json` })).json<Incident>()
    expect(json.spike!.posts[0]).toMatchObject({ id: 'proot', author: 'lanoticia', observed: 16 })
  })

  it('merges overlapping windows within the range', () => {
    expect(mergeWindows([[5, 9], [1, 3], [2, 6], [20, 30]], 0, 25)).toEqual([[1, 9], [20, 25]])
  })
})
