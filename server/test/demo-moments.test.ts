// The built-in demo marks its scripted debate moments as a producer would (`m` on the wall): before, the debate board's
// moment reactions stayed "No moments marked" on the demo, so its headline view showed nothing without someone at the
// keyboard. Walls hear each moment as it is marked; REST lists it and reads its reaction from the demo's posts.
import { describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import type { Moment } from '@pulso/types'
import { suiteApp } from './helpers.ts'

describe('the demo marks its debate moments', () => {
  const t = suiteApp({ demo: true, demoRate: 20, flushMs: 50 })

  it('the opening statement is marked as the demo starts, pushed to walls, listed, and its reaction read', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
    const wall = connect(url, { transports: ['websocket'] })
    try {
      const pushed: Moment[] = []
      wall.on('moment', (m: Moment) => pushed.push(m))
      const ruiz = t.app.entities.find((e) => e.group === 'debate')!
      const listed = async () => (await t.app.inject('/api/moments')).json().moments as Moment[]
      await expect.poll(async () => (await listed()).map((m) => [m.label, m.board, m.by]), { timeout: 10_000 }).toEqual([[`Minuto de oro de ${ruiz.name}`, 'debate', 'demo']])
      const [m] = await listed()
      // Marked at the script's first second, not ahead of the posts reacting to it.
      expect(m.at).toBeLessThanOrEqual(Date.now())
      // A wall connected before it was stored got it pushed; one connecting later reads it over REST (above).
      if (pushed.length) expect(pushed[0].id).toBe(m.id)
      // Its reaction: the candidate's posts after it, from the demo's stream.
      await expect.poll(async () => {
        const r = await t.app.inject(`/api/moments/${m.id}/reaction?minutes=1`)
        return r.statusCode === 200 ? (r.json().entities as { entity: string; after: { posts: number } }[]).find((e) => e.entity === ruiz.id)?.after.posts ?? 0 : -1
      }, { timeout: 10_000 }).toBeGreaterThan(0)
    } finally {
      wall.close()
    }
  })
})
