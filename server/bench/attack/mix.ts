import { gzipSync } from 'node:zlib'
import { io as connect } from 'socket.io-client'
import { hit, loop, sleep, slowBody } from './http.ts'

export interface Target {
  url: string
  port: number
  admin: string
  viewer: string
}
export type Tally = Record<string, Record<number | string, number>>

const ndjson = { 'content-type': 'application/x-ndjson' }
const auth = (token: string) => ({ authorization: `Bearer ${token}` })

/** Every client event with null, missing, wrong-typed and oversized payloads, as admin and as viewer. */
async function socketAbuse(t: Target, until: number, tally: Tally) {
  const bad: unknown[][] = [[null], [], [undefined], [42], ['x'], [[]], [{ id: 5 }], [{ id: 'a', status: 'nope' }], [{ id: 'a'.repeat(100_000), status: 'open' }], [null, 'not-a-function']]
  const counts = (tally.socket = { sent: 0, answered: 0, disconnected: 0 })
  while (Date.now() < until) {
    for (const token of [t.admin, t.viewer]) {
      const s = connect(t.url, { transports: ['websocket'], auth: { token }, reconnection: false, localAddress: '127.0.0.2' } as never)
      s.on('client:error', () => counts.answered++)
      s.on('disconnect', () => counts.disconnected++)
      await new Promise<void>((r) => (s.once('connect', () => r()), s.once('connect_error', () => r()), setTimeout(r, 2000)))
      for (const args of bad) {
        counts.sent++
        s.emit('alert:status', ...(args as []))
        s.emit('no-such-event' as never, ...(args as []))
      }
      await sleep(200)
      s.close()
    }
  }
}

/** Bodies built to freeze or bloat: 500k tiny lines, 16 MB of them, a 16 MB JSON array, a gzip bomb. */
async function bigBodies(t: Target, until: number, tally: Tally) {
  const tiny = '{}\n'.repeat(500_000)
  const sixteen = Buffer.alloc(16 * 1024 * 1024 - 1024, '{}\n')
  const array = `[${'{},'.repeat(5_000_000)}{}]`.slice(0, 16 * 1024 * 1024 - 1024)
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, '{}\n'))
  const bodies: [string, Record<string, string>, string | Buffer][] = [
    ['500k lines', ndjson, tiny],
    ['16 MB lines', ndjson, sixteen],
    ['16 MB array', { 'content-type': 'application/json' }, array],
    ['gzip bomb', { ...ndjson, 'content-encoding': 'gzip' }, bomb],
  ]
  tally.bodies = {}
  for (let i = 0; Date.now() < until; i++) {
    const [name, headers, body] = bodies[i % bodies.length]
    const r = await hit(`${t.url}/api/ingest`, { method: 'POST', headers: { ...headers, ...auth(t.admin) }, body, from: '127.0.0.6' })
    tally.bodies[`${name} → ${r.status}`] = (tally.bodies[`${name} → ${r.status}`] ?? 0) + 1
    await sleep(500)
  }
}

/** Posts that a store refuses or a wall should not render: lone surrogates, control bytes, script URLs. */
async function poison(t: Target, until: number, tally: Tally) {
  let n = 0
  tally.poison = await loop(until, async () => {
    const lines = Array.from({ length: 5 }, () => {
      n++
      return `{"id":"poison-${n}","source":"attack","createdAt":"${new Date().toISOString()}","text":"bad \\ud800 text ${n} \\u0000","author":{"id":"\\udfff"},"url":"javascript:alert(1)"}`
    })
    return (await hit(`${t.url}/api/ingest`, { method: 'POST', headers: { ...ndjson, ...auth(t.admin) }, body: lines.join('\n'), from: '127.0.0.7' })).status
  }, 100)
}

/** Token guessing at ~50/s over HTTP (API and /metrics) and the socket.io handshake. */
async function guessing(t: Target, until: number, tally: Tally) {
  let i = 0
  const http = loop(until, async () => (await hit(`${t.url}/${i++ % 2 ? 'metrics' : 'api/alerts'}`, { headers: auth(`guess-${i}`), from: '127.0.0.3' })).status, 25)
  const ws = (async () => {
    const codes: Record<string, number> = {}
    while (Date.now() < until) {
      const s = connect(t.url, { transports: ['websocket'], auth: { token: `guess-${i++}` }, reconnection: false, localAddress: '127.0.0.3' } as never)
      const msg = await new Promise<string>((r) => (s.once('connect', () => r('connected!')), s.once('connect_error', (e) => r(e.message.split(':')[0]))))
      codes[msg] = (codes[msg] ?? 0) + 1
      s.close()
      await sleep(40)
    }
    return codes
  })()
  ;[tally.guessHttp, tally.guessSocket] = await Promise.all([http, ws])
}

/** Percent-encoded paths that used to escape the limiter, and eight viewers looping the feed at changing times. */
async function floods(t: Target, until: number, tally: Tally) {
  const encoded = loop(until, async () => (await hit(`${t.url}/%61pi/alerts`, { headers: auth(t.viewer), from: '127.0.0.4' })).status)
  let k = 0
  const feeds = Array.from({ length: 8 }, () => loop(until, async () => (await hit(`${t.url}/api/feed?at=${Date.now() - k++ * 7000}`, { headers: auth(t.viewer), from: '127.0.0.5' })).status))
  const [enc, ...fs] = await Promise.all([encoded, ...feeds])
  tally.encodedPaths = enc
  const feed: Record<string, number> = {}
  for (const codes of fs) for (const [status, count] of Object.entries(codes)) feed[status] = (feed[status] ?? 0) + count
  tally.feed = feed
}

/** Twenty connections that send their body one byte every 200 ms. */
async function slowloris(t: Target, until: number, tally: Tally) {
  const held: number[] = []
  while (Date.now() < until) held.push(...(await Promise.all(Array.from({ length: 20 }, () => slowBody(t.port, '127.0.0.8')))))
  tally.slowloris = { connections: held.length, longestHeldMs: Math.max(...held) }
}

/** The whole hostile mix, concurrently, for `seconds`. */
export async function attack(t: Target, seconds: number): Promise<Tally> {
  const until = Date.now() + seconds * 1000
  const tally: Tally = {}
  await Promise.all([socketAbuse, bigBodies, poison, guessing, floods, slowloris].map((f) => f(t, until, tally)))
  return tally
}
