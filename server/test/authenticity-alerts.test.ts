// Issue 20, alert gate: with `alertGate: hold`, a spike made by a copy-paste campaign is raised as suspected
// coordinated, carries the authenticity of its spike window and pages no one (no webhook); a public reaction at the
// same time is labelled so and paged as before. A restart on the same store keeps the verdict with the alert (and a
// replay shows it), and the incident it filed (its list entry and its export) carries it.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import type { Alert, Incident } from '@pulso/types'
import { createDemoGenerator } from '@pulso/ingest'
import { testApp } from './helpers.ts'
import { buildApp } from '../src/app.ts'
import { campaign } from './authenticity-streams.ts'

describe('the alert gate holds a coordinated spike', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  let again: Awaited<ReturnType<typeof buildApp>> | undefined
  let file = ''
  let held: Alert | undefined
  const paged: Alert[] = []
  const hook = createServer((req, res) => {
    let data = ''
    req.on('data', (c) => (data += c))
    req.on('end', () => (paged.push(JSON.parse(data).alert), res.writeHead(200).end('ok')))
  })
  beforeAll(async () => {
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r))
    const dir = mkdtempSync(path.join(tmpdir(), 'pulso-gate-'))
    file = path.join(dir, 'pulso.yaml')
    writeFileSync(file, `${readFileSync('config/pulso.yaml', 'utf8')}\nauthenticity:\n  alertGate: hold\n`)
    const port = (hook.address() as { port: number }).port
    t = await testApp({ alertIntervalS: 2, tickMs: 500, configFile: file, alertWebhookUrl: `http://127.0.0.1:${port}/hook` })
  })
  afterAll(async () => {
    if (again) await again.close(), rmSync(t.dataDir, { recursive: true, force: true })
    else await t?.close()
    hook.close()
  })

  it('labels the campaign suspected coordinated (held, not paged) and the anger wave a public reaction (paged)', async () => {
    const app = t.app
    expect(app.authenticity.settings.alertGate).toBe('hold')
    const steady = createDemoGenerator(app.entities, { rate: 25, cycleS: 3600, surges: [], seed: 21 })
    const now = Date.now()
    const history = steady.posts(now - 600_000, now)
    for (let i = 0; i < history.length; i += 2000) await app.ingest(history.slice(i, i + 2000).map((value, k) => ({ line: k + 1, value })))
    await app.listen({ port: 0, host: '127.0.0.1' })
    const client = connect(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`, { transports: ['websocket'] })
    const alerts: Alert[] = []
    client.on('alert', (a) => alerts.push(a))

    // From 10 s on: an anger wave on Molina (people's own words) and 60 day-old accounts copy-pasting 3 templates
    // about Ruiz, 150 posts over 15 s.
    const surgeAt = Date.now() + 10_000
    const live = createDemoGenerator(app.entities, { rate: 25, cycleS: 3600, surges: [{ kind: 'anger', entity: 'molina', startS: 10, durationS: 60, multiplier: 1.5 }], seed: 22 })
    const bots = campaign(75, 2, 3, { start: surgeAt, spanMs: 15_000, seed: 23, tag: 'gate' })
    let last = Date.now()
    const done = () => ['ruiz', 'molina'].every((e) => alerts.some((a) => a.entity === e))
    // Posts are sent as they are written, without waiting for the previous request, as producers do.
    const sent: Promise<unknown>[] = []
    try {
      while (!done() && Date.now() < surgeAt + 20_000) {
        await new Promise((r) => setTimeout(r, 200))
        const to = Date.now()
        const posts = [...live.posts(last, to), ...bots.filter((p) => Date.parse(p.createdAt) >= last && Date.parse(p.createdAt) < to)]
        last = to
        sent.push(app.ingest(posts.map((value, k) => ({ line: k + 1, value }))))
      }
      await Promise.all(sent)
      const ruiz = alerts.find((a) => a.entity === 'ruiz')
      const molina = alerts.find((a) => a.entity === 'molina')
      expect(ruiz, 'an alert for the campaign').toBeDefined()
      expect(molina, 'an alert for the anger wave').toBeDefined()
      expect(ruiz!.authenticity?.verdict).toBe('coordinated')
      expect(ruiz!.authenticity!.copyShare).toBeGreaterThanOrEqual(0.5)
      expect(ruiz!.authenticity!.evidence.clusters.length).toBeGreaterThanOrEqual(1)
      expect(ruiz).toMatchObject({ gate: 'suspected_coordinated', held: true })
      expect(molina!.authenticity?.verdict).not.toBe('coordinated')
      expect(molina).toMatchObject({ gate: 'public_reaction', held: false })
      // The webhook pages the public reaction, never the held one; the API's recent list says the same.
      const until = Date.now() + 5000
      while (!paged.some((a) => a.entity === 'molina') && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
      expect(paged.map((a) => a.entity)).toContain('molina')
      expect(paged.map((a) => a.entity)).not.toContain('ruiz')
      const recent = (await app.inject('/api/alerts')).json<{ alerts: Alert[] }>().alerts
      expect(recent.find((a) => a.id === ruiz!.id)).toMatchObject({ gate: 'suspected_coordinated', held: true })
      held = ruiz
    } finally {
      client.close()
    }
  }, 90_000)

  it('a restart on the same store keeps the verdict with the alert, and its incident and export carry it', async () => {
    expect(held, 'the first test raised a held alert').toBeDefined()
    await t.app.close()
    again = await buildApp({ logger: false, config: { dataDir: t.dataDir, demo: false, alertIntervalS: 2, tickMs: 500, configFile: file } })
    await again.ready()
    await again.alerts.check() // warms the recent alerts from the store
    const recent = (await again.inject('/api/alerts')).json<{ alerts: Alert[] }>().alerts
    const kept = recent.find((a) => a.id === held!.id)
    expect(kept).toMatchObject({ gate: 'suspected_coordinated', held: true, authenticity: { verdict: 'coordinated', copyShare: held!.authenticity!.copyShare } })
    expect(kept!.authenticity!.evidence.clusters.length).toBe(held!.authenticity!.evidence.clusters.length)
    // A replayed second after its detection shows it judged, as the room saw it.
    const replayed = (await again.inject(`/api/replay?t=${held!.detectedAt + 1000}&history=0`)).json<{ alerts: Alert[] }>().alerts
    expect(replayed.find((a) => a.id === held!.id)).toMatchObject({ gate: 'suspected_coordinated', held: true, authenticity: { verdict: 'coordinated' } })
    // The hub warms incidents from the store on its first run (every second).
    const find = async () => (await again!.inject('/api/incidents')).json<{ incidents: Incident[] }>().incidents.find((i) => i.timeline.some((e) => e.alertId === held!.id))
    await expect.poll(find, { timeout: 10_000 }).toBeDefined()
    const incident = await find()
    expect(incident!.authenticity).toMatchObject({ gate: 'suspected_coordinated', authenticity: { verdict: 'coordinated' } })
    const md = (await again.inject(`/api/incidents/${incident!.id}/export?format=md`)).body
    expect(md).toContain('## Authenticity')
    expect(md).toContain(`- Verdict: coordinated (suspected coordinated)`)
    expect(md).toContain(`${Math.round(held!.authenticity!.copyShare * 100)}% from ${held!.authenticity!.evidence.clusters.length} copy-paste cluster`)
    const json = (await again.inject(`/api/incidents/${incident!.id}/export?format=json`)).json<Incident>()
    expect(json.authenticity?.authenticity.verdict).toBe('coordinated')
  }, 60_000)
})
