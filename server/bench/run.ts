// `npm run bench`: Pulso's speed and memory on this machine. Prints a table, then one JSON line.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { io } from 'socket.io-client'
import type { PostInput, Tick } from '@pulso/types'
import { benchNlp } from '../../ingest/scripts/bench-nlp.ts'
import { benchConfig, median, quantile, sleep, startServer, type ServerProc } from './harness.ts'
import { offer } from './load.ts'
import { historyQuery, insertCeiling, scratchStore, writerCeiling } from './store.ts'
import { loadConfig } from '../src/config.ts'
import { mainThreadCost } from './main-thread.ts'
import { authenticityCost } from './authenticity.ts'

// The ramp starts low: on a loaded 2-core machine the old first stage (5,000/s) already saturated, and five runs in a
// row reported "sustained 0" — a figure that says nothing. Stages stop at the first saturated one.
const RATES = (process.env.BENCH_RATES ?? '1000,2000,3000,4000,5000,7500,10000,15000,20000,30000,40000').split(',').map(Number)
const STAGE_S = Number(process.env.BENCH_STAGE_S ?? 8)
/** Which parts to run (a focused run while tuning one of them): nlp, store, history, authenticity, mainthread, server. */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'nlp,store,history,authenticity,mainthread,server').split(','))
const words = ['debate', 'pensiones', 'vivienda', 'gracias', 'fatal', 'genial', 'no me gusta nada', 'buenísimo 👏', 'qué vergüenza 😡', 'why', 'great answer']

// Shared by every stage: ids never repeat within a run, or the ramp would measure the dedupe (a re-sent id is
// acknowledged as a duplicate without being stored) instead of the inserts.
let n = 0
let last = 0

/** Posts with strictly increasing createdAt, mentioning one of 20 entities each. */
function postMaker() {
  return (count: number): PostInput[] =>
    Array.from({ length: count }, () => {
      const t = Math.max(Date.now(), last + 1e-3)
      last = t
      n++
      const e = `e${String((n % 20) + 1).padStart(2, '0')}`
      return { id: `b${n}`, source: 'bench', createdAt: new Date(t).toISOString(), text: `${e} ${words[n % words.length]} ${words[(n * 7) % words.length]} #tag${n % 50}`, lang: n % 3 ? 'es' : 'en', author: { id: `u${n % 20000}`, followers: n % 5000 } }
    })
}

/** Glass to glass: from a batch's 202 (stored) to the first tick whose dataAt covers it. */
async function latencyAt(server: ServerProc, rate: number, seconds: number) {
  const socket = io(server.url, { transports: ['websocket'] })
  await new Promise((r) => socket.once('snapshot', r))
  const waiting: { createdAt: number; ackedAt: number }[] = []
  const lat: number[] = []
  socket.on('tick', (t: Tick) => {
    const now = Date.now()
    for (let i = waiting.length - 1; i >= 0; i--) {
      if (t.dataAt !== null && waiting[i].createdAt <= t.dataAt) lat.push(now - waiting[i].ackedAt), waiting.splice(i, 1)
    }
  })
  let rss = 0
  const sampler = setInterval(() => (rss = Math.max(rss, server.rssMb())), 500)
  const make = postMaker()
  const r = await offer(server.url, make, rate, seconds, 50, 8, (posts, at) => waiting.push({ createdAt: Date.parse(posts[posts.length - 1].createdAt), ackedAt: at }))
  await sleep(1500)
  clearInterval(sampler)
  socket.close()
  return { ...r, p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), samples: lat.length, rss }
}

