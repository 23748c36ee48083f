// Review finding: the spike watch read each closed interval once, 400 ms after it closed. Posts stamped inside an
// interval that arrive later (a source reconnecting and backfilling what it missed, a producer retrying after an
// outage, a late batch) were stored and charted but never reached the detectors: a complaint wave during a 2-minute
// source outage raised no alert once the backfill landed. Now the watch looks back over a horizon
// (`alerts.lateHorizonS`) and re-reads intervals whose counts grew. Simulated time, real embedded store; each case has
// its own hour, hours back, so the app's own (real-clock) watch never sees these posts.
import { describe, expect, it } from 'vitest'
import type { Alert, PostInput } from '@pulso/types'
import { createDemoGenerator } from '@pulso/ingest'
import { queryRows, suiteApp } from './helpers.ts'
import { ingestStored } from '../bench/harness.ts'
import { createAlertService, type AlertServiceOptions } from '../src/alerts/service.ts'
import { parseSettings } from '../src/settings/index.ts'

const INTERVAL_S = 2
const HOUR = 3_600_000
const hourBack = (k: number) => Math.floor(Date.now() / HOUR) * HOUR - (k + 2) * HOUR

describe('the spike watch and posts that arrive after it read their interval', () => {
  const t = suiteApp({ alertIntervalS: INTERVAL_S })

  /** Posts in, and stored before the simulated clock moves on: an answer can come from the spool when the insert is
   * slow (a loaded machine), and a watch reading before they land measured the writer, not late posts. */
  const ingest = (posts: PostInput[]) => ingestStored(t.app, posts, { per: 2000 })
  const steady = (from: number, to: number, seed: number) => createDemoGenerator(t.app.entities, { rate: 25, cycleS: 3600, surges: [], seed }).posts(from, to)
  /** A praise wave on Ruiz: n posts by n well-followed accounts within two seconds of `at`. */
  const surge = (at: number, n: number, tag: string): PostInput[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `${tag}-${i}`, source: 'test', createdAt: new Date(at + i * Math.floor(1500 / n)).toISOString(), lang: 'es',
      text: `Elena Ruiz ha estado brillante en el debate, momento ${i} #RuizPresidenta`, author: { id: `${tag}-fan-${i}`, followers: 5000 },
    }))
  /** A watch on a simulated clock; `runTo` checks every 10 s of it, like the hub would (more often) live. */
  function watch(start: number, o: Partial<AlertServiceOptions> = {}) {
    let clock = start
    const alerts: Alert[] = []
    const service = createAlertService({ client: t.app.store.client, entities: t.app.entities, intervalS: INTERVAL_S, driverBaselineS: 600, now: () => clock, publish: (a) => alerts.push(a), ...o })
    return {
      service,
      alerts,
      async runTo(to: number) {
        for (clock = Math.min(clock + 10_000, to); ; clock = Math.min(clock + 10_000, to)) {
          await service.check()
          if (clock >= to) return
        }
      },
    }
  }
  const storedFor = async (entity: string, from: number, to: number) =>
    (await queryRows<{ id: string }>(t.app, `SELECT DISTINCT id FROM alerts WHERE entity = {e:String} AND onset >= fromUnixTimestamp64Milli({f:Int64}) AND onset < fromUnixTimestamp64Milli({to:Int64})`, { e: entity, f: from, to })).length

  it('alerts on a surge whose posts arrive after the watch read its intervals, with its real onset and drivers', async () => {
    const b = hourBack(0)
    await ingest(steady(b, b + 240_000, 41))
    const surgeAt = b + 150_000
    const w = watch(b + 90_000)
    await w.runTo(surgeAt + 40_000) // the watch reads the surge's intervals while its posts are withheld
    expect(w.alerts, 'nothing to see yet').toEqual([])
    await ingest(surge(surgeAt, 120, 'late1')) // the backfill lands 40 s late
    await w.runTo(surgeAt + 50_000)
    const mine = w.alerts.filter((a) => a.entity === 'ruiz')
    expect(mine, 'one alert for the late surge').toHaveLength(1)
    const a = mine[0]
    expect(Math.abs(a.onset - surgeAt), 'onset at the surge, not at detection').toBeLessThanOrEqual(INTERVAL_S * 1000)
    expect(a.detectedAt).toBeGreaterThan(surgeAt + 40_000)
    expect(a.observed).toBeGreaterThan(a.expected)
    expect(a.drivers.map((d) => d.term)).toContain('#ruizpresidenta')
    expect(a.drivers.map((d) => d.term)).toContain('brillante')
    expect(a.posts.some((p) => p.text.includes('brillante en el debate')), 'the wave among its top posts').toBe(true)
    await w.runTo(surgeAt + 90_000)
    expect(w.alerts.filter((x) => x.entity === 'ruiz'), 'raised once, not on every check').toHaveLength(1)
    expect(await storedFor('ruiz', surgeAt - 10_000, surgeAt + 10_000)).toBe(1)
  }, 120_000)

  it('raises nothing for posts older than the horizon, nor with the late watch off (0), nor once turned on again', async () => {
    const b = hourBack(1)
    await ingest(steady(b, b + 240_000, 42))
    const surgeAt = b + 150_000
    const short = watch(b + 90_000, { lateHorizonS: 60 })
    let offHorizon = 0 // read on every use, as the reloaded setting is
    const off = watch(b + 90_000, { lateHorizonS: () => offHorizon })
    await short.runTo(surgeAt + 90_000) // the surge is 90 s old, the horizon 60 s
    await off.runTo(surgeAt + 20_000)
    await ingest(surge(surgeAt, 120, 'old'))
    await short.runTo(surgeAt + 120_000)
    await off.runTo(surgeAt + 60_000)
    expect(short.alerts).toEqual([])
    expect(off.alerts).toEqual([])
    expect(short.service.lateStats().rereads, 'the horizon was scanned, the old interval not re-read').toBe(0)
    expect(short.service.lateStats().scans).toBeGreaterThan(0)
    expect(off.service.lateStats().scans, 'off: not even scanned').toBe(0)
    offHorizon = 600
    await off.runTo(surgeAt + 100_000)
    expect(off.service.lateStats().scans, 'turned on: scanning').toBeGreaterThan(0)
    expect(off.alerts, 'what was read while off stays unwatched').toEqual([])
  }, 120_000)

  it('does not raise a surge twice when late posts add to one already alerted on time', async () => {
    const b = hourBack(2)
    await ingest([...steady(b, b + 240_000, 43), ...surge(b + 150_000, 120, 'ontime')])
    const surgeAt = b + 150_000
    const w = watch(b + 90_000)
    await w.runTo(surgeAt + 30_000)
    const onTime = w.alerts.filter((a) => a.entity === 'ruiz')
    expect(onTime, 'alerted on time').toHaveLength(1)
    expect(onTime[0].detectedAt).toBeLessThanOrEqual(surgeAt + 10_000)
    await ingest(surge(surgeAt + 200, 80, 'straggler')) // more of the same wave, late
    await w.runTo(surgeAt + 70_000)
    expect(w.service.lateStats().rereads, 'the late posts were noticed and re-read').toBeGreaterThan(0)
    expect(w.alerts.filter((a) => a.entity === 'ruiz')).toEqual(onTime)
    expect(await storedFor('ruiz', surgeAt - 10_000, surgeAt + 10_000)).toBe(1)
  }, 120_000)

  it('raises nothing when a backfill only fills an outage of the ordinary stream', async () => {
    const b = hourBack(3)
    const all = steady(b, b + 240_000, 44)
    const inOutage = (p: PostInput) => Date.parse(p.createdAt) >= b + 140_000 && Date.parse(p.createdAt) < b + 170_000
    await ingest(all.filter((p) => !inOutage(p)))
    const w = watch(b + 90_000)
    await w.runTo(b + 200_000)
    await ingest(all.filter(inOutage)) // the source reconnects and backfills its 30 s gap
    await w.runTo(b + 230_000)
    expect(w.service.lateStats().rereads, 'the backfill was noticed and re-read').toBeGreaterThan(0)
    expect(w.alerts).toEqual([])
  }, 120_000)
})

