// Issue 17, point 7, over HTTP: the session endpoint the sign-in screen reads, and read-only viewer links.
import { describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import { mintViewerToken } from '../src/auth/viewer-link.ts'
import { suiteApp } from './helpers.ts'

const ADMIN = 'admin-secret-17'
const VIEWER = 'viewer-secret-17'
const auth = (token: string) => ({ authorization: `Bearer ${token}` })

describe('sessions and viewer links, with both tokens set', () => {
  const t = suiteApp({ adminToken: ADMIN, viewerToken: VIEWER })

  it('says what a credential is worth: none, viewer, admin, wrong (401)', async () => {
    expect((await t.app.inject({ url: '/api/session' })).json()).toEqual({ open: false, role: null, viewerLinks: false })
    expect((await t.app.inject({ url: '/api/session', headers: auth(VIEWER) })).json()).toMatchObject({ role: 'viewer', viewerLinks: false })
    expect((await t.app.inject({ url: '/api/session', headers: auth(ADMIN) })).json()).toMatchObject({ role: 'admin', viewerLinks: true })
    const wrong = await t.app.inject({ url: '/api/session', headers: auth('nope') })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().error).toBe('invalid token')
  })

  it('mints a viewer link that reads the wall but never acts, and only for admins', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/viewer-link', headers: auth(VIEWER) })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: '/api/viewer-link', headers: auth(ADMIN), payload: { days: 0 } })).statusCode).toBe(400)
    const r = await t.app.inject({ method: 'POST', url: '/api/viewer-link', headers: auth(ADMIN), payload: { days: 2 } })
    expect(r.statusCode).toBe(200)
    const { token, expiresAt } = r.json<{ token: string; expiresAt: number }>()
    expect(token).not.toContain(ADMIN)
    expect(token).not.toContain(VIEWER)
    expect(Math.abs(expiresAt - (Date.now() + 2 * 86_400_000))).toBeLessThan(60_000)
    expect((await t.app.inject({ url: '/api/session', headers: auth(token) })).json()).toMatchObject({ role: 'viewer' })
    expect((await t.app.inject({ url: '/api/alerts', headers: auth(token) })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'POST', url: '/api/moments', headers: auth(token), payload: { label: 'x' } })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: '/api/viewer-link', headers: auth(token) })).statusCode).toBe(403)
    // The socket takes it as a viewer too.
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const socket = connect(`http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`, { auth: { token }, transports: ['websocket'] })
    try {
      await new Promise<void>((resolve, reject) => (socket.on('connect', () => resolve()), socket.on('connect_error', reject)))
    } finally {
      socket.close()
    }
  })

  it('refuses an expired link, a forged signature and one signed with another key', async () => {
    const expired = mintViewerToken(ADMIN, Date.now() - 1000)
    const otherKey = mintViewerToken('another-admin', Date.now() + 86_400_000)
    const good = mintViewerToken(ADMIN, Date.now() + 86_400_000)
    const forged = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA')
    const later = good.replace(/^pv1\.(\d+)/, (_, s) => `pv1.${Number(s) + 86_400}`)
    for (const bad of [expired, otherKey, forged, later]) expect((await t.app.inject({ url: '/api/alerts', headers: auth(bad) })).statusCode, bad).toBe(401)
  })
})

describe('viewer links with only the admin token set', () => {
  const t = suiteApp({ adminToken: ADMIN })
  it('still makes a read-only link (signed with the admin token)', async () => {
    const { token } = (await t.app.inject({ method: 'POST', url: '/api/viewer-link', headers: auth(ADMIN) })).json<{ token: string }>()
    expect((await t.app.inject({ url: '/api/session', headers: auth(token) })).json()).toMatchObject({ role: 'viewer' })
  })
})

describe('open mode (no tokens, loopback)', () => {
  const t = suiteApp({})
  it('needs no sign-in and makes links without a credential', async () => {
    expect((await t.app.inject({ url: '/api/session' })).json()).toEqual({ open: true, role: 'admin', viewerLinks: false })
    expect((await t.app.inject({ method: 'POST', url: '/api/viewer-link' })).json()).toMatchObject({ token: null })
  })
})
