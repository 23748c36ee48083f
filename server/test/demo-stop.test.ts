import { describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import type { Snapshot } from '@pulso/types'
import { post, suiteApp } from './helpers.ts'

/** Issue 19: demo posts kept mixing into real data; the demo makes way as soon as a producer sends posts. */
describe('the demo stream makes way for real posts', () => {
  const t = suiteApp({ demo: true, demoRate: 20 })

  it('stops when a producer sends posts, says so, and walls lose DEMO DATA', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
    const wall = connect(url, { transports: ['websocket'] })
    const first = await new Promise<Snapshot>((r) => wall.once('snapshot', r))
    expect(first.demo).toBe(true)
    expect((await t.app.inject('/api/health')).json().demo).toBe(true)
    const after = new Promise<Snapshot>((r) => wall.on('snapshot', (s: Snapshot) => !s.demo && r(s)))
    const r = await t.app.inject({ method: 'POST', url: '/api/ingest', payload: [post({ id: 'real-1' })] })
    expect(r.json().accepted).toBe(1)
    expect((await after).demo).toBe(false)
    const health = (await t.app.inject('/api/health')).json()
    expect(health.demo).toBe(false)
    expect(health.sources.find((s: { kind: string }) => s.kind === 'demo').state).toBe('stopped')
    wall.close()
  })
})
