import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import type { Alert, Incident } from '@pulso/types'
import { createDemoGenerator } from '@pulso/ingest'
import { testApp } from './helpers.ts'

/** A local webhook receiver that refuses its first call, so delivery has to retry. */
function receiver() {
  const bodies: { text: string; alert: Alert }[] = []
  let calls = 0
  const server: Server = createServer((req, res) => {
    let data = ''
    req.on('data', (c) => (data += c))
    req.on('end', () => {
      calls++
      if (calls === 1) return res.writeHead(503).end()
      bodies.push(JSON.parse(data))
      res.writeHead(200).end('ok')
    })
  })
  return { server, bodies, calls: () => calls }
}

describe('spike alerts end to end (embedded store, demo surge)', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  const hook = receiver()
  beforeAll(async () => {
    await new Promise<void>((r) => hook.server.listen(0, '127.0.0.1', r))
    const port = (hook.server.address() as { port: number }).port
    t = await testApp({ alertIntervalS: 2, tickMs: 500, alertWebhookUrl: `http://127.0.0.1:${port}/hook` })
  })
  afterAll(async () => {
    await t.close()
    hook.server.close()
  })

  it('stays quiet on a steady stream, then alerts within 10 s of a scripted surge, naming its terms', async () => {
    const app = t.app
    // Ten minutes of steady history, so the detectors start warm (as after a restart).
    const steady = createDemoGenerator(app.entities, { rate: 25, cycleS: 3600, surges: [], seed: 11 })
    const now = Date.now()
    const history = steady.posts(now - 600_000, now)
    for (let i = 0; i < history.length; i += 2000) {
      const r = await app.ingest(history.slice(i, i + 2000).map((value, k) => ({ line: k + 1, value })))
      expect(r.rejected).toEqual([])
    }
    await app.listen({ port: 0, host: '127.0.0.1' })
    const port = (app.server.address() as { port: number }).port
    const client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'] })
    const alerts: Alert[] = []
    client.on('alert', (a) => alerts.push(a))

    // Live: the demo generator's script, with the anger wave on Molina starting 12 s from now.
    const surgeAt = Date.now() + 12_000
    const live = createDemoGenerator(app.entities, { rate: 25, cycleS: 3600, surges: [{ kind: 'anger', entity: 'molina', startS: 12, durationS: 60, multiplier: 1.5 }], seed: 12 })
    let last = Date.now()
    let raised: Alert | undefined
    try {
      while (!raised && Date.now() < surgeAt + 10_000) {
        await new Promise((r) => setTimeout(r, 200))
        const to = Date.now()
        const posts = live.posts(last, to)
        last = to
        await app.ingest(posts.map((value, k) => ({ line: k + 1, value })))
        raised = alerts.find((a) => a.entity === 'molina')
      }
      expect(alerts.filter((a) => a.detectedAt < surgeAt), 'no alert on the steady stream').toEqual([])
      expect(raised, 'an alert for molina within 10 s of the surge').toBeDefined()
      const a = raised!
      expect(a.detectedAt - surgeAt).toBeLessThan(10_000)
      expect(a.severity).toBeGreaterThanOrEqual(1)
      expect(a.observed).toBeGreaterThan(a.expected)
      expect(Math.abs(a.onset - surgeAt)).toBeLessThan(4_000)
      const terms = a.drivers.map((d) => d.term)
      expect(terms).toContain('#pensionesno')
      expect(terms.some((x) => ['pensiones', 'verguenza'].includes(x))).toBe(true)
      expect(a.posts.length).toBeGreaterThan(0)
      expect(a.posts[0].text).toMatch(/Molina/) // the candidate, by name or by hashtag

      // Filed as an incident (issue 18): one for the surge, opened by this alert, with the wall's replay at its onset.
      const incidents = (await app.inject('/api/incidents')).json().incidents as Incident[]
      const mine = incidents.filter((i) => i.entity === 'molina')
      expect(mine).toHaveLength(1)
      expect(mine[0].timeline[0]).toMatchObject({ kind: 'opened', alertId: a.id })
      expect(mine[0].replay).toBe(`/?t=${a.onset}`)
      // Acknowledging the incident acknowledges the alert it holds: no tile goes on counting it as unanswered.
      const taken = await app.inject({ method: 'POST', url: `/api/incidents/${mine[0].id}/actions`, payload: { action: 'acknowledge', by: 'ana' } })
      expect(taken.statusCode).toBe(200)
      const statusOf = async () => ((await app.inject('/api/alerts')).json().alerts as Alert[]).find((x) => x.id === a.id)?.status
      await expect.poll(statusOf, { timeout: 5_000 }).toBe('acknowledged')

      // Stored, listed, and the room's verdict is kept.
      const listed = (await app.inject('/api/alerts')).json().alerts as Alert[]
      expect(listed.map((x) => x.id)).toContain(a.id)
      const ack = await app.inject({ method: 'POST', url: `/api/alerts/${a.id}/status`, payload: { status: 'false_positive', by: 'ana' } })
      expect(ack.statusCode).toBe(200)
      const rs = await app.store.client.query({ query: `SELECT status, by FROM alert_feedback WHERE alert_id = {id:String} ORDER BY at`, query_params: { id: a.id }, format: 'JSONEachRow' })
      expect(await rs.json()).toEqual([{ status: 'acknowledged', by: `ana (incident ${mine[0].id})` }, { status: 'false_positive', by: 'ana' }])
      const stored = await app.store.client.query({ query: `SELECT status FROM alerts FINAL WHERE id = {id:String}`, query_params: { id: a.id }, format: 'JSONEachRow' })
      expect(await stored.json()).toEqual([{ status: 'false_positive' }])
      const bad = await app.inject({ method: 'POST', url: `/api/alerts/${a.id}/status`, payload: { status: 'gone' } })
      expect(bad.statusCode).toBe(400)

      // The webhook refused the first delivery; the retry got through, Slack-shaped.
      await expect.poll(() => hook.bodies.length, { timeout: 8_000 }).toBeGreaterThan(0)
      expect(hook.calls()).toBeGreaterThanOrEqual(2)
      expect(hook.bodies[0].text).toMatch(/Javier Molina/)
    } finally {
      client.close()
    }
  })
})
