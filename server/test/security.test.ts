import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import { post, testApp } from './helpers.ts'

const ADMIN = 'admin-secret-0123456789'
const VIEWER = 'viewer-secret-0123456789'
const as = (token?: string) => (token ? { authorization: `Bearer ${token}` } : {})

describe('credentials, headers, limits and metrics', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    t = await testApp({ adminToken: ADMIN, viewerToken: VIEWER, rateLimitPerMinute: 1000 })
  })
  afterAll(() => t.close())

  it('answers 401 without a credential, 403 to the viewer on admin endpoints, and lets each role do its job', async () => {
    const calls = [
      { method: 'POST' as const, url: '/api/ingest', payload: [post({ id: 'auth-1' })], role: 'admin' },
      { method: 'POST' as const, url: '/api/alerts/x/status', payload: { status: 'acknowledged' }, role: 'admin' },
      { method: 'GET' as const, url: '/metrics', role: 'admin' },
      { method: 'GET' as const, url: '/api/series?entity=ruiz', role: 'viewer' },
      { method: 'GET' as const, url: '/api/alerts', role: 'viewer' },
    ]
    for (const c of calls) {
      const none = await t.app.inject({ ...c, headers: as() })
      expect(none.statusCode, `${c.url} without credential`).toBe(401)
      expect(none.json().error).toMatch(/missing credential/)
      const wrong = await t.app.inject({ ...c, headers: as('nope') })
      expect(wrong.statusCode, `${c.url} with a wrong token`).toBe(401)
      const viewer = await t.app.inject({ ...c, headers: as(VIEWER) })
      expect(viewer.statusCode, `${c.url} as viewer`).toBe(c.role === 'admin' ? 403 : 200)
      const admin = await t.app.inject({ ...c, headers: as(ADMIN) })
      expect(admin.statusCode, `${c.url} as admin`).toBeLessThan(c.url.includes('/status') ? 405 : 300) // unknown alert id → 404
    }
    expect((await t.app.inject('/api/health')).statusCode).toBe(200) // probes stay public
  })

  it('requires a token in the socket.io handshake', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
    const refused = connect(url, { transports: ['websocket'], reconnection: false })
    const err = await new Promise<Error>((r) => refused.once('connect_error', r))
    expect(err.message).toMatch(/unauthorized/)
    refused.close()
    const viewer = connect(url, { transports: ['websocket'], auth: { token: VIEWER } })
    const snap = await new Promise((r) => viewer.once('snapshot', r))
    expect(snap).toHaveProperty('entities')
    viewer.close()
  })

  it('sends security headers with a CSP', async () => {
    const r = await t.app.inject({ url: '/api/health' })
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect(r.headers['content-security-policy']).toMatch(/script-src 'self'/)
    expect(r.headers['x-content-type-options']).toBe('nosniff')
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN')
  })

  it('exposes Prometheus metrics for ingest, batches, spool and sockets', async () => {
    const body = (await t.app.inject({ url: '/metrics', headers: as(ADMIN) })).body
    expect(body).toMatch(/pulso_ingest_posts_total\{outcome="stored"\} [1-9]/)
    for (const m of ['pulso_writer_batch_seconds_bucket', 'pulso_spool_bytes', 'pulso_spool_quarantined', 'pulso_socket_clients', 'pulso_process_resident_memory_bytes']) expect(body).toContain(m)
  })
})

describe('rate limit', () => {
  it('answers 429 past the per-client limit, API only', async () => {
    const t = await testApp({ rateLimitPerMinute: 5 })
    try {
      const codes: number[] = []
      for (let i = 0; i < 7; i++) codes.push((await t.app.inject('/api/alerts')).statusCode)
      expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429])
      expect((await t.app.inject('/api/health')).statusCode).toBe(200)
    } finally {
      await t.close()
    }
  })
})
