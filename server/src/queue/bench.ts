// Queue query cost on a scratch embedded store: `npx tsx server/src/queue/bench.ts` (QUEUE_BENCH_POSTS, default 2M
// posts over the last 24 h, a third of them questions/complaints/claims, plus reposts of some). Prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openStore } from '../store/client.ts'
import { migrate } from '../store/migrate.ts'
import { listQueue, summarize } from '../store/queue.ts'
import { DEFAULT_SETTINGS } from './settings.ts'

const POSTS = Number(process.env.QUEUE_BENCH_POSTS ?? 2_000_000)
const REPOSTS = Math.round(POSTS / 10)
const RUNS = 5

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const times: number[] = []
  let value!: T
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    value = await fn()
    times.push(performance.now() - t0)
  }
  return { ms: Math.round(times.sort((a, b) => a - b)[RUNS >> 1]), value }
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pulso-queue-bench-'))
  const store = await openStore({ dataDir, clickhouseUrl: undefined, clickhouseUser: '', clickhousePassword: '', clickhouseDatabase: '', clickhouseMaxMemoryBytes: 2e9 })
  try {
    await migrate(store.client)
    const now = Date.now()
    // Originals spread over 24 h; every third is in the queue's intents; five entities.
    await store.client.command({
      query: `INSERT INTO posts (id, source, created_at, author_id, author_followers, author_verified, text, entities, intent, nature, anger, likes)
        SELECT concat('p', toString(number)), 'bench', fromUnixTimestamp64Milli(toInt64(${now} - (number * 86400000 / ${POSTS}))),
          concat('u', toString(number % 50000)), toUInt32(pow(10, (number % 61) / 10)), number % 97 = 0, 'bench post',
          [['ruiz', 'vidal', 'soto', 'molina', 'ondanet'][number % 5 + 1]],
          ['question', 'complaint', 'claim', 'praise', 'other', 'suggestion', 'other', 'praise', 'other'][number % 9 + 1],
          ['', 'safety', 'price', 'performance', 'after_sales', 'product_failure', 'claims_handling'][number % 7 + 1],
          (number % 10) / 10, number % 300
        FROM numbers(${POSTS})`,
    })
    // Reposts of recent queue posts, within the last 20 minutes.
    await store.client.command({
      query: `INSERT INTO posts (id, source, created_at, author_id, text, entities, repost_of, intent)
        SELECT concat('r', toString(number)), 'bench', fromUnixTimestamp64Milli(toInt64(${now} - (number % 1200) * 1000)), concat('ru', toString(number)), 'RT',
          ['ondanet'], concat('p', toString((number % 2000) * 9 + 1)), 'other'
        FROM numbers(${REPOSTS})`,
    })
    const at = Date.now()
    const page = await timed(() => listQueue(store.client, DEFAULT_SETTINGS, {}, { offset: 0, limit: 50 }, at))
    const filtered = await timed(() => listQueue(store.client, DEFAULT_SETTINGS, { entities: ['ondanet'], natures: ['safety'], minPriority: 40 }, { offset: 0, limit: 50 }, at))
    const deep = await timed(() => listQueue(store.client, DEFAULT_SETTINGS, {}, { offset: 5000, limit: 50 }, at))
    const summary = await timed(() => summarize(store.client, DEFAULT_SETTINGS, at))
    console.log(
      JSON.stringify({
        posts: POSTS,
        reposts: REPOSTS,
        queued: page.value.total,
        firstPageMs: page.ms,
        filteredPageMs: filtered.ms,
        offset5000Ms: deep.ms,
        summaryMs: summary.ms,
        topPriority: page.value.items[0]?.priority,
      }),
    )
  } finally {
    await store.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
main()
