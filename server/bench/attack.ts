// `npm run attack`: a bounded hostile mix (issue 13) against the real server on 127.0.0.1, while a wall measures
// tick gaps and a producer sends good posts alongside. Prints a summary and one JSON line; exits 1 past a target.
// ATTACK_SECONDS (default 30) bounds the mix. Targets: tick-gap p99 < 1.5 s, peak RSS < 1.5 GB, 0 lost, 0 crashes.
import { io as connect } from 'socket.io-client'
import { openStore } from '../src/store/client.ts'
import { quantile, sleep, startServer } from './harness.ts'
import { hit } from './attack/http.ts'
import { attack } from './attack/mix.ts'

const SECONDS = Number(process.env.ATTACK_SECONDS ?? 30)
const admin = 'attack-admin-token-0123456789'
const viewer = 'attack-viewer-token-0123456789'

const server = await startServer({ ADMIN_TOKEN: admin, VIEWER_TOKEN: viewer, LOG_LEVEL: 'fatal', RATE_LIMIT_PER_MINUTE: '1500' })
let crashed = false
server.child.once('exit', (code, sig) => void (crashed = !stopping && (console.error(`server died: ${code ?? sig}`), true)))
let stopping = false

// The wall: tick arrival gaps.
const wall = connect(server.url, { transports: ['websocket'], auth: { token: viewer } })
const ticks: number[] = []
wall.on('tick', () => ticks.push(Date.now()))
await new Promise((r) => wall.once('tick', r))

// Peak memory of the server process.
let peakRssMb = 0
const rss = setInterval(() => (peakRssMb = Math.max(peakRssMb, server.rssMb() || 0)), 200)

// A good producer: 200 posts/s, each batch re-sent until acknowledged (as producers do on 429/503).
const acked: string[] = []
const producerCodes: Record<number, number> = {}
let n = 0
const until = Date.now() + SECONDS * 1000
const producer = (async () => {
  while (Date.now() < until) {
    const batch = Array.from({ length: 20 }, () => ({ id: `good-${n++}`, source: 'good', createdAt: new Date().toISOString(), text: `Elena Ruiz habla claro ${n}`, author: { id: `a${n % 97}` } }))
    const body = batch.map((p) => JSON.stringify(p)).join('\n')
    for (let tries = 0; tries < 50; tries++) {
      const r = await hit(`${server.url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${admin}` }, body, from: '127.0.0.1' })
      producerCodes[r.status] = (producerCodes[r.status] ?? 0) + 1
      if (r.status === 202) break
      await sleep(200)
    }
    acked.push(...batch.map((p) => p.id))
    await sleep(100)
  }
})()

const tally = await attack({ url: server.url, port: server.port, admin, viewer }, SECONDS)
await producer
wall.close()
clearInterval(rss)
const healthy = (await hit(`${server.url}/api/health`)).status === 200
stopping = true
if (!crashed) await server.stop()

const store = await openStore({ dataDir: server.dataDir, clickhouseUrl: undefined, clickhouseUser: '', clickhousePassword: '', clickhouseDatabase: '', clickhouseMaxMemoryBytes: 4e9 })
const rows = await (await store.client.query({ query: `SELECT id FROM posts WHERE source = 'good'`, format: 'JSONEachRow' })).json<{ id: string }>()
const poisonStored = await (await store.client.query({ query: `SELECT count() AS c FROM posts WHERE source = 'attack' AND url LIKE 'javascript:%'`, format: 'JSONEachRow' })).json<{ c: string }>()
await store.close()
const stored = new Set(rows.map((r) => r.id))
const lost = acked.filter((id) => !stored.has(id)).length

const gaps = ticks.slice(1).map((t, i) => t - ticks[i])
const result = {
  bench: 'attack',
  seconds: SECONDS,
  tickGapP50Ms: quantile(gaps, 0.5),
  tickGapP99Ms: quantile(gaps, 0.99),
  tickGapMaxMs: Math.max(...gaps),
  peakRssMb: Math.round(peakRssMb),
  goodAcked: acked.length,
  goodStored: stored.size,
  goodLost: lost,
  scriptUrlsStored: Number(poisonStored[0]?.c ?? 0),
  crashes: crashed ? 1 : 0,
  healthyAfter: healthy,
  tally: { producer: producerCodes, ...tally },
}
const pass = result.tickGapP99Ms < 1500 && result.peakRssMb < 1536 && lost === 0 && !crashed && healthy && result.scriptUrlsStored === 0
console.log(`attack ${SECONDS} s: tick gap p50 ${result.tickGapP50Ms} ms, p99 ${result.tickGapP99Ms} ms; peak RSS ${result.peakRssMb} MB; good posts ${acked.length} acknowledged, ${stored.size} stored, ${lost} lost; crashes ${result.crashes}`)
for (const [k, v] of Object.entries(result.tally)) console.log(`  ${k}: ${JSON.stringify(v)}`)
console.log(JSON.stringify(result))
console.log(pass ? 'attack: PASS' : 'attack: FAIL')
process.exit(pass ? 0 : 1)
