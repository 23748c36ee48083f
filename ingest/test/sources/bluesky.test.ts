import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import type { AddressInfo } from 'node:net'
import { sourcesSchema, createSource, type Source } from '../../src/sources/index.ts'
import { duplicates, recorder, sleep, waitFor } from './helpers.ts'

/**
 * A local Jetstream: events with increasing `time_us`; a client with `?cursor=` gets every logged event from that
 * time on (Jetstream's replay), then live ones. Ten kinds of event repeat every ten: matching posts, a non-matching
 * post, reposts of a matching and of a non-matching post, a reply to a matching post, identity, delete.
 */
const T0 = (Date.now() - 120_000) * 1000
const STEP = 100_000 // µs between events: a 3 s rewind covers 30 events
const did = (i: number) => `did:plc:user${i % 7}`
const uri = (i: number) => `at://${did(i)}/app.bsky.feed.post/p${i}`
function event(i: number) {
  const time_us = T0 + i * STEP
  const base = { did: did(i), time_us, kind: 'commit' }
  const post = (text: string, extra = {}) => ({ ...base, commit: { rev: 'r', operation: 'create', collection: 'app.bsky.feed.post', rkey: `p${i}`, cid: 'c', record: { $type: 'app.bsky.feed.post', text, langs: ['es'], createdAt: new Date(time_us / 1000).toISOString(), ...extra } } })
  const repost = (of: number) => ({ ...base, commit: { rev: 'r', operation: 'create', collection: 'app.bsky.feed.repost', rkey: `r${i}`, cid: 'c', record: { $type: 'app.bsky.feed.repost', subject: { uri: uri(of), cid: 'c' }, createdAt: new Date(time_us / 1000).toISOString() } } })
  switch (i % 10) {
    case 4: return post(`hoy llueve en Madrid ${i}`)
    case 5: return repost(i - 5) // of a matching post
    case 6: return repost(i - 2) // of the non-matching one
    case 7: return post(`qué mentira ${i}`, { reply: { root: { uri: uri(i - 7), cid: 'c' }, parent: { uri: uri(i - 7), cid: 'c' } } })
    case 8: return { ...base, kind: 'identity', identity: { did: did(i), handle: `user${i % 7}.bsky.social`, seq: i, time: new Date().toISOString() } }
    case 9: return { ...base, commit: { rev: 'r', operation: 'delete', collection: 'app.bsky.feed.post', rkey: `p${i - 9}` } }
    // Several languages: the first Pulso reads (es/en) counts, else the first one given.
    case 1: return post(`Elena Ruiz habla de pensiones ${i} #RuizPresidenta`, { langs: ['ca', 'es'] })
    case 2: return post(`Elena Ruiz habla de pensiones ${i} #RuizPresidenta`, { langs: ['pt', 'fr'] })
    default: return post(`Elena Ruiz habla de pensiones ${i} #RuizPresidenta`)
  }
}
const expectedIds = (from: number, to: number) => {
  const out: string[] = []
  for (let i = from; i < to; i++) {
    const k = i % 10
    if (k <= 3 || k === 7) out.push(uri(i))
    if (k === 5) out.push(`at://${did(i)}/app.bsky.feed.repost/r${i}`)
  }
  return out
}

