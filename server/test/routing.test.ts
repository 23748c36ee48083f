// Issue 18, routing: incidents go by entity and severity to Slack (Block Kit), Teams (Adaptive Card) and a signed
// webhook, with retries and backoff; an unacknowledged incident escalates to the next route; a dead route never
// blocks ingest or the wall. Local HTTP receivers check what actually arrives.
import { createHmac, randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import type { Alert } from '@pulso/types'
import { DEFAULT_CONFIG_FILE } from '@pulso/ingest/paths'
import { post, testApp } from './helpers.ts'
import { settingsSchema } from '../src/settings/schema.ts'

const SECRET = 'a-shared-secret-of-32-characters'

/** A receiver recording every call; `failFirst` calls answer 503, `hang` never answers (a dead route). */
function receiver(o: { failFirst?: number; hang?: boolean } = {}) {
  const calls: { body: string; headers: IncomingMessage['headers']; at: number }[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      calls.push({ body, headers: req.headers, at: Date.now() })
      if (o.hang) return // never answers
      if (calls.length <= (o.failFirst ?? 0)) return res.writeHead(503).end()
      res.writeHead(200).end('ok')
    })
  })
  const ok = () => calls.slice(o.failFirst ?? 0).map((c) => JSON.parse(c.body))
  return { server, calls, ok, url: () => `http://127.0.0.1:${(server.address() as { port: number }).port}/hook` }
}

/** A bare SMTP receiver (no TLS, no auth): enough of RFC 5321 for one client to hand over a message. */
function smtpReceiver() {
  const messages: { from: string; to: string[]; data: string }[] = []
  const server = createTcpServer((sock) => {
    let buf = ''
    let data: string | null = null
    let m = { from: '', to: [] as string[], data: '' }
    const say = (line: string) => sock.write(line + '\r\n')
    say('220 test SMTP ready')
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8')
      for (let k = buf.indexOf('\r\n'); k >= 0; k = buf.indexOf('\r\n')) {
        const line = buf.slice(0, k)
        buf = buf.slice(k + 2)
        if (data !== null) {
          if (line === '.') (m.data = data), messages.push(m), (m = { from: '', to: [], data: '' }), (data = null), say('250 queued')
          else data += line + '\n'
          continue
        }
        const cmd = line.slice(0, 4).toUpperCase()
        if (cmd === 'EHLO' || cmd === 'HELO') say('250 test')
        else if (cmd === 'MAIL') (m.from = line), say('250 ok')
        else if (cmd === 'RCPT') m.to.push(line), say('250 ok')
        else if (cmd === 'DATA') (data = ''), say('354 go ahead')
        else if (cmd === 'QUIT') say('221 bye'), sock.end()
        else say('250 ok')
      }
    })
  })
  return { server, messages, port: () => (server.address() as { port: number }).port }
}

const alert = (entity: string, severity: Alert['severity'], metric = 'volume'): Alert => ({
  id: randomUUID(), entity, metric, severity, onset: Date.now() - 20_000, detectedAt: Date.now(), observed: 300, expected: 30, drivers: [], posts: [], emotion: null, status: 'open',
})

