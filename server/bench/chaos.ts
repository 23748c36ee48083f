// `npm run chaos`: the long durability checks (issue: nothing lost, nothing twice), scripted rather than unit tests.
//  1. kill -9 of the server while a producer sends CHAOS_RATE posts/s for CHAOS_SECONDS, then restart: every
//     acknowledged post is stored exactly once (ids compared).
//  2. the store fails for CHAOS_OUTAGE_S seconds under load, then recovers: 0 lost, 0 duplicated.
import type { PostInput } from '@pulso/types'
import { buildApp } from '../src/app.ts'
import { openStore } from '../src/store/client.ts'
import { sleep, startServer } from './harness.ts'
import { postNdjson } from './load.ts'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const RATE = Number(process.env.CHAOS_RATE ?? 10_000)
const SECONDS = Number(process.env.CHAOS_SECONDS ?? 30)
const OUTAGE_S = Number(process.env.CHAOS_OUTAGE_S ?? 60)

let n = 0
const make = (count: number): PostInput[] =>
  Array.from({ length: count }, () => ({ id: `ch-${n++}`, source: 'chaos', createdAt: new Date().toISOString(), text: `Elena Ruiz post ${n}`, author: { id: `a${n % 999}` } }))

/** A producer that re-sends a batch until it is acknowledged, as real producers do; returns the acknowledged ids. */
async function produce(url: () => string, seconds: number, rate: number, onTick?: (elapsedS: number) => Promise<void>) {
  const acked: string[] = []
  const everyMs = 100
  const start = Date.now()
  const inflight = new Set<Promise<void>>()
  let next = start
  let lastTick = -1
  while (Date.now() - start < seconds * 1000) {
    const s = Math.floor((Date.now() - start) / 1000)
    if (s !== lastTick) (lastTick = s), await onTick?.(s)
    const batch = make(Math.round((rate * everyMs) / 1000))
    const body = batch.map((p) => JSON.stringify(p)).join('\n')
    const p: Promise<void> = (async () => {
      for (;;) {
        const r = await postNdjson(url(), body).catch(() => ({ status: 0, json: {} }))
        if (r.status === 202) return void acked.push(...batch.map((b) => b.id))
        await sleep(200)
      }
    })().finally(() => inflight.delete(p))
    inflight.add(p)
    while (inflight.size >= 32) await Promise.race(inflight)
    next += everyMs
    await sleep(Math.max(0, next - Date.now()))
  }
  await Promise.all(inflight)
  return acked
}

async function verify(dataDir: string, acked: string[], label: string) {
  const store = await openStore({ dataDir, clickhouseUrl: undefined, clickhouseUser: '', clickhousePassword: '', clickhouseDatabase: '', clickhouseMaxMemoryBytes: 4e9 })
  const rs = await store.client.query({ query: `SELECT id, count() AS c FROM posts WHERE source = 'chaos' GROUP BY id`, format: 'JSONEachRow' })
  const rows = await rs.json<{ id: string; c: string }>()
  await store.close()
  const stored = new Set(rows.map((r) => r.id))
  const lost = acked.filter((id) => !stored.has(id)).length
  const doubled = rows.filter((r) => Number(r.c) > 1).length
  console.log(`${label}: acknowledged ${acked.length}, stored ${stored.size} distinct, lost ${lost}, stored twice ${doubled}`)
  return lost === 0 && doubled === 0
}

async function kill9() {
  let server = await startServer({})
  const { dataDir, port } = server
  const acked = await produce(() => server.url, SECONDS, RATE, async (s) => {
    if (s === Math.floor(SECONDS / 2)) {
      console.log(`kill -9 at ${s} s`)
      server.child.kill('SIGKILL')
      await new Promise((r) => server.child.once('exit', r))
      server = await startServer({}, dataDir, port)
      console.log('restarted')
    }
  })
  await server.stop()
  return verify(dataDir, acked, `kill -9 with ${RATE} posts/s offered (${Math.round(acked.length / SECONDS)}/s acknowledged)`)
}

async function outage() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pulso-chaos-'))
  const app = await buildApp({ logger: false, config: { dataDir, demo: false, rateLimitPerMinute: 1e9 } })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  const real = app.store.client.insert.bind(app.store.client)
  const total = OUTAGE_S + 20
  const acked = await produce(() => url, total, Math.min(RATE, 2000), async (s) => {
    if (s === 5) (app.store.client.insert = (async () => { throw new Error('simulated outage') }) as typeof real), console.log(`store down for ${OUTAGE_S} s`)
    if (s === 5 + OUTAGE_S) (app.store.client.insert = real), console.log(`store back (spool ${Math.round(app.frontDoor.stats.spooledBytes / 1024)} KiB)`)
  })
  while (app.frontDoor.stats.spooledBytes > 0) await sleep(200)
  await app.close()
  return verify(dataDir, acked, `store outage of ${OUTAGE_S} s`)
}

const ok = [await kill9(), await outage()]
console.log(ok.every(Boolean) ? 'chaos: PASS' : 'chaos: FAIL')
process.exit(ok.every(Boolean) ? 0 : 1)
