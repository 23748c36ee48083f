import { afterEach, describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import { testApp } from '../helpers.ts'

const ADMIN = 'admin-secret-0123456789'
const VIEWER = 'viewer-secret-0123456789'
const bearer = (token: string, scheme = 'Bearer') => ({ authorization: `${scheme} ${token}` })

/** Issue 13 #3: the limiter ran after auth (401s never counted) and was keyed on the raw URL. */
describe('rate limits count every client, before credentials', () => {
  let t: Awaited<ReturnType<typeof testApp>> | undefined
  afterEach(async () => {
    await t?.close()
    t = undefined
  })

  it('counts wrong-token requests against the per-client limit', async () => {
    t = await testApp({ adminToken: ADMIN, viewerToken: VIEWER, rateLimitPerMinute: 5, authFailuresPerMinute: 1000 })
    const codes: number[] = []
    for (let i = 0; i < 7; i++) codes.push((await t.app.inject({ url: '/api/alerts', headers: bearer(`guess-${i}`) })).statusCode)
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429])
    // …and on /metrics too
    const m = await t.app.inject({ url: '/metrics', headers: bearer('guess') })
    expect(m.statusCode).toBe(429)
  })

  it('counts percent-encoded paths as the route they match', async () => {
    t = await testApp({ rateLimitPerMinute: 3 })
    const codes: number[] = []
    for (let i = 0; i < 5; i++) codes.push((await t.app.inject(i % 2 ? '/%61pi/alerts' : '/api/alerts')).statusCode)
    expect(codes).toEqual([200, 200, 200, 429, 429])
  })

  it('refuses an address after a few wrong tokens, even with the right one, for the window', async () => {
    t = await testApp({ adminToken: ADMIN, viewerToken: VIEWER, rateLimitPerMinute: 1000, authFailuresPerMinute: 3 })
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ url: '/api/alerts', headers: bearer(`guess-${i}`) })).statusCode).toBe(401)
    const blocked = await t.app.inject({ url: '/api/alerts', headers: bearer(VIEWER) })
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json().error).toMatch(/failed credentials/)
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    // another address is not affected
    const other = await t.app.inject({ url: '/api/alerts', headers: bearer(VIEWER), remoteAddress: '10.0.0.9' })
    expect(other.statusCode).toBe(200)
  })

  it('limits wrong tokens in the socket.io handshake with the same guard', async () => {
    t = await testApp({ adminToken: ADMIN, viewerToken: VIEWER, authFailuresPerMinute: 3 })
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
    const attempt = async (token: string) => {
      const s = connect(url, { transports: ['websocket'], auth: { token }, reconnection: false })
      const r = await new Promise<string>((res) => (s.once('connect', () => res('ok')), s.once('connect_error', (e) => res(e.message))))
      s.close()
      return r
    }
    for (let i = 0; i < 3; i++) expect(await attempt(`guess-${i}`)).toMatch(/unauthorized/)
    expect(await attempt(VIEWER)).toMatch(/too many failed credentials/)
  })

  it('sends the security headers with 401 answers, and reads a lowercase bearer scheme', async () => {
    t = await testApp({ adminToken: ADMIN, viewerToken: VIEWER })
    const r = await t.app.inject({ url: '/api/alerts' })
    expect(r.statusCode).toBe(401)
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect(r.headers['x-content-type-options']).toBe('nosniff')
    expect((await t.app.inject({ url: '/api/alerts', headers: bearer(VIEWER, 'bearer') })).statusCode).toBe(200)
  })
})
