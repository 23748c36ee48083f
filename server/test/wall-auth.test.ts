import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect, type Socket } from 'socket.io-client'
import type { Feed, Moment } from '@pulso/types'
import { testApp } from './helpers.ts'

const ADMIN = 'admin-secret'
const VIEWER = 'viewer-secret'
const auth = (token: string) => ({ authorization: `Bearer ${token}` })

describe('wall endpoints under tokens, and their socket pushes', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  let url: string
  beforeAll(async () => {
    t = await testApp({ adminToken: ADMIN, viewerToken: VIEWER, flushMs: 50 })
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const addr = t.app.server.address()
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
  })
  afterAll(() => t?.close())

  it('lets viewers read moments, replay and feed, and only admins mark or delete', async () => {
    for (const path of ['/api/moments', `/api/replay?t=${Date.now()}`, '/api/feed']) {
      expect((await t.app.inject({ url: path })).statusCode).toBe(401)
      expect((await t.app.inject({ url: path, headers: auth(VIEWER) })).statusCode).toBe(200)
    }
    expect((await t.app.inject({ url: '/api/moments', headers: auth(VIEWER) })).json()).toMatchObject({ canMark: false })
    expect((await t.app.inject({ url: '/api/moments', headers: auth(ADMIN) })).json()).toMatchObject({ canMark: true })
    const body = { label: 'Cierre de Soto' }
    expect((await t.app.inject({ method: 'POST', url: '/api/moments', payload: body, headers: auth(VIEWER) })).statusCode).toBe(403)
    const r = await t.app.inject({ method: 'POST', url: '/api/moments', payload: body, headers: auth(ADMIN) })
    expect(r.statusCode).toBe(201)
    const id = r.json<Moment>().id
    expect((await t.app.inject({ method: 'DELETE', url: `/api/moments/${id}`, headers: auth(VIEWER) })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: '/api/moments', payload: { label: 'x', board: 'nope' }, headers: auth(ADMIN) })).statusCode).toBe(400)
    expect((await t.app.inject({ url: '/api/replay?t=soon', headers: auth(VIEWER) })).statusCode).toBe(400)
  })

  it('pushes moments (marked and deleted) and the feed to connected walls', async () => {
    const socket: Socket = connect(url, { auth: { token: VIEWER }, transports: ['websocket'] })
    const moments: Moment[] = []
    const feeds: Feed[] = []
    socket.on('moment', (m: Moment) => moments.push(m))
    socket.on('feed', (f: Feed) => feeds.push(f))
    await new Promise<void>((resolve, reject) => (socket.on('connect', () => resolve()), socket.on('connect_error', reject)))
    try {
      const m = (await t.app.inject({ method: 'POST', url: '/api/moments', payload: { label: 'Ruiz on housing', board: 'debate' }, headers: auth(ADMIN) })).json<Moment>()
      await t.app.inject({ method: 'DELETE', url: `/api/moments/${m.id}`, headers: auth(ADMIN) })
      await expect.poll(() => moments.map((x) => [x.id, x.deleted ?? false]), { timeout: 5_000 }).toEqual([
        [m.id, false],
        [m.id, true],
      ])
      // The feed arrives on its own every 5 s, for every board.
      await expect.poll(() => feeds.length, { timeout: 12_000 }).toBeGreaterThan(0)
      expect(Object.keys(feeds[0].boards).sort()).toEqual(['', 'brand', 'debate'])
    } finally {
      socket.close()
    }
  })
})
