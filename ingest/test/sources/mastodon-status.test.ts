import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer } from 'node:http'
import { sourcesSchema, createSource } from '../../src/sources/index.ts'
import { listen, recorder, sleep, waitFor } from './helpers.ts'

/**
 * A local Mastodon that refuses tokens the way real servers do, drops streams right after accepting them, or
 * streams posts older than the room keeps (issue 16, point 8, and the reconnect advice of point 4 for every network).
 */
describe('Mastodon source status: refusals, drops, old posts', () => {
  let mode: 'invalid' | 'missing' | 'drop' | 'old' | 'user' = 'invalid'
  let streams = 0
  const server = createServer((req, res) => {
    const u = new URL(req.url!, 'http://x')
    if (u.pathname === '/api/v1/streaming/user' && mode === 'user') {
      if (req.headers.authorization !== 'Bearer brand-account') return res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"Missing access token"}')
      // The home timeline of an account that follows people: their boosts come through, unlike on public streams.
      const account = { id: '5', username: 'fan', acct: 'fan@remote.example', url: 'https://remote.example/@fan' }
      const orig = { id: '930000000000000001', uri: 'https://remote.example/s/orig', created_at: new Date().toISOString(), account, content: '<p>Carmen Soto lo clava</p>', reblog: null }
      const boost = { id: '930000000000000002', uri: 'https://remote.example/s/boost/activity', created_at: new Date().toISOString(), account, content: '', reblog: orig }
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      return res.write(`event: update\ndata: ${JSON.stringify(boost)}\n\n`)
    }
    if (u.pathname !== '/api/v1/streaming/public') return res.writeHead(404).end()
    streams++
    if (mode === 'invalid') return res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"Invalid access token"}')
    if (mode === 'missing') return res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"Missing access token"}')
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    if (mode === 'drop') return res.end(':)\n\n') // accepted, then gone at once
    const account = { id: '1', username: 'old', acct: 'old', url: 'https://remote.example/@old' }
    const st = (id: string, daysAgo: number) => ({ id, uri: `https://remote.example/s/${id}`, created_at: new Date(Date.now() - daysAgo * 86_400_000).toISOString(), account, content: '<p>Carmen Soto opina</p>', reblog: null })
    for (const [id, days] of [['920000000000000001', 3], ['920000000000000002', 0], ['920000000000000003', 10]] as const) res.write(`event: update\ndata: ${JSON.stringify(st(id, days))}\n\n`)
  })
  let instance = ''
  beforeAll(async () => (instance = `http://127.0.0.1:${await listen(server)}`))
  afterAll(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))))

  it("says why the token was refused: 'Invalid access token' or 'Missing access token'", async () => {
    for (const [m, reason] of [['invalid', 'Invalid access token'], ['missing', 'Missing access token']] as const) {
      mode = m
      const rec = recorder()
      const [spec] = sourcesSchema.parse([{ kind: 'mastodon', instance, name: `masto-${m}` }])
      const source = createSource(spec, rec.ctx)
      source.start()
      await waitFor(() => source.status().state === 'error', 5000, 'the refusal')
      await source.stop()
      expect(source.status().authError).toBe(`HTTP 401 from /api/v1/streaming/public: ${reason}`)
      expect(source.status().lastError).toContain(reason)
    }
  })

  it('does not start the backoff over when a stream drops right after it was accepted', async () => {
    mode = 'drop'
    streams = 0
    const rec = recorder()
    const [spec] = sourcesSchema.parse([{ kind: 'mastodon', instance, name: 'masto-drop' }])
    const source = createSource(spec, rec.ctx)
    source.start()
    await sleep(6000)
    await source.stop()
    // Waits of 0.5–1, 1–2, 2–4 s (growing): at most 4 connections in 6 s. Reset at every accept, it was 6 to 12.
    console.log(`connections in 6 s of accept-then-drop: ${streams}`)
    expect(streams).toBeGreaterThanOrEqual(2)
    expect(streams).toBeLessThanOrEqual(4)
  }, 15_000)

  it('counts posts older than the retention window as skipped, with the reason, instead of losing them silently', async () => {
    mode = 'old'
    const rec = recorder()
    rec.ctx.retentionDays = 7
    const [spec] = sourcesSchema.parse([{ kind: 'mastodon', instance, name: 'masto-old' }])
    const source = createSource(spec, rec.ctx)
    source.start()
    await waitFor(() => rec.posts.length >= 2 || Object.keys(source.status().skipped ?? {}).length > 0, 5000, 'the statuses')
    await sleep(300)
    await source.stop()
    expect(rec.posts.map((p) => p.id).sort()).toEqual(['https://remote.example/s/920000000000000001', 'https://remote.example/s/920000000000000002'])
    expect(source.status().skipped).toEqual({ 'older than the retention window (7 days)': 1 })
  })

  it('stream: user reads the home timeline of the given account, where boosts do arrive; it needs a token', async () => {
    expect(() => sourcesSchema.parse([{ kind: 'mastodon', instance, stream: 'user' }])).toThrow(/required for stream: user/)
    mode = 'user'
    const rec = recorder()
    const [spec] = sourcesSchema.parse([{ kind: 'mastodon', instance, name: 'masto-user', stream: 'user', token: 'brand-account' }])
    const source = createSource(spec, rec.ctx)
    source.start()
    await waitFor(() => rec.posts.length >= 1, 5000, 'the boost')
    await source.stop()
    expect(rec.posts[0]).toMatchObject({ id: 'https://remote.example/s/boost/activity', repostOf: 'https://remote.example/s/orig', text: 'Carmen Soto lo clava' })
  })
})
