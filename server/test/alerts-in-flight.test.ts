// A busy server: the spike watch reads each interval once, and posts that arrived in time but were still in the NLP
// or the writer then were missed for good (a CI run saw 1 of an interval's 12 posts on the campaign's entity and
// raised no alert). The watch now waits for the requests that arrived before it reads. Simulated time: the surge's
// posts are still on their way when the interval is read, and reach the store only while the watch waits for them.
import { describe, expect, it } from 'vitest'
import type { Alert } from '@pulso/types'
import { createDemoGenerator } from '@pulso/ingest'
import { suiteApp } from './helpers.ts'
import { createAlertService } from '../src/alerts/service.ts'

const INTERVAL_S = 2

describe('the spike watch and posts still on their way to the store', () => {
  const t = suiteApp({ alertIntervalS: INTERVAL_S })

  it('waits for the requests that arrived before it reads an interval, and alerts on their surge', async () => {
    const app = t.app
    const t0 = Math.floor((Date.now() - 20 * 60_000) / 60_000) * 60_000
    const steady = createDemoGenerator(app.entities, { rate: 25, cycleS: 3600, surges: [], seed: 31 })
    const history = steady.posts(t0, t0 + 600_000)
    for (let i = 0; i < history.length; i += 2000) await app.ingest(history.slice(i, i + 2000).map((value, k) => ({ line: k + 1, value })))
    const surgeAt = t0 + 600_000
    const surge = Array.from({ length: 120 }, (_, i) => ({
      id: `late-${i}`, source: 'test', createdAt: new Date(surgeAt + i * 15).toISOString(), lang: 'es',
      text: `Elena Ruiz ha estado brillante en el debate, momento ${i}`, author: { id: `fan-${i}` },
    }))

    let clock = t0 + 120_000
    let asked = 0
    const alerts: Alert[] = []
    const service = createAlertService({
      client: app.store.client, entities: app.entities, intervalS: INTERVAL_S, driverBaselineS: 600, now: () => clock, publish: (a) => alerts.push(a),
      // The request carrying the surge arrived during its interval; it is stored only once the watch asks.
      settled: async (at) => {
        if (at > surgeAt && asked++ === 0) await app.ingest(surge.map((value, k) => ({ line: k + 1, value })))
      },
    })
    for (; clock < surgeAt; clock += 10_000) await service.check()
    expect(alerts, 'no alert while steady').toEqual([])
    clock = surgeAt + 10_000
    await service.check()
    expect(asked).toBeGreaterThan(0)
    expect(alerts.map((a) => a.entity)).toContain('ruiz')
  }, 120_000)

  it('waits its budget at most per check behind a request that never ends, however many intervals are due', async () => {
    const app = t.app
    let clock = Date.now() - 60_000
    const service = createAlertService({ client: app.store.client, entities: app.entities, intervalS: INTERVAL_S, driverBaselineS: 600, now: () => clock, publish: () => {}, settled: () => new Promise<void>(() => {}), storedWaitMs: 1000 })
    await service.check() // warms
    clock += 20_000 // ten intervals due
    const t0 = performance.now()
    await service.check()
    const waited = performance.now() - t0
    expect(waited).toBeGreaterThanOrEqual(900)
    expect(waited, 'one budget for the check, not one per interval (10 s)').toBeLessThan(5000)
  }, 60_000)
})
