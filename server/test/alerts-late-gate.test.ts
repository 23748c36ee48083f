// Review finding (with the late pass): the alert gate judged an alert over [onset, detection). A late alert is detected
// minutes after its surge, so a copy-paste wave backfilled late was judged over its 15 seconds plus minutes of the
// ordinary stream after it, its copies diluted: "public reaction", paged. The gate now judges the spike's own window,
// to the end of the interval that fired. Simulated time, real embedded store, the app's own gate.
import { describe, expect, it } from 'vitest'
import type { Alert, PostInput } from '@pulso/types'
import { suiteApp } from './helpers.ts'
import { createAlertService } from '../src/alerts/service.ts'
import { campaign, organic } from './authenticity-streams.ts'

const INTERVAL_S = 2
const HOUR = 3_600_000

describe('the alert gate on a late alert', () => {
  const t = suiteApp({ alertIntervalS: INTERVAL_S })

  async function ingest(posts: PostInput[]) {
    for (let i = 0; i < posts.length; i += 2000) await t.app.ingest(posts.slice(i, i + 2000).map((value, k) => ({ line: k + 1, value })))
  }

  it('judges a copy-paste wave that arrived minutes late over the wave, not over the minutes after it', async () => {
    const b = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR
    // A steady, seeded stream about Ruiz (≈ 4.5 posts/s, people's own words): the same posts on every run (the demo
    // generator's script is phase-based on the wall clock, and some phases left the replayed detectors a noisier baseline).
    await ingest(organic(2160, { start: b, spanMs: 480_000, seed: 51, tag: 'steady' }))
    const waveAt = b + 150_000
    let clock = b + 90_000
    const alerts: Alert[] = []
    const windows: number[] = []
    const w = createAlertService({ client: t.app.store.client, entities: t.app.entities, intervalS: INTERVAL_S, driverBaselineS: 600, now: () => clock, publish: (a) => alerts.push(a) })
    w.setReview((a, end) => (windows.push(end), t.app.authenticity.review(a, end)))
    const runTo = async (to: number) => {
      for (clock = Math.min(clock + 10_000, to); ; clock = Math.min(clock + 10_000, to)) {
        await w.check()
        if (clock >= to) return
      }
    }
    await runTo(waveAt + 240_000) // the watch reads four minutes past the wave while its posts are withheld
    expect(alerts).toEqual([])
    // 60 day-old accounts, 3 templates, 150 copies within 15 s, landing 4 minutes late.
    await ingest(campaign(75, 2, 3, { start: waveAt, spanMs: 15_000, seed: 52, tag: 'lategate' }))
    await runTo(waveAt + 250_000)
    const a = alerts.find((x) => x.entity === 'ruiz')
    expect(a, 'the late wave raised its alert').toBeDefined()
    expect(a!.detectedAt - a!.onset).toBeGreaterThan(200_000)
    expect(windows[0], 'judged to the end of the interval that fired').toBeLessThan(waveAt + 60_000)
    expect(a!.authenticity?.verdict, `copy share ${a!.authenticity?.copyShare} over ${a!.authenticity?.posts} posts`).toBe('coordinated')
    expect(a!.gate).toBe('suspected_coordinated')
  }, 120_000)
})
