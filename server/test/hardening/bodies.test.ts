import { describe, expect, it } from 'vitest'
import { suiteApp } from '../helpers.ts'

const ndjson = { 'content-type': 'application/x-ndjson' }

/** Issue 13 #2: 500,000 lines of `{}` froze every wall for 16 s and produced a 63 MB answer. */
describe('bodies of many tiny lines', () => {
  const t = suiteApp()

  it('refuses more lines than the limit with a 413 that says it, NDJSON and JSON arrays alike', async () => {
    const lines = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: ndjson, payload: '{}\n'.repeat(500_000) })
    expect(lines.statusCode).toBe(413)
    expect(lines.json().error).toMatch(/at most 100000 posts per request/)
    const array = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': 'application/json' }, payload: `[${'{},'.repeat(2_000_000)}{}]` })
    expect(array.statusCode).toBe(413)
    expect(array.json().error).toMatch(/at most 100000/)
  })

  it('lists the first 100 rejects with their count, in a small answer, while health keeps answering', async () => {
    const pending = t.app.inject({ method: 'POST', url: '/api/ingest', headers: ndjson, payload: '{}\n'.repeat(99_000) })
    const probes: number[] = []
    const probing = (async () => {
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now()
        await t.app.inject('/api/health')
        probes.push(performance.now() - t0)
      }
    })()
    const r = await pending
    await probing
    expect(r.statusCode).toBe(400)
    expect(r.body.length).toBeLessThan(20_000)
    expect(r.json().rejected).toHaveLength(100)
    expect(r.json().rejectedCount).toBe(99_000)
    expect(Math.max(...probes)).toBeLessThan(2000) // the old code held the loop for the whole body
  })
})
