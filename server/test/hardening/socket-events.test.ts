import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect, type Socket } from 'socket.io-client'
import { rng } from '@pulso/ingest'
import { testApp } from '../helpers.ts'

const ADMIN = 'admin-secret-0123456789'
const VIEWER = 'viewer-secret-0123456789'

/** Issue 13 #1: one client event with a null payload used to kill the process. */
describe('client socket events are validated, role-checked and never fatal', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  let url: string
  const clients: Socket[] = []
  const open = async (token: string) => {
    const s = connect(url, { transports: ['websocket'], auth: { token }, reconnection: false })
    clients.push(s)
    await new Promise<void>((r, j) => (s.once('connect', () => r()), s.once('connect_error', j)))
    return s
  }
  const ask = (s: Socket, ...args: unknown[]) =>
    new Promise<{ ok: boolean; error?: string }>((r) => s.timeout(3000).emit('alert:status', ...args, (err: Error | null, res: { ok: boolean; error?: string }) => r(err ? { ok: false, error: `no answer: ${err.message}` } : res)))

  beforeAll(async () => {
    t = await testApp({ adminToken: ADMIN, viewerToken: VIEWER })
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
  })
  afterAll(async () => {
    clients.forEach((c) => c.close())
    await t.close()
  })

  it('answers null, missing and wrong-typed payloads with an error, and stays up', async () => {
    const admin = await open(ADMIN)
    for (const bad of [null, undefined, 42, 'x', [], { id: 5, status: 'acknowledged' }, { id: 'a', status: 'nope' }, { id: 'a', status: 'acknowledged', extra: 1 }]) {
      const r = await ask(admin, bad)
      expect(r.ok, JSON.stringify(bad)).toBe(false)
      expect(r.error).toMatch(/alert:status/)
    }
    // No payload and no ack at all: the error comes back as a `client:error` event.
    const err = new Promise<{ event: string; error: string }>((r) => admin.once('client:error', r))
    admin.emit('alert:status')
    expect((await err).event).toBe('alert:status')
    // Still alive: a good payload is answered (unknown id → a clear error, not a crash).
    const health = await fetch(`${url}/api/health`)
    expect(health.status).toBe(200)
    const r = await ask(admin, { id: 'no-such-alert', status: 'acknowledged' })
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/no alert/) })
  })

  it('refuses an admin event from a viewer, with a reason', async () => {
    const viewer = await open(VIEWER)
    const r = await ask(viewer, { id: 'x', status: 'acknowledged' })
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/admin/) })
    expect((await fetch(`${url}/api/health`)).status).toBe(200)
  })

  it('drops oversized payloads without harm', async () => {
    const admin = await open(ADMIN)
    const closed = new Promise((r) => admin.once('disconnect', r))
    admin.emit('alert:status', { id: 'x'.repeat(2_000_000), status: 'acknowledged' })
    await closed // socket.io closes a connection that sends more than maxHttpBufferSize
    expect((await fetch(`${url}/api/health`)).status).toBe(200)
  })

  it('survives 600 random events, names and payloads, and still answers a good one', async () => {
    const admin = await open(ADMIN)
    const r = rng(20261201)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
    const NAMES = ['alert:status', 'incident:action', 'nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'snapshot', 'tick', 'client:error', 'x'.repeat(500), '']
    const VALUES = [null, undefined, 0, -1, NaN, 'x', '', [], {}, [[[]]], { id: null }, { id: 'a', status: {} }, { id: 'a', action: 'note', text: 5 },
      { id: 'a', action: 'assign', to: 'x'.repeat(10_000) }, { __proto__: { admin: true } }, JSON.parse('{"__proto__":{"id":"a"}}'), Buffer.from([0, 255, 1]), true]
    const KNOWN = ['alert:status', 'incident:action']
    const answers: Promise<string>[] = []
    for (let i = 0; i < 600; i++) {
      const args = Array.from({ length: Math.floor(r() * 4) }, () => pick(VALUES))
      const known = r() < 0.5
      if (known) {
        // A client event with an ack is always answered: never silence, and never ok for a hostile payload.
        const name = pick(KNOWN)
        answers.push(new Promise((done) => admin.timeout(3000).emit(name, ...args, (err: Error | null, res?: { ok: boolean; error?: string }) => done(err ? `${name}: no answer` : res?.ok === false && res.error ? '' : `${name}: ${JSON.stringify(res)}`))))
      } else admin.emit(pick(NAMES), ...args)
    }
    expect((await Promise.all(answers)).filter(Boolean).slice(0, 5)).toEqual([])
    expect(admin.connected).toBe(true)
    expect((await fetch(`${url}/api/health`)).status).toBe(200)
    expect(await ask(admin, { id: 'no-such-alert', status: 'acknowledged' })).toEqual({ ok: false, error: expect.stringMatching(/no alert/) })
  })
})
