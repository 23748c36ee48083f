import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import type { AddressInfo } from 'node:net'
import { sourcesSchema, createSource } from '../../src/sources/index.ts'
import { listen, recorder, sleep, waitFor } from './helpers.ts'

/**
 * A local AppView answering `app.bsky.actor.getProfiles` (at most 25 actors a call, as the lexicon says; more is a
 * 400) beside a local Jetstream: authors get their handle, followers and account creation date, asynchronously.
 */
describe('Bluesky profiles through the AppView (issue 16, point 7)', () => {
  const calls: { actors: string[]; at: number }[] = []
  const appview = createServer((req, res) => {
    const u = new URL(req.url!, 'http://x')
    if (u.pathname !== '/xrpc/app.bsky.actor.getProfiles') return res.writeHead(404).end()
    const actors = u.searchParams.getAll('actors')
    calls.push({ actors, at: Date.now() })
    if (actors.length > 25) return res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"InvalidRequest"}')
    // did:plc:gone is a deleted account: absent from the answer, as the AppView does.
    const profiles = actors.filter((a) => a !== 'did:plc:gone').map((did) => ({ did, handle: `${did.slice(8)}.bsky.social`, followersCount: 1000 + Number(did.replace(/\D/g, '') || 0), createdAt: '2023-04-05T06:07:08.000Z' }))
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ profiles }))
  })
  let wss: WebSocketServer
  let appviewUrl = ''
  let jetstream = ''
  let live: WebSocket | undefined
  beforeAll(async () => {
    appviewUrl = `http://127.0.0.1:${await listen(appview)}`
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await new Promise((r) => wss.once('listening', r))
    jetstream = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/subscribe`
    wss.on('connection', (ws) => (live = ws))
  })
  afterAll(async () => {
    await new Promise<void>((r) => wss.close(() => r()))
    await new Promise<void>((r) => (appview.closeAllConnections(), appview.close(() => r())))
  })

  it('resolves authors 25 per call, at most callsPerS calls a second, never holding a post back', async () => {
    const rec = recorder()
    const [spec] = sourcesSchema.parse([{ kind: 'bluesky', url: jetstream, name: 'bsky-profiles', profiles: { url: appviewUrl, callsPerS: 2, ttlS: 3600 } }])
    const source = createSource(spec, rec.ctx)
    source.start()
    await waitFor(() => live !== undefined, 5000, 'a connection')
    let time = Date.now() * 1000 - 5_000_000
    const post = (did: string, rkey: string) => {
      time += 1000
      live!.send(JSON.stringify({ did, time_us: time, kind: 'commit', commit: { rev: 'r', operation: 'create', collection: 'app.bsky.feed.post', rkey, cid: 'c', record: { text: `Elena Ruiz ${rkey}`, langs: ['es'], createdAt: new Date(time / 1000).toISOString() } } }))
    }
    // 60 authors post at once: stored at once, with what was known (no profile yet).
    for (let i = 0; i < 60; i++) post(`did:plc:a${i}`, `first${i}`)
    post('did:plc:gone', 'first-gone')
    await waitFor(() => rec.posts.length >= 61, 5000, 'the first posts')
    expect(rec.posts.every((p) => p.author.followers === undefined)).toBe(true)
    await waitFor(() => calls.length >= 3, 5000, 'three calls (61 authors)')
    await sleep(300)
    expect(calls.every((c) => c.actors.length <= 25)).toBe(true)
    expect(new Set(calls.flatMap((c) => c.actors)).size).toBe(61)
    // ≤ 2 calls/s: calls start 500 ms apart (measured on arrival, less some jitter under load; unbounded, the three
    // calls would arrive within a few ms of each other).
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(400)
    expect(calls[2].at - calls[0].at).toBeGreaterThanOrEqual(600)
    // Their next posts carry the profile; no new call for authors already known.
    const before = calls.length
    for (let i = 0; i < 60; i++) post(`did:plc:a${i}`, `second${i}`)
    post('did:plc:gone', 'second-gone')
    await waitFor(() => rec.posts.length >= 122, 5000, 'the second posts')
    await sleep(300)
    await source.stop()
    expect(calls.length).toBe(before)
    expect(rec.posts.find((p) => p.id.endsWith('/second7'))!.author).toEqual({ id: 'did:plc:a7', handle: 'a7.bsky.social', followers: 1007, createdAt: '2023-04-05T06:07:08.000Z' })
    expect(rec.posts.find((p) => p.id.endsWith('/second-gone'))!.author).toEqual({ id: 'did:plc:gone' })
    expect(rec.invalid).toEqual([])
  })
})
