// Issue 15, point 2: a post naming several entities stores each one's own reading (entity_sentiments and
// entity_labels, parallel to entities), and the aggregates (/api/series, the debate board's data), moment reactions
// and removals use it. A post naming one entity keeps the post's reading. Through the real app and embedded store,
// on NLP worker threads (the default) and in-thread (NLP_WORKERS=0).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG_FILE } from '@pulso/ingest/paths'
import type { Moment, MomentReaction, SeriesPoint } from '@pulso/types'
import { post, queryRows, suiteApp } from './helpers.ts'
import { ingestAll } from './wall-fixtures.ts'

const CONTRAST = 'Ruiz arrasó en el debate, Vidal hizo el ridículo'

for (const nlpWorkers of [1, 0]) {
  describe(`per-entity sentiment (nlpWorkers=${nlpWorkers})`, () => {
    const t = suiteApp({ flushMs: 50, nlpWorkers })
    const at = Math.floor(Date.now() / 1000) * 1000 - 60_000
    const series = async (entity: string) => {
      const r = await t.app.inject(`/api/series?entity=${entity}&from=${at - 120_000}&to=${at + 120_000}&step=1`)
      expect(r.statusCode).toBe(200)
      const points = r.json().points as SeriesPoint[]
      return points.reduce((a, p) => ({ posts: a.posts + p.posts, sum: a.sum + p.sentimentSum, pos: a.pos + p.positive, neg: a.neg + p.negative }), { posts: 0, sum: 0, pos: 0, neg: 0 })
    }

    it('gives each candidate its own sentiment in the aggregates and in a moment reaction', async () => {
      const contrasting = Array.from({ length: 4 }, (_, i) => post({ id: `c-${nlpWorkers}-${i}`, createdAt: new Date(at + 1000 * (i + 1)).toISOString(), text: CONTRAST }))
      await ingestAll({ app: t.app } as never, contrasting)
      const [row] = await queryRows<{ entities: string[]; entity_sentiments: number[]; entity_labels: string[]; sentiment_label: string }>(
        t.app,
        `SELECT entities, entity_sentiments, entity_labels, sentiment_label FROM posts WHERE id = {id:String}`,
        { id: contrasting[0].id },
      )
      expect([...row.entities].sort()).toEqual(['ruiz', 'vidal'])
      const own = Object.fromEntries(row.entities.map((e, k) => [e, { score: row.entity_sentiments[k], label: row.entity_labels[k] }]))
      expect(own.ruiz.label).toBe('positive')
      expect(own.vidal.label).toBe('negative')

      // The debate board reads /api/series: Ruiz positive, Vidal negative, though the post as a whole is one reading.
      const ruiz = await series('ruiz')
      const vidal = await series('vidal')
      expect(ruiz).toMatchObject({ posts: 4, pos: 4, neg: 0 })
      expect(vidal).toMatchObject({ posts: 4, pos: 0, neg: 4 })
      expect(ruiz.sum).toBeGreaterThan(0)
      expect(vidal.sum).toBeLessThan(0)
      expect(ruiz.sum).toBeCloseTo(4 * own.ruiz.score, 4)

      // A moment just before the posts: the reaction after it is positive for Ruiz, negative for Vidal.
      const m = (await t.app.inject({ method: 'POST', url: '/api/moments', payload: { label: 'Cierre', at, board: 'debate' } })).json<Moment>()
      const rx = (await t.app.inject({ url: `/api/moments/${m.id}/reaction?until=${at + 60_000}` })).json<MomentReaction>()
      const by = (id: string) => rx.entities.find((e) => e.entity === id)!
      expect(by('ruiz').after).toEqual({ posts: 4, net: 1 })
      expect(by('vidal').after).toEqual({ posts: 4, net: -1 })
    })

    it('keeps the post reading for a post naming one entity', async () => {
      const p = post({ id: `one-${nlpWorkers}`, createdAt: new Date(at - 30_000).toISOString(), text: 'Carmen Soto ha estado brillante esta noche' })
      await ingestAll({ app: t.app } as never, [p])
      const [row] = await queryRows<{ entity_sentiments: number[]; sentiment: number; sentiment_label: string }>(
        t.app,
        `SELECT entity_sentiments, sentiment, sentiment_label FROM posts WHERE id = {id:String}`,
        { id: p.id },
      )
      expect(row.entity_sentiments).toEqual([])
      expect(row.sentiment_label).toBe('positive')
      const soto = await series('soto')
      expect(soto).toMatchObject({ posts: 1, pos: 1, neg: 0 })
      expect(soto.sum).toBeCloseTo(row.sentiment, 4)
    })

    it('a removal takes the per-entity readings back out of the aggregates', async () => {
      const p = post({ id: `gone-${nlpWorkers}`, createdAt: new Date(at + 30_000).toISOString(), text: CONTRAST })
      await ingestAll({ app: t.app } as never, [p])
      expect((await series('vidal')).neg).toBe(5)
      await t.app.frontDoor.remove([{ source: p.source, id: p.id }], 'deleted')
      const vidal = await series('vidal')
      expect(vidal).toMatchObject({ posts: 4, neg: 4 })
      expect((await series('ruiz')).pos).toBe(4)
    })
  })
}

describe('per-entity sentiment after a config reload', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulso-targets-'))
  const configFile = path.join(dir, 'pulso.yaml')
  const original = readFileSync(DEFAULT_CONFIG_FILE, 'utf8')
  writeFileSync(configFile, original)
  const t = suiteApp({ flushMs: 50, configFile, nlpWorkers: 1 })

  it('reads an entity added to the file on its own (its terms reach the NLP workers)', async () => {
    writeFileSync(configFile, `${original.trimEnd()}\n  - id: lopez\n    name: Ana López\n    group: debate\n    color: "#0072B2"\n    terms: ["Ana López", lopez]\n`)
    await expect.poll(() => t.app.entities.some((e) => e.id === 'lopez'), { timeout: 5000, interval: 100 }).toBe(true)
    const p = post({ id: 'reload-lopez', text: 'Vidal arrasó en el debate, López hizo el ridículo' })
    await ingestAll({ app: t.app } as never, [p])
    const [row] = await queryRows<{ entities: string[]; entity_labels: string[] }>(t.app, `SELECT entities, entity_labels FROM posts WHERE id = {id:String}`, { id: p.id })
    const label = Object.fromEntries(row.entities.map((e, k) => [e, row.entity_labels[k]]))
    expect(label).toEqual({ vidal: 'positive', lopez: 'negative' })
  })
})
