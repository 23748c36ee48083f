// Issue 18: incidents, not a stream of alerts — repeated alerts on one entity + metric family update one incident;
// the room acts on it over HTTP and the socket; its timeline exports as Markdown and JSON; a restart keeps it.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import type { Alert, Incident } from '@pulso/types'
import { queryRows, testApp } from './helpers.ts'
import { createIncidentService } from '../src/incidents/service.ts'

const ADMIN = 'incidents-admin'
const VIEWER = 'incidents-viewer'
const admin = { authorization: `Bearer ${ADMIN}` }
const viewer = { authorization: `Bearer ${VIEWER}` }

/** An alert as the alert service raises it (the detector is tested on its own; here the grouping is under test). */
const alert = (entity: string, metric: string, severity: Alert['severity'], onset = Date.now() - 10_000): Alert => ({
  id: randomUUID(), entity, metric, severity, onset, detectedAt: Date.now(), observed: 120, expected: 20, drivers: [{ term: '#pensionesno', kind: 'hashtag', observed: 40, expected: 1, lift: 30 }], posts: [], emotion: null, status: 'open',
})

describe('incidents (embedded store, tokens on)', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    t = await testApp({ adminToken: ADMIN, viewerToken: VIEWER })
  })
  afterAll(() => t.close())
  const act = (id: string, body: object, headers = admin) => t.app.inject({ method: 'POST', url: `/api/incidents/${id}/actions`, headers, payload: body })
  let first: Incident

  it('repeated alerts on one entity and metric family update one incident; another family opens its own', async () => {
    const onset = Date.now() - 30_000
    const a1 = await t.app.incidents.onAlert(alert('molina', 'volume', 2, onset))
    const a2 = await t.app.incidents.onAlert(alert('molina', 'authors', 3))
    const a3 = await t.app.incidents.onAlert(alert('molina', 'volume', 1))
    const other = await t.app.incidents.onAlert(alert('molina', 'negative_share', 2))
    expect([a1.opened, a2.opened, a3.opened, other.opened]).toEqual([true, false, false, true])
    expect(a2.incident.id).toBe(a1.incident.id)
    expect(a3.incident.id).toBe(a1.incident.id)
    expect(other.incident.id).not.toBe(a1.incident.id)

    const list = (await t.app.inject({ url: '/api/incidents', headers: viewer })).json<{ incidents: Incident[] }>().incidents
    expect(list).toHaveLength(2)
    first = list.find((i) => i.family === 'volume')!
    expect(first).toMatchObject({ entity: 'molina', fingerprint: 'molina|volume', state: 'open', severity: 3, alerts: 3, replay: `/?t=${onset}` })
    expect(first.timeline.map((e) => e.kind)).toEqual(['opened', 'alert', 'severity', 'alert'])
    // Stored as events, one row each.
    const rows = await queryRows<{ kind: string }>(t.app, 'SELECT kind FROM incident_events WHERE incident_id = {id:String} ORDER BY at, kind', { id: first.id })
    expect(rows.map((r) => r.kind).sort()).toEqual(['alert', 'alert', 'opened', 'severity'])
  })

  it('the room acknowledges, assigns, notes, snoozes and resolves it (admin only, validated)', async () => {
    expect((await act(first.id, { action: 'acknowledge' }, viewer)).statusCode).toBe(403)
    expect((await act(first.id, { action: 'acknowledge' }, {} as typeof admin)).statusCode).toBe(401)
    expect((await act(first.id, { action: 'explode' })).statusCode).toBe(400)
    expect((await act(first.id, { action: 'snooze', minutes: -5 })).statusCode).toBe(400)
    expect((await act(first.id, { action: 'note', note: 'x', extra: 1 })).statusCode).toBe(400)
    expect((await act('nope', { action: 'acknowledge' })).statusCode).toBe(404)

    expect((await act(first.id, { action: 'acknowledge', by: 'ana' })).json()).toMatchObject({ state: 'acknowledged' })
    expect((await act(first.id, { action: 'assign', owner: 'Ana | press', by: 'ana' })).json()).toMatchObject({ owner: 'Ana | press' })
    expect((await act(first.id, { action: 'note', note: 'Statement drafted\nsent to legal', by: 'ana' })).statusCode).toBe(200)
    const snoozed = (await act(first.id, { action: 'snooze', minutes: 15, by: 'ana' })).json<Incident>()
    expect(snoozed.state).toBe('snoozed')
    expect(snoozed.snoozedUntil! - Date.now()).toBeGreaterThan(14 * 60_000)
    expect((await act(first.id, { action: 'resolve', by: 'ana' })).json()).toMatchObject({ state: 'resolved' })
    expect((await act(first.id, { action: 'resolve' })).statusCode).toBe(409)

    // Resolved: the next alert on that entity and family is a new incident.
    const next = await t.app.incidents.onAlert(alert('molina', 'volume', 1))
    expect(next.opened).toBe(true)
    expect(next.incident.id).not.toBe(first.id)
    // …and the old one cannot be reopened beside it.
    expect((await act(first.id, { action: 'reopen' })).statusCode).toBe(409)
  })

  it('exports one incident’s timeline as Markdown and JSON for a post-mortem', async () => {
    const md = await t.app.inject({ url: `/api/incidents/${first.id}/export?format=md`, headers: viewer })
    expect(md.statusCode).toBe(200)
    expect(md.headers['content-type']).toMatch(/^text\/markdown/)
    expect(md.body).toContain('# Incident: Javier Molina — volume')
    expect(md.body).toContain(`Replay at onset: ${first.replay}`)
    for (const line of ['opened by an alert, severity 2/5', 'severity now 3/5', 'acknowledged by ana', 'assigned to Ana \\| press by ana', 'note by ana: Statement drafted sent to legal', 'resolved by ana']) expect(md.body).toContain(line)
    const json = (await t.app.inject({ url: `/api/incidents/${first.id}/export?format=json`, headers: viewer })).json()
    expect(json).toMatchObject({ id: first.id, entityName: 'Javier Molina', state: 'resolved', owner: 'Ana | press' })
    expect(json.timeline.map((e: { kind: string }) => e.kind)).toEqual(['opened', 'alert', 'severity', 'alert', 'acknowledged', 'assigned', 'note', 'snoozed', 'resolved'])
    expect((await t.app.inject({ url: `/api/incidents/${first.id}/export?format=pdf`, headers: viewer })).statusCode).toBe(400)
    expect((await t.app.inject({ url: '/api/incidents?state=weird', headers: viewer })).statusCode).toBe(400)
  })

  it('acts over the socket with the same validation, and walls hear every change', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
    const adminSocket = connect(url, { transports: ['websocket'], auth: { token: ADMIN } })
    const viewerSocket = connect(url, { transports: ['websocket'], auth: { token: VIEWER } })
    const heard: Incident[] = []
    viewerSocket.on('incident', (i) => heard.push(i))
    try {
      await Promise.all([adminSocket, viewerSocket].map((s) => new Promise<void>((r) => s.on('connect', () => r()))))
      const open = t.app.incidents.list('open').find((i) => i.family === 'sentiment')!
      const ask = (s: typeof adminSocket, p: unknown) => new Promise<{ ok: boolean; error?: string }>((r) => s.emit('incident:action', p as never, r))
      expect((await ask(viewerSocket, { id: open.id, action: 'acknowledge' })).ok).toBe(false)
      expect(await ask(adminSocket, { id: open.id, action: 'snooze' })).toMatchObject({ ok: false, error: expect.stringMatching(/minutes/) })
      for (const junk of [null, [], 'x', { action: 'acknowledge' }, { id: open.id, action: 'resolve', extra: true }, { id: 'x'.repeat(100), action: 'resolve' }]) {
        expect((await ask(adminSocket, junk)).ok, JSON.stringify(junk)).toBe(false)
      }
      expect(t.app.incidents.get(open.id)!.state).toBe('open')
      expect(await ask(adminSocket, { id: open.id, action: 'acknowledge', by: 'luis' })).toEqual({ ok: true })
      await expect.poll(() => heard.find((i) => i.id === open.id && i.state === 'acknowledged')).toBeDefined()
    } finally {
      adminSocket.close()
      viewerSocket.close()
    }
  })

  it('hostile input never gets a 500: bodies, ids and queries are validated', async () => {
    const junk: unknown[] = [null, [], 'x', 42, {}, { action: 'note' }, { action: 'note', note: '' }, { action: 'note', note: 'x'.repeat(2001) }, { action: 'snooze', minutes: 1e9 }, { action: 'snooze', minutes: 1.5 }, { action: 'assign' }, { action: 'acknowledge', by: 'x'.repeat(500) }, { action: { $ne: 1 } }, { __proto__: { action: 'resolve' } }]
    for (const body of junk) {
      const r = await t.app.inject({ method: 'POST', url: `/api/incidents/${first.id}/actions`, headers: { ...admin, 'content-type': 'application/json' }, payload: JSON.stringify(body) })
      expect(r.statusCode, JSON.stringify(body)).toBe(400)
    }
    for (const id of ['%00', 'x'.repeat(300), '..%2F..%2Fetc', "'; DROP TABLE incident_events; --"]) {
      for (const url of [`/api/incidents/${id}`, `/api/incidents/${id}/export`]) expect((await t.app.inject({ url, headers: viewer })).statusCode).toBeLessThan(500)
      expect((await act(id, { action: 'acknowledge' })).statusCode).toBeLessThan(500)
    }
    for (const q of ['state=open&state=resolved', 'format=md', 'x=1']) expect((await t.app.inject({ url: `/api/incidents?${q}`, headers: viewer })).statusCode).toBe(400)
    expect((await t.app.inject({ url: `/api/incidents/${first.id}/export?format=md&x=1`, headers: viewer })).statusCode).toBe(400)
    expect(await queryRows(t.app, 'SELECT count() AS n FROM incident_events')).not.toEqual([{ n: '0' }])
  })

  it('a restart keeps the incidents and their state (rebuilt from the events), and quiet ones resolve themselves', async () => {
    let clock = Date.now()
    const again = createIncidentService({ client: t.app.store.client, publish: () => {}, autoResolveMs: () => 30 * 60_000, now: () => clock })
    await again.warm()
    const before = t.app.incidents.list()
    expect(again.list().map((i) => [i.id, i.state, i.severity, i.owner, i.alerts])).toEqual(before.map((i) => [i.id, i.state, i.severity, i.owner, i.alerts]))
    expect(again.get(first.id)!.timeline.map((e) => e.kind)).toEqual(before.find((i) => i.id === first.id)!.timeline.map((e) => e.kind))
    // Another alert on an open fingerprint still updates it after the restart.
    const open = again.list('active')[0]
    expect((await again.onAlert(alert(open.entity, open.family === 'sentiment' ? 'negative_share' : 'volume', 1))).incident.id).toBe(open.id)
    clock += 31 * 60_000
    await again.tick()
    expect(again.list('active')).toEqual([])
    expect(again.get(open.id)!.timeline.at(-1)).toMatchObject({ kind: 'resolved', by: 'pulso', note: 'no new alert for 30 min' })
  })
})