describe('incident routing (local receivers)', () => {
  const slack = receiver()
  const teams = receiver()
  const hook = receiver({ failFirst: 2 })
  const onCall = receiver()
  const dead = receiver({ hang: true })
  const smtp = smtpReceiver()
  let t: Awaited<ReturnType<typeof testApp>>
  let dir = ''
  beforeAll(async () => {
    for (const r of [slack, teams, hook, onCall, dead, smtp]) await new Promise<void>((ok) => r.server.listen(0, '127.0.0.1', ok))
    dir = mkdtempSync(path.join(tmpdir(), 'pulso-routing-'))
    const file = path.join(dir, 'pulso.yaml')
    writeFileSync(file, readFileSync(DEFAULT_CONFIG_FILE, 'utf8') + `
incidents:
  publicUrl: https://pulso.example.org/
  delivery: { maxAttempts: 4, retryBaseMs: 50, timeoutMs: 3000, maxQueue: 5 }
  routes:
    - { name: war-room, kind: slack, url: "${slack.url()}", entities: [molina] }
    - { name: comms, kind: teams, url: "${teams.url()}", minSeverity: 3 }
    - { name: siem, kind: webhook, url: "${hook.url()}", secret: "${SECRET}" }
    - { name: on-call, kind: slack, url: "${onCall.url()}", afterMinutes: 0.03 }
    - { name: dead-end, kind: webhook, url: "${dead.url()}", secret: "${SECRET}" }
    - { name: press-mail, kind: email, entities: [soto], smtp: { host: 127.0.0.1, port: ${smtp.port()} }, from: pulso@example.org, to: [press@example.org, duty@example.org] }
`)
    t = await testApp({ configFile: file, tickMs: 250 })
    await t.app.ready() // the hub's jobs (the escalation check) start when the app is ready
    // One post first, so the analyser's model is loaded before the dead-route test times an ingest.
    expect((await t.app.inject({ method: 'POST', url: '/api/ingest', payload: [post({ text: 'Carmen Soto en el debate' })] })).statusCode).toBe(202)
  })
  afterAll(async () => {
    await t.close()
    for (const r of [slack, teams, hook, onCall, dead]) r.server.closeAllConnections(), r.server.close()
    smtp.server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('sends by entity and severity: Slack blocks, a Teams Adaptive Card, a signed webhook after retries', async () => {
    const { incident } = await t.app.incidents.onAlert(alert('molina', 4))
    await expect.poll(() => slack.ok().length + teams.ok().length + hook.ok().length, { timeout: 5000 }).toBe(3)
    await new Promise((r) => setTimeout(r, 300)) // nothing more arrives

    const s = slack.ok()[0]
    expect(s.text).toMatch(/Javier Molina — volume incident, severity 4\/5/)
    expect(s.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'context', 'actions'])
    expect(s.blocks[3].elements[0].url).toBe(`https://pulso.example.org${incident.replay}`)

    const card = teams.ok()[0]
    expect(card.type).toBe('message')
    expect(card.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive')
    expect(card.attachments[0].content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' })
    expect(card.attachments[0].content.body[1].facts).toContainEqual({ title: 'Severity', value: '4/5' })
    expect(card.attachments[0].content.actions[0]).toMatchObject({ type: 'Action.OpenUrl', url: `https://pulso.example.org${incident.replay}` })

    // Two 503s, then delivered: three tries, spaced by the backoff (50 ms, then 100 ms), each signed over its body.
    expect(hook.calls).toHaveLength(3)
    expect(hook.calls[2].at - hook.calls[1].at).toBeGreaterThanOrEqual(90)
    for (const c of hook.calls) expect(c.headers['x-pulso-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(c.body).digest('hex')}`)
    expect(hook.ok()[0]).toMatchObject({ event: 'incident.opened', incident: { id: incident.id, severity: 4 } })

    // Not for Slack's war-room (another entity), nor Teams (severity 2 < 3); the webhook hears every entity.
    await t.app.incidents.onAlert(alert('ondanet', 2))
    await expect.poll(() => hook.ok().length, { timeout: 3000 }).toBe(2)
    expect(slack.ok()).toHaveLength(1)
    expect(teams.ok()).toHaveLength(1)
    // The timeline says where it went.
    const routed = t.app.incidents.get(incident.id)!.timeline.filter((e) => e.kind === 'routed').map((e) => e.route)
    expect(routed.sort()).toEqual(['comms', 'dead-end', 'siem', 'war-room'])
  })

  it('e-mails an incident over SMTP when a route asks for it', async () => {
    const { incident } = await t.app.incidents.onAlert(alert('soto', 2))
    await expect.poll(() => smtp.messages.length, { timeout: 8000 }).toBe(1)
    const [mail] = smtp.messages
    expect(mail.from).toMatch(/pulso@example\.org/)
    expect(mail.to.join(' ')).toMatch(/press@example\.org.*duty@example\.org/)
    // Headers with non-ASCII text are MIME encoded-words (RFC 2047): decode the Subject as a mail client would.
    const raw = /^Subject: (.*(?:\n[ \t].*)*)/m.exec(mail.data)![1].replace(/\n[ \t]/g, ' ')
    const subject = raw.replace(/=\?UTF-8\?([QB])\?(.*?)\?=\s*/gi, (_, enc: string, txt: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(txt, 'base64').toString('utf8') : Buffer.from(txt.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'))
    expect(subject).toBe('Carmen Soto — volume incident, severity 2/5')
    // The text part is quoted-printable (it holds an em dash): undo soft breaks and =XX escapes.
    const text = Buffer.from(mail.data.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
    expect(text).toContain(`Replay at onset: https://pulso.example.org${incident.replay}`)
    expect(text).toContain('Severity: 2/5')
    expect(t.app.incidents.get(incident.id)!.timeline.some((e) => e.kind === 'routed' && e.route === 'press-mail')).toBe(true)
  })

  it('escalates an incident nobody acknowledged to the next route, and not one someone did', async () => {
    const unanswered = (await t.app.incidents.onAlert(alert('ruiz', 3))).incident
    const answered = (await t.app.incidents.onAlert(alert('ruiz', 3, 'negative_share'))).incident
    expect(await t.app.incidents.act(answered.id, { action: 'acknowledge' }, 'ana')).toMatchObject({ state: 'acknowledged' })
    // on-call waits 0.03 min (1.8 s) for an acknowledgement; the hub's incident job checks every second.
    await expect.poll(() => t.app.incidents.get(unanswered.id)!.timeline.find((e) => e.kind === 'escalated'), { timeout: 8000 }).toMatchObject({ route: 'on-call', note: 'not acknowledged within 0.03 min' })
    await expect.poll(() => onCall.ok().map((b) => b.text).join('\n'), { timeout: 3000 }).toMatch(/Escalated: Elena Ruiz — volume incident, severity 3\/5/)
    await new Promise((r) => setTimeout(r, 1500))
    expect(onCall.ok().filter((b) => (b.text as string).includes('sentiment'))).toEqual([])
    expect(t.app.incidents.get(answered.id)!.timeline.some((e) => e.kind === 'escalated')).toBe(false)
  })

  it('a dead route never blocks ingest or the wall: its queue is bounded and the ticks go on', async () => {
    // The dead-end receiver never answers: each try waits 3 s, four tries per page, five pages queued at most.
    // A try on the dead route takes its whole timeout (3 s): anything that waited on it would take that long.
    const ghosts: string[] = []
    for (let i = 0; i < 30; i++) ghosts.push((await t.app.incidents.onAlert(alert(`ghost-${i}`, 1))).incident.id)
    const filing = Date.now()
    ghosts.push((await t.app.incidents.onAlert(alert('ghost-last', 1))).incident.id)
    expect(Date.now() - filing, 'an incident filed beside a full, hanging route without waiting on it').toBeLessThan(3000)
    expect(t.app.incidents.router.stats()['dead-end'].pending).toBeLessThanOrEqual(5)
    expect(t.app.incidents.router.stats()['dead-end'].dropped).toBeGreaterThan(0)
    // Let the incidents' own timeline writes ('routed') settle: what is timed below is ingest beside a hanging route.
    await expect.poll(() => ghosts.every((id) => t.app.incidents.get(id)!.timeline.some((e) => e.route === 'dead-end')), { timeout: 15_000 }).toBe(true)
    expect(t.app.incidents.router.stats()['dead-end'].pending).toBeGreaterThan(0) // still hanging on the dead route

    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const wall = connect(`http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`, { transports: ['websocket'] })
    const ticks: number[] = []
    wall.on('tick', () => ticks.push(Date.now()))
    try {
      const started = Date.now()
      const r = await t.app.inject({ method: 'POST', url: '/api/ingest', payload: [post({ text: 'Javier Molina habla de pensiones' })] })
      expect(r.statusCode).toBe(202)
      expect(Date.now() - started, 'ingest did not wait on the dead route').toBeLessThan(3000)
      await expect.poll(() => ticks.length, { timeout: 5000 }).toBeGreaterThanOrEqual(4)
      expect(dead.calls.length).toBeGreaterThan(0) // it was really tried
    } finally {
      wall.close()
    }
  })

  it('the routes are part of the strict config: a webhook needs a secret, unknown keys are refused, default none', () => {
    const parse = (incidents: unknown) => settingsSchema('/tmp/pulso.yaml').safeParse({ entities: [{ id: 'a', name: 'A', group: 'g', color: '#000000', terms: ['a'] }], incidents })
    expect(parse(undefined).data?.incidents).toMatchObject({ routes: [], autoResolveMinutes: 30 })
    expect(parse({ routes: [{ name: 'x', kind: 'webhook', url: 'https://h.example/x' }] }).success).toBe(false)
    expect(parse({ routes: [{ name: 'x', kind: 'slack', url: 'ftp://h.example/x' }] }).success).toBe(false)
    expect(parse({ routes: [{ name: 'x', kind: 'slack', url: 'https://h.example/x', channel: '#a' }] }).success).toBe(false)
    expect(parse({ routes: [{ name: 'x', kind: 'email', url: 'https://h.example/x' }] }).success).toBe(false)
    expect(parse({ routes: [{ name: 'x', kind: 'teams', url: 'https://h.example/x', minSeverity: 3, afterMinutes: 15 }] }).success).toBe(true)
    const mail = { name: 'm', kind: 'email', smtp: { host: 'smtp.example.org', user: 'pulso', passEnv: 'SMTP_PASS' }, from: 'pulso@example.org', to: ['a@example.org'] }
    expect(parse({ routes: [mail] }).data?.incidents.routes[0]).toMatchObject({ smtp: { port: 587, secure: false } })
    expect(parse({ routes: [{ ...mail, to: ['not an address'] }] }).success).toBe(false)
    expect(parse({ routes: [{ ...mail, smtp: { ...mail.smtp, pass: 'in the file' } }] }).success).toBe(false) // secrets come from the environment
  })
})
