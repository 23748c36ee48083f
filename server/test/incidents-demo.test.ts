// Issue 18, acceptance: the demo's scripted surges each open one incident (not several), and no incident opens in a
// steady stretch of 10 minutes. The demo generator writes 15 minutes into the embedded store (10 steady, then the
// script: the anger wave on a candidate, the brand's outage); the real alert service and incident service then run
// over them in simulated time, interval by interval, as the hub would have.
import { describe, expect, it } from 'vitest'
import type { Alert, Incident } from '@pulso/types'
import { createDemoGenerator, defaultSurges } from '@pulso/ingest'
import { queryRows, suiteApp } from './helpers.ts'
import { createAlertService } from '../src/alerts/service.ts'
import { createIncidentService } from '../src/incidents/service.ts'

const INTERVAL_S = 2
const STEADY_S = 600
const SCRIPT_S = 300

describe('the demo in simulated time: one incident per scripted surge, none while steady', () => {
  const t = suiteApp({ alertIntervalS: INTERVAL_S })

  it('opens exactly one incident for each scripted surge and none in the 10 steady minutes', async () => {
    const app = t.app
    const t0 = Math.floor((Date.now() - 20 * 60_000) / 60_000) * 60_000
    // One run of the script, shifted to start after the steady stretch (the cycle is longer than the whole run). The
    // generator's script clock starts when it is created (now), so t0 is at phase0 of its cycle.
    const script = defaultSurges(app.entities).map((s) => ({ ...s, startS: s.startS + STEADY_S }))
    expect(script.map((s) => s.entity).sort()).toEqual(['molina', 'ondanet'])
    const CYCLE_S = 3600
    const phase0 = ((((t0 - Date.now()) / 1000) % CYCLE_S) + CYCLE_S) % CYCLE_S
    const gen = createDemoGenerator(app.entities, { rate: app.config.demoRate, cycleS: CYCLE_S, surges: script.map((s) => ({ ...s, startS: phase0 + s.startS })), seed: 18 })
    const surges = script
    const posts = []
    for (let at = t0; at < t0 + (STEADY_S + SCRIPT_S) * 1000; at += 200) posts.push(...gen.posts(at, at + 200))
    for (let i = 0; i < posts.length; i += 2000) {
      const r = await app.ingest(posts.slice(i, i + 2000).map((value, k) => ({ line: k + 1, value })))
      expect(r.rejected).toEqual([])
    }
    await expect.poll(async () => Number((await queryRows<{ n: string }>(app, 'SELECT count() AS n FROM posts'))[0].n), { timeout: 60_000 }).toBe(posts.length)

    let clock = t0 + 120_000 // the detectors warm on the first two minutes, as after a restart
    const alerts: Alert[] = []
    const opened: Incident[] = []
    const incidents = createIncidentService({ client: app.store.client, autoResolveMs: () => 30 * 60_000, now: () => clock, publish: (i, e) => void (e.kind === 'opened' && opened.push(i)) })
    const service = createAlertService({ client: app.store.client, entities: app.entities, intervalS: INTERVAL_S, driverBaselineS: 600, now: () => clock, publish: (a) => alerts.push(a) })
    service.setIncidents((a) => incidents.onAlert(a))
    for (; clock <= t0 + (STEADY_S + SCRIPT_S) * 1000 + 10_000; clock += 10_000) await service.check()

    const steadyEnd = t0 + STEADY_S * 1000
    const during = (i: Incident) => i.timeline[0].onset ?? i.openedAt
    expect(opened.filter((i) => during(i) < steadyEnd).map((i) => i.fingerprint), 'no incident in the steady 10 minutes').toEqual([])
    const bySurge = surges.map((s) => opened.filter((i) => i.entity === s.entity))
    for (const [k, s] of surges.entries()) {
      expect(bySurge[k].map((i) => i.fingerprint), `${s.kind} on ${s.entity}: one incident`).toHaveLength(1)
      const onset = during(bySurge[k][0])
      // …opened at the surge, not before it, and within its run
      expect(onset).toBeGreaterThanOrEqual(t0 + (s.startS - 5) * 1000)
      expect(onset).toBeLessThan(t0 + (s.startS + s.durationS) * 1000)
    }
    expect(opened).toHaveLength(surges.length)
    // The wall heard one alert per incident: any later alert on a surge updated its incident instead.
    expect(alerts).toHaveLength(opened.length)
    expect(alerts.map((a) => a.entity).sort()).toEqual(['molina', 'ondanet'])
  }, 600_000)
})
