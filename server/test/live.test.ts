import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents, Snapshot, Tick } from '@pulso/types'
import { post, testApp } from './helpers.ts'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

describe('live ticks over socket.io', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  let url: string
  beforeAll(async () => {
    t = await testApp()
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const addr = t.app.server.address()
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
  })
  afterAll(() => t.close())

  it('sends a snapshot on connect, then a tick reflecting posts just ingested within 2 s', async () => {
    // Five minutes old: in the history, never in the 60-second window.
    const old = Array.from({ length: 40 }, (_, i) => post({ id: `old-${i}`, createdAt: new Date(Date.now() - 300_000).toISOString(), text: 'Marcos Vidal ayer' }))
    expect((await t.app.inject({ method: 'POST', url: '/api/ingest', payload: old })).statusCode).toBe(202)
    const client: Client = connect(url, { transports: ['websocket'] })
    try {
      const snap = await new Promise<Snapshot>((resolve) => client.once('snapshot', resolve))
      expect(snap.entities.map((e) => e.id)).toEqual(['ruiz', 'vidal', 'soto', 'molina', 'ondanet'])
      expect(snap.demo).toBe(false)
      const before = snap.tick.entities.find((e) => e.entity === 'vidal')!.posts
      expect(before).toBe(0)
      expect(snap.history.filter((p) => p.entity === 'vidal').reduce((a, p) => a + p.posts, 0)).toBe(40)

      const ticks: Tick[] = []
      client.on('tick', (tk) => ticks.push(tk))
      const posts = Array.from({ length: 25 }, (_, i) =>
        post({ id: `live-${i}`, text: 'Marcos Vidal no ha respondido a NADA, qué vergüenza 😡', author: { id: `angry-${i}` } }),
      )
      const res = await fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(posts) })
      expect(res.status).toBe(202)
      // Ingested = acknowledged, i.e. stored: from here the wall must see the posts within 2 s.
      const ackedAt = Date.now()

      const seen = await new Promise<Tick>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no tick with the new posts within 2 s (${ticks.length} ticks seen)`)), 2000 - (Date.now() - ackedAt))
        const check = (tk: Tick) => {
          const v = tk.entities.find((e) => e.entity === 'vidal')!
          // the figures include the posts, and the freshness stamp covers them
          if (v.posts >= before + 25 && (tk.dataAt ?? 0) >= Date.parse(posts[0].createdAt)) clearTimeout(timer), resolve(tk)
        }
        ticks.forEach(check)
        client.on('tick', check)
      })
      const v = seen.entities.find((e) => e.entity === 'vidal')!
      expect(v.posts).toBe(before + 25)
      expect(v.authors).toBe(25)
      expect(v.volume).toBeCloseTo(25 / seen.windowSeconds)
      expect(v.sentiment).toBeLessThan(0)
      expect(seen.dataAt).toBeGreaterThanOrEqual(Date.parse(posts[0].createdAt))
      expect(seen.points.filter((p) => p.entity === 'vidal').reduce((a, p) => a + p.posts, 0)).toBe(25)
    } finally {
      client.close()
    }
  })
})
