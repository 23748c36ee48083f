import { afterAll, describe, expect, it } from 'vitest'
import { createAnalyzer } from '../src/nlp/index.ts'
import { createAnalyserPool } from '../src/workers/pool.ts'
import { analyseStep, matchStep, runSteps, validateStep, writeStep, type BatchAnalyser } from '../src/steps.ts'
import { createValidator } from '../src/validate.ts'
import type { BatchWriter } from '../src/writer.ts'
import type { PostRow } from '../src/row.ts'

const texts = ['Elena Ruiz ha estado brillante 👏', 'No me gusta nada lo que propone', '¿Quién gana el debate?', 'great answer', '', 'qué vergüenza 😡']

describe('NLP on worker threads', () => {
  const pool = createAnalyserPool({ size: 2, jobMaxPosts: 4 })
  afterAll(() => pool.close())

  it('gives the same analyses as the in-thread analyser, in order, across jobs and workers', async () => {
    const posts = Array.from({ length: 50 }, (_, i) => ({ text: `${texts[i % texts.length]} ${i}`, lang: i % 4 === 0 ? 'en' : undefined }))
    const inThread = createAnalyzer()
    const got = await pool.analyseBatch(posts)
    expect(got).toEqual(posts.map((p) => ({ analysis: inThread.analyze(p.text, p.lang) })))
  })

  it('replaces a worker that dies and re-runs its jobs: nothing lost', async () => {
    const posts = Array.from({ length: 40 }, (_, i) => ({ text: `${texts[i % texts.length]} ${i}` }))
    const running = pool.analyseBatch(posts)
    await new Promise((r) => setTimeout(r, 1)) // the jobs are posted
    const old = pool.workers[0]
    await old.terminate() // dies holding jobs
    const got = await running
    expect(pool.workers[0]).not.toBe(old)
    expect(got).toHaveLength(40)
    expect(got.every((r) => 'analysis' in r)).toBe(true)
  })
})

describe('the steps with a batch analyser', () => {
  it('analyses once per request, rejects only the posts the analyser failed, and answers after the write', async () => {
    const written: object[][] = []
    const writer = { add: async (rows: object[]) => (written.push(rows), { failed: [], duplicates: 0 }), hasSpool: false } as unknown as BatchWriter<PostRow>
    const calls: number[] = []
    const analyser: BatchAnalyser = {
      async analyseBatch(posts) {
        calls.push(posts.length)
        const a = createAnalyzer()
        return posts.map((p) => (p.text.includes('boom') ? { error: 'boom' } : { analysis: a.analyze(p.text, p.lang) }))
      },
    }
    const steps = [validateStep(createValidator({ maxTextChars: 1000 })), matchStep(() => () => ['e']), analyseStep(analyser), writeStep(writer)]
    const post = (id: string, text: string) => ({ id, source: 's', createdAt: new Date().toISOString(), text, author: { id: 'a' } })
    const r = await runSteps(steps, [
      { line: 1, value: post('1', 'hola') },
      { line: 2, error: 'invalid JSON' },
      { line: 3, value: post('3', 'boom') },
      { line: 4, value: { id: 'x' } },
      { line: 5, value: post('5', 'adiós') },
    ])
    expect(calls).toEqual([3])
    expect(r.accepted).toBe(2)
    expect(r.rejected.map((x) => x.line)).toEqual([2, 3, 4])
    expect(r.rejected[1].error).toBe('analyse failed: boom')
    expect(written[0].map((row) => (row as { id: string }).id)).toEqual(['1', '5'])
  })
})