describe('alerts.lateHorizonS in config/pulso.yaml', () => {
  const ENTITY = 'entities:\n  - id: a\n    name: A\n    group: g\n    color: "#000000"\n    terms: [a]\n'
  const parse = (extra: string) => parseSettings(ENTITY + extra, '/tmp/pulso.yaml', {})
  const problems = (extra: string) => {
    const r = parse(extra)
    return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`)
  }

  it('defaults to 10 minutes, takes 0 (off) to half an hour, and refuses anything else by name', () => {
    const r = parse('')
    expect(r.ok && r.settings.alerts.lateHorizonS).toBe(600)
    const set = parse('alerts:\n  lateHorizonS: 0\n')
    expect(set.ok && set.settings.alerts.lateHorizonS).toBe(0)
    expect(problems('alerts:\n  lateHorizonS: -5\n')[0]).toMatch(/^alerts\.lateHorizonS: /)
    expect(problems('alerts:\n  lateHorizonS: 1800\n')).toEqual([])
    expect(problems('alerts:\n  lateHorizonS: 3600\n')[0]).toMatch(/^alerts\.lateHorizonS: /)
    expect(problems('alerts:\n  lateHorizonS: soon\n')[0]).toMatch(/^alerts\.lateHorizonS: /)
    expect(problems('alerts:\n  lateHorizon: 60\n')).toEqual([`alerts.lateHorizon: unknown field 'lateHorizon'`])
  })
})