describe('Bluesky Jetstream source', () => {
  let wss: WebSocketServer
  let url: string
  const log: ReturnType<typeof event>[] = []
  const connections: URL[] = []
  let phase: (ws: WebSocket, cursor: number | null) => void = () => {}

  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await new Promise((r) => wss.once('listening', r))
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/subscribe`
    wss.on('connection', (ws, req) => {
      const u = new URL(req.url!, 'http://x')
      connections.push(u)
      const c = u.searchParams.get('cursor')
      const cursor = c === null ? null : Number(c)
      if (cursor !== null) for (const e of log) if (e.time_us >= cursor) ws.send(JSON.stringify(e))
      phase(ws, cursor)
    })
  })
  afterAll(() => new Promise<void>((r) => wss.close(() => r())))

  it('maps posts, reposts and replies; after a forced disconnect and a restart it resumes from its cursor with no gap and no duplicate', async () => {
    const rec = recorder({ failFirst: 2 }) // the store is down for the first two batches: they must be re-sent
    const [spec] = sourcesSchema.parse([{ kind: 'bluesky', url, profiles: false }])
    const emitLive = (ws: WebSocket, from: number, to: number) => {
      for (let i = from; i < to; i++) log.push(event(i)), ws.send(JSON.stringify(log[log.length - 1]))
    }
    // Connection 1: 40 events, malformed ones among them, then the connection drops mid-stream.
    phase = (ws) => {
      emitLive(ws, 0, 20)
      ws.send('{not json')
      ws.send(JSON.stringify({ kind: 'commit', commit: {} }))
      ws.send(JSON.stringify({ did: 'did:plc:x', time_us: T0 + 19 * STEP + 1, kind: 'commit', commit: { operation: 'create', collection: 'app.bsky.feed.post', rkey: 'bad' } }))
      emitLive(ws, 20, 40)
      setTimeout(() => {
        for (let i = 40; i < 60; i++) log.push(event(i)) // posted while we are away
        ws.terminate()
      }, 300)
      phase = (ws2) => emitLive(ws2, 60, 80) // connection 2: replay from the cursor, then live
    }
    let source: Source = createSource(spec, rec.ctx)
    source.start()
    await waitFor(() => rec.posts.length >= expectedIds(0, 80).length, 20_000, 'posts 0..79')
    await new Promise((r) => setTimeout(r, 300))
    await source.stop()

    expect(connections).toHaveLength(2)
    expect(connections[0].searchParams.getAll('wantedCollections')).toEqual(['app.bsky.feed.post', 'app.bsky.feed.repost'])
    expect(connections[0].searchParams.get('cursor')).toBeNull()
    // Resumed from the committed cursor (the last event of connection 1), rewound 3 s as Jetstream advises.
    expect(Number(connections[1].searchParams.get('cursor'))).toBe(T0 + 39 * STEP - 3_000_000)
    expect(duplicates(rec.posts.map((p) => p.id))).toEqual([])
    expect(rec.posts.map((p) => p.id).sort()).toEqual(expectedIds(0, 80).sort())
    expect(rec.invalid).toEqual([])
    const st = source.status()
    expect(st.errors).toBeGreaterThanOrEqual(3 + 1) // three malformed events, one disconnect
    expect(st.total).toBe(rec.posts.length)
    expect(st.cursor).toBe(String(T0 + 79 * STEP))
    expect(st.state).toBe('stopped')

    const repost = rec.posts.find((p) => p.id.endsWith('/r15'))!
    expect(repost.repostOf).toBe(uri(10))
    expect(repost.text).toBe(rec.posts.find((p) => p.id === uri(10))!.text)
    const reply = rec.posts.find((p) => p.id === uri(17))!
    expect(reply.text).toMatch(/^qué mentira 17\n\n» Elena Ruiz/)
    expect(rec.posts.find((p) => p.id === uri(29))).toBeUndefined() // after identity: p29 is a delete, never a post
    expect(rec.posts.find((p) => p.id === uri(32))!.author).toEqual({ id: did(32), handle: `user${32 % 7}.bsky.social` }) // learnt at event 18
    expect(rec.posts.find((p) => p.id === uri(2))!.author).toEqual({ id: did(2) }) // no identity event yet
    expect(rec.posts.find((p) => p.id === uri(0))!.lang).toBe('es')
    expect(rec.posts.find((p) => p.id === uri(1))!.lang).toBe('es') // langs ["ca", "es"]: not "ca" (→ other)
    expect(rec.posts.find((p) => p.id === uri(2))!.lang).toBe('pt')

    // Restart: a new adapter with the same cursors re-reads the rewound overlap and stores only what is new.
    const before = rec.posts.length
    phase = (ws) => emitLive(ws, 80, 90)
    source = createSource(spec, rec.ctx)
    source.start()
    await waitFor(() => rec.posts.length >= before + expectedIds(80, 90).length, 10_000, 'posts 80..89')
    await new Promise((r) => setTimeout(r, 300))
    await source.stop()
    expect(Number(connections[2].searchParams.get('cursor'))).toBe(T0 + 79 * STEP - 3_000_000)
    expect(duplicates(rec.posts.map((p) => p.id))).toEqual([])
    expect(rec.posts.slice(before).map((p) => p.id).sort()).toEqual(expectedIds(80, 90).sort())
  })

  it('honours deletes, un-reposts and edits; keeps reply and quote references (issue 16, points 1, 2 and 6)', async () => {
    const rec = recorder()
    const [spec] = sourcesSchema.parse([{ kind: 'bluesky', url, name: 'bsky-honour', profiles: false }])
    const t = (Date.now() - 10_000) * 1000
    const me = 'did:plc:honour'
    const at = (rkey: string, col = 'app.bsky.feed.post') => `at://${me}/${col}/${rkey}`
    const create = (n: number, rkey: string, record: object, col = 'app.bsky.feed.post', operation = 'create') => ({
      did: me, time_us: t + n, kind: 'commit',
      commit: { rev: 'r', operation, collection: col, rkey, cid: 'c', record: { createdAt: new Date((t + n) / 1000).toISOString(), ...record } },
    })
    const del = (n: number, rkey: string, col = 'app.bsky.feed.post') => ({ did: me, time_us: t + n, kind: 'commit', commit: { rev: 'r', operation: 'delete', collection: col, rkey } })
    const events = [
      create(1, 'a', { text: 'Elena Ruiz promete bajar impuestos', langs: ['es'] }),
      create(2, 'b', { text: 'Elena Ruiz miente otra vez', langs: ['es'], reply: { root: { uri: at('a'), cid: 'c' }, parent: { uri: at('a'), cid: 'c' } } }),
      create(3, 'c', { text: 'Elena Ruiz y su promesa, otra más', langs: ['es'], embed: { $type: 'app.bsky.embed.record', record: { uri: at('a'), cid: 'c' } } }),
      create(4, 'q', { text: 'Elena Ruiz, mirad esto', embed: { $type: 'app.bsky.embed.recordWithMedia', record: { record: { uri: at('b'), cid: 'c' } }, media: {} } }),
      create(5, 'r', { subject: { uri: at('a'), cid: 'c' } }, 'app.bsky.feed.repost'),
      create(6, 'a', { text: 'Carmen Soto promete bajar impuestos (editado)', langs: ['es'] }, 'app.bsky.feed.post', 'update'),
      del(7, 'b'),
      del(8, 'r', 'app.bsky.feed.repost'),
      del(9, 'never-seen'),
    ]
    phase = (ws) => events.forEach((e) => ws.send(JSON.stringify(e)))
    const source = createSource(spec, rec.ctx)
    source.start()
    await waitFor(() => rec.removed.length >= 2 && rec.edits.length >= 1, 10_000, 'deletes and the edit')
    await sleep(300)
    await source.stop()
    expect(rec.posts.map((p) => p.id).sort()).toEqual([at('a'), at('c'), at('q')])
    // A delete of a post this source never stored (the firehose carries the whole network's) is not sent on.
    expect(rec.removed).toEqual([at('b'), at('r', 'app.bsky.feed.repost')])
    const a = rec.posts.find((p) => p.id === at('a'))!
    expect(a.text).toBe('Carmen Soto promete bajar impuestos (editado)') // the edit replaced it, counted once
    expect(rec.edits.map((p) => p.id)).toEqual([at('a')])
    expect(rec.posts.find((p) => p.id === at('c'))!.quoteOf).toBe(at('a'))
    expect(rec.posts.find((p) => p.id === at('q'))!.quoteOf).toBe(at('b'))
    expect(rec.invalid).toEqual([])
    expect(source.status()).toMatchObject({ removed: 2, edited: 1 })
  })
})
