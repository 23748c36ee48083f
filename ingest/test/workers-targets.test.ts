// Issue 15, point 2: the NLP workers read per entity only the posts the caller marks (two or more entities named),
// with the terms sent at start-up, and a config reload (setEntities) reaches every worker, a respawned one included.
import { afterAll, describe, expect, it } from 'vitest'
import { createAnalyzer } from '../src/nlp/index.ts'
import { createAnalyserPool } from '../src/workers/pool.ts'

const CONTRAST = 'Ruiz arrasó en el debate, Vidal hizo el ridículo'
const first = { ruiz: ['Elena Ruiz', 'ruiz'], vidal: ['Marcos Vidal', 'vidal'] }

describe('per-entity sentiment on worker threads', () => {
  const pool = createAnalyserPool({ size: 2, jobMaxPosts: 2, entities: first })
  afterAll(() => pool.close())
  const inThread = createAnalyzer()

  it('reads only the marked posts per entity, as the in-thread analyser does', async () => {
    const posts = [{ text: CONTRAST }, { text: CONTRAST }, { text: 'Ruiz ha estado brillante' }]
    const got = await pool.analyseBatch(posts, [true, false, false])
    expect(got[0]).toEqual({ analysis: inThread.analyze(CONTRAST, undefined, { entities: first }) })
    const t = 'analysis' in got[0] ? got[0].analysis.targets : undefined
    expect(t?.ruiz.label).toBe('positive')
    expect(t?.vidal.label).toBe('negative')
    // Unmarked: today's analysis, no targets.
    expect(got[1]).toEqual({ analysis: inThread.analyze(CONTRAST) })
    expect(got[2]).toEqual({ analysis: inThread.analyze('Ruiz ha estado brillante') })
  })

  it('uses reloaded terms on every worker and on a replacement worker', async () => {
    const next = { soto: ['Carmen Soto', 'soto'], vidal: ['vidal'] }
    pool.setEntities(next)
    const text = 'Soto arrasó en el debate, Vidal hizo el ridículo'
    const posts = Array.from({ length: 4 }, () => ({ text }))
    const want = { analysis: inThread.analyze(text, undefined, { entities: next }) }
    expect(Object.keys((want.analysis.targets ?? {})).sort()).toEqual(['soto', 'vidal'])
    expect(await pool.analyseBatch(posts, posts.map(() => true))).toEqual(posts.map(() => want))
    await pool.workers[0].terminate()
    await new Promise((r) => setTimeout(r, 50))
    expect(await pool.analyseBatch(posts, posts.map(() => true))).toEqual(posts.map(() => want))
  })
})
