/**
 * An example HTTP producer: pushes posts to Pulso's ingest endpoint (POST /api/ingest, NDJSON) in batches,
 * honouring 503 + Retry-After (store unavailable: wait and re-send, never drop). Any tool that can POST lines of
 * JSON can do the same; this is the reference.
 *
 *   npx tsx ingest/scripts/produce.ts posts.jsonl               # a JSONL/NDJSON file (PostInput per line)
 *   some-scraper | npx tsx ingest/scripts/produce.ts -          # or standard input
 *   npx tsx ingest/scripts/produce.ts --sample 30 --rate 20     # 30 s of generated demo posts at 20/s
 *
 * Options: --url (env PULSO_URL, default http://localhost:3000), --batch 500 posts per request,
 * --token (env PULSO_TOKEN, sent as a Bearer token if your deployment puts auth in front).
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG_FILE } from '../src/paths.ts'
import { loadEntities } from '../src/entities.ts'
import { createDemoGenerator, defaultSurges } from '../src/sources/demo/index.ts'

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: process.env.PULSO_URL ?? 'http://localhost:3000' },
    batch: { type: 'string', default: '500' },
    token: { type: 'string', default: process.env.PULSO_TOKEN },
    sample: { type: 'string' },
    rate: { type: 'string', default: '20' },
    config: { type: 'string', default: DEFAULT_CONFIG_FILE },
  },
})
const endpoint = new URL('/api/ingest', opt.url).toString()
const batchSize = Math.max(1, Number(opt.batch))
let sent = 0
let accepted = 0
let rejected = 0

/** One request; on 503 (or a network error) wait and send the same lines again. */
async function post(lines: string[]): Promise<void> {
  for (let wait = 1000; ; wait = Math.min(wait * 2, 30_000)) {
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', ...(opt.token ? { authorization: `Bearer ${opt.token}` } : {}) },
        body: lines.join('\n'),
      })
      const body = (await res.json().catch(() => ({}))) as { accepted?: number; rejected?: { line: number; error: string }[]; error?: string }
      if (res.status === 503) {
        wait = Math.max(wait, Number(res.headers.get('retry-after') ?? 1) * 1000)
        console.error(`store unavailable, retrying in ${Math.round(wait / 1000)} s`)
      } else if (!res.ok) {
        throw new Error(`HTTP ${res.status}: ${body.error ?? JSON.stringify(body)}`)
      } else {
        sent += lines.length
        accepted += body.accepted ?? 0
        rejected += body.rejected?.length ?? 0
        for (const r of body.rejected?.slice(0, 3) ?? []) console.error(`  line ${sent - lines.length + r.line}: ${r.error}`)
        return
      }
    } catch (e) {
      if (/^HTTP 4/.test((e as Error).message)) throw e // our mistake: retrying will not help
      console.error(`${(e as Error).message}; retrying in ${Math.round(wait / 1000)} s`)
    }
    await new Promise((r) => setTimeout(r, wait))
  }
}

async function fromLines(input: NodeJS.ReadableStream) {
  let batch: string[] = []
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (!line.trim()) continue
    batch.push(line)
    if (batch.length >= batchSize) await post(batch), (batch = [])
  }
  if (batch.length) await post(batch)
}

async function fromSample(seconds: number, rate: number) {
  const entities = loadEntities(opt.config)
  const gen = createDemoGenerator(entities, { rate, cycleS: 300, surges: defaultSurges(entities), seed: Date.now() % 1e9 })
  let last = Date.now()
  const end = last + seconds * 1000
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 1000))
    const now = Date.now()
    const posts = gen.posts(last, now).map((p) => ({ ...p, source: 'producer' }))
    last = now
    for (let i = 0; i < posts.length; i += batchSize) await post(posts.slice(i, i + batchSize).map((p) => JSON.stringify(p)))
  }
}

const started = Date.now()
if (opt.sample) await fromSample(Number(opt.sample), Number(opt.rate))
else if (positionals[0] && positionals[0] !== '-') await fromLines(createReadStream(positionals[0]))
else await fromLines(process.stdin)
console.error(`${sent} sent, ${accepted} accepted, ${rejected} rejected in ${((Date.now() - started) / 1000).toFixed(1)} s → ${endpoint}`)
process.exitCode = rejected ? 1 : 0
