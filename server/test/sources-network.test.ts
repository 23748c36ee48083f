import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import { DEFAULT_CONFIG_FILE } from '@pulso/ingest/paths'
import { queryRows, testApp } from './helpers.ts'

// A local Jetstream: posts about the debate, reposts of them, and a cursor it honours on reconnect.
const T0 = (Date.now() - 60_000) * 1000
const STEP = 50_000 // µs
const did = (i: number) => `did:plc:viewer${i % 40}`
const uri = (i: number) => `at://${did(i)}/app.bsky.feed.post/p${i}`
function event(i: number) {
  const time_us = T0 + i * STEP
  const createdAt = new Date(time_us / 1000).toISOString()
  if (i % 5 === 4) {
    const of = i - 2
    return { did: did(i), time_us, kind: 'commit', commit: { rev: 'r', operation: 'create', collection: 'app.bsky.feed.repost', rkey: `r${i}`, cid: 'c', record: { $type: 'app.bsky.feed.repost', subject: { uri: uri(of), cid: 'c' }, createdAt } } }
  }
  return { did: did(i), time_us, kind: 'commit', commit: { rev: 'r', operation: 'create', collection: 'app.bsky.feed.post', rkey: `p${i}`, cid: 'c', record: { $type: 'app.bsky.feed.post', text: `Carmen Soto ha ganado el debate ${i}`, langs: ['es'], createdAt } } }
}

describe('a network source through the whole pipeline into the store', () => {
  let wss: WebSocketServer
  afterAll(() => new Promise<void>((r) => (wss ? wss.close(() => r()) : r())))

  it('Bluesky: after a forced disconnect it resumes from its cursor — no gap, no duplicate in posts; reposts apart', async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await new Promise((r) => wss.once('listening', r))
    const log: object[] = []
    const cursors: (string | null)[] = []
    let connection = 0
    wss.on('connection', (ws: WebSocket, req) => {
      const cursor = new URL(req.url!, 'http://x').searchParams.get('cursor')
      cursors.push(cursor)
      if (cursor !== null) for (const e of log) if ((e as { time_us: number }).time_us >= Number(cursor)) ws.send(JSON.stringify(e))
      const live = (from: number, to: number) => {
        for (let i = from; i < to; i++) log.push(event(i)), ws.send(JSON.stringify(log[log.length - 1]))
      }
      if (connection++ === 0) {
        live(0, 300)
        setTimeout(() => {
          for (let i = 300; i < 400; i++) log.push(event(i)) // posted while the connection is down
          ws.terminate()
        }, 400)
      } else live(400, 500)
    })
    const dir = mkdtempSync(path.join(tmpdir(), 'pulso-bsky-'))
    const config = path.join(dir, 'pulso.yaml')
    writeFileSync(config, readFileSync(DEFAULT_CONFIG_FILE, 'utf8') + `\nsources:\n  - kind: bluesky\n    url: ws://127.0.0.1:${(wss.address() as AddressInfo).port}/subscribe\n    profiles: false\n`)
    const t = await testApp({ configFile: config })
    try {
      await t.app.ready()
      const count = async () => Number((await queryRows<{ n: string }>(t.app, `SELECT count() AS n FROM posts WHERE source = 'bluesky'`))[0].n)
      const deadline = Date.now() + 30_000
      while ((await count()) < 500 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 300))
      expect(await count()).toBe(500)
      await new Promise((r) => setTimeout(r, 500)) // nothing more may arrive
      expect(cursors.length).toBe(2)
      expect(cursors[0]).toBeNull()
      expect(Number(cursors[1])).toBeGreaterThan(T0)
      const rows = await queryRows<{ id: string; c: string; repost_of: string }>(t.app, `SELECT id, count() AS c, any(repost_of) AS repost_of FROM posts WHERE source = 'bluesky' GROUP BY id`)
      expect(rows.filter((r) => Number(r.c) > 1)).toEqual([])
      const expected = Array.from({ length: 500 }, (_, i) => (i % 5 === 4 ? `at://${did(i)}/app.bsky.feed.repost/r${i}` : uri(i))).sort()
      expect(rows.map((r) => r.id).sort()).toEqual(expected)
      expect(rows.filter((r) => r.repost_of).length).toBe(100)
      const [agg] = await queryRows<{ posts: string; reposts: string }>(t.app, `SELECT sum(posts) AS posts, sum(reposts) AS reposts FROM entity_seconds WHERE entity = 'soto'`)
      expect({ posts: Number(agg.posts), reposts: Number(agg.reposts) }).toEqual({ posts: 500, reposts: 100 })
      const health = (await t.app.inject('/api/health')).json()
      expect(health.sources[0]).toMatchObject({ kind: 'bluesky', total: 500 })
    } finally {
      await t.close()
    }
  }, 60_000)
})