/** The real server under load: glass-to-glass latency and RSS at 1k and 10k posts/s, then a ramp to saturation. */
async function serverPart(out: Record<string, number>, row: (name: string, value: string) => void) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulso-bench-cfg-'))
  const server = await startServer({ PULSO_CONFIG: benchConfig(dir, 20), RATE_LIMIT_PER_MINUTE: '10000000' })
  try {
    for (const rate of [1000, 10_000]) {
      const l = await latencyAt(server, rate, 10)
      row(`Glass to glass at ${rate} posts/s offered`, `p50 ${l.p50} ms, p99 ${l.p99} ms (${l.samples} batches; achieved ${Math.round(l.achievedPerS)}/s, failed ${l.failed})`)
      if (rate === 10_000) (out.latency_p50_ms = l.p50), (out.latency_p99_ms = l.p99), (out.rss_mb_at_10k = Math.round(l.rss))
    }
    row('RSS while sustaining 10k posts/s', `${out.rss_mb_at_10k} MB`)
    // The 10k/s latency run leaves the store merging 150k rows' parts for a while; the ramp measures a rested server.
    await sleep(15_000)
    let sustained = 0
    let sent = 0
    let accepted = 0
    for (const rate of RATES) {
      const r = await offer(server.url, postMaker(), rate, STAGE_S, 50, 64)
      sent += r.sent
      accepted += r.accepted
      // Kept: nothing failed, every post acknowledged, and no backlog building up — the last quarter's acks no slower
      // than twice the first quarter's (+250 ms). Acks come after the posts are stored (≈ 0.5–1 s here), so the old
      // bar (achieved ≥ 95 % of offered, the tail of acks counted as lost rate) failed every 8 s stage on this machine
      // even at 1,000/s with all posts stored ("sustained 0" for six rounds). A server that falls behind acks ever later.
      const q = Math.max(1, Math.floor(r.ackMs.length / 4))
      const growing = median(r.ackMs.slice(-q)) > 2 * median(r.ackMs.slice(0, q)) + 250
      const kept = r.failed === 0 && r.accepted === r.sent && !growing
      row(`Offered ${rate} posts/s for ${STAGE_S} s`, `achieved ${Math.round(r.achievedPerS)}/s, ack p50 ${Math.round(median(r.ackMs))} ms, p99 ${Math.round(quantile(r.ackMs, 0.99))} ms, failed ${r.failed}, acks first/last quarter p50 ${Math.round(median(r.ackMs.slice(0, q)))}/${Math.round(median(r.ackMs.slice(-q)))} ms${kept ? '' : '  ← saturated'}`)
      if (!kept) break
      sustained = rate
    }
    out.ingest_posts_per_s = sustained
    const health = await (await fetch(`${server.url}/api/health`)).json()
    row('Ingest sustained, 0 dropped', `${sustained} posts/s (ramp: ${accepted} accepted of ${sent} sent; store holds ${health.rows} rows in all)`)
  } finally {
    await server.stop()
  }
}

async function main() {
  const out: Record<string, number> = {}
  const row = (name: string, value: string) => console.log(`${name.padEnd(44)} ${value}`)

  console.log('Pulso benchmark — one run on this machine; quote medians and ratios.\n')
  if (PARTS.has('nlp')) {
    const nlp = await benchNlp({ posts: 50_000 })
    out.nlp_posts_per_s_core = Math.round(nlp.nlp_posts_per_s_core)
    out.nlp_ratio_vs_wink_sentiment = Number(nlp.nlp_ratio_vs_wink_sentiment.toFixed(2))
    row('NLP analysis, one core', `${out.nlp_posts_per_s_core} posts/s (wink-nlp sentiment: ${Math.round(nlp.wink_sentiment_posts_per_s)}; ratio ${out.nlp_ratio_vs_wink_sentiment})`)
  }
  if (PARTS.has('store')) {
    const store = await scratchStore()
    out.insert_ceiling_rows_per_s = Math.round(await insertCeiling(store))
    row('Insert ceiling (pre-built rows, 10k batches)', `${out.insert_ceiling_rows_per_s} rows/s`)
    const maxRows = loadConfig().batchMaxRows
    out.writer_ceiling_rows_per_s = Math.round(await writerCeiling(store, maxRows))
    row(`Writer ceiling (dedupe + token, ≤${maxRows / 1000}k batches)`, `${out.writer_ceiling_rows_per_s} rows/s`)
    await store.close()
  }
  if (PARTS.has('history')) {
    const h = await historyQuery()
    out.history_query_ms = Number(h.ms.toFixed(1))
    row('History query, 24 h × 20 entities per minute', `${out.history_query_ms} ms median, GET /api/series?format=columns as the wall asks (${h.points} points, ${(h.bytes / 1e6).toFixed(1)} MB); as points ${h.pointsMs.toFixed(1)} ms; querySeries alone ${h.sqlMs.toFixed(1)} ms`)
  }
  if (PARTS.has('authenticity')) {
    const a = await authenticityCost()
    out.authenticity_refresh_cpu_ms = Math.round(a.cpuMs)
    row('Authenticity board refresh, 20 entities', `${out.authenticity_refresh_cpu_ms} ms CPU, ${Math.round(a.wallMs)} ms wall median (10 min of the demo, ${a.posts} posts)`)
  }
  if (PARTS.has('mainthread')) {
    const m = await mainThreadCost()
    out.main_thread_us_per_post = m.mainThreadUsPerPost
    row(`Main thread CPU per post at ${m.rate / 1000}k/s offered`, `${m.mainThreadUsPerPost} µs (${m.accepted} posts, achieved ${m.achievedPerS}/s)`)
  }
  if (PARTS.has('server')) await serverPart(out, row)
  console.log(JSON.stringify(out))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
