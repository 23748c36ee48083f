// The cases query's cost on a scratch embedded store: `npx tsx server/src/queue/cases-bench.ts` (CASES_BENCH_QUEUED,
// default 50k queued posts among 3× as many in the last 24 h). Queued texts retell 2,000 stories (10 words from a
// 5,000-word vocabulary, one word in two posts swapped), so grouping has real work. Prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openStore } from '../store/client.ts'
import { migrate } from '../store/migrate.ts'
import { listCases, skipWords } from '../store/cases.ts'
import { DEFAULT_SETTINGS } from './settings.ts'

const QUEUED = Number(process.env.CASES_BENCH_QUEUED ?? 50_000)
const POSTS = QUEUED * 3
const STORIES = 2000
const RUNS = 5

async function timed<T>(fn: () => Promise<T>, runs = RUNS): Promise<{ ms: number; value: T }> {
  const times: number[] = []
  let value!: T
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    value = await fn()
    times.push(performance.now() - t0)
  }
  return { ms: Math.round(times.sort((a, b) => a - b)[runs >> 1]), value }
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pulso-cases-bench-'))
  const store = await openStore({ dataDir, clickhouseUrl: undefined, clickhouseUser: '', clickhousePassword: '', clickhouseDatabase: '', clickhouseMaxMemoryBytes: 2e9 })
  try {
    await migrate(store.client)
    const now = Date.now()
    const word = (seed: string) => `concat('w', toString(cityHash64(${seed}) % 5000))`
    const story = `number % ${STORIES}`
    const words = `arrayMap(i -> if(i = number % 10 AND number % 2 = 0, ${word('number, 99')}, ${word(`${story}, i`)}), range(10))`
    await store.client.command({
      query: `INSERT INTO posts (id, source, created_at, author_id, author_followers, author_verified, text, entities, intent, nature, anger, likes)
        SELECT concat('p', toString(number)), 'bench', fromUnixTimestamp64Milli(toInt64(${now} - (number * 86400000 / ${POSTS}))),
          concat('u', toString(number % 50000)), toUInt32(pow(10, (number % 61) / 10)), number % 97 = 0,
          if(number % 3 = 0, arrayStringConcat(${words}, ' '), 'bench post'),
          [['ruiz', 'vidal', 'soto', 'molina', 'ondanet'][intDiv(number, 3) % 5 + 1]],
          if(number % 3 = 0, ['question', 'complaint', 'claim'][intDiv(number, 3) % 3 + 1], 'other'),
          ['', 'safety', 'price', 'performance', 'after_sales', 'product_failure', 'claims_handling'][number % 7 + 1],
          (number % 10) / 10, number % 300
        FROM numbers(${POSTS})`,
    })
    const skip = skipWords([])
    const at = Date.now()
    // The first read hashes every capped text (cold); later ones hash only posts not seen before (warm).
    const all = { ...DEFAULT_SETTINGS, cases: { ...DEFAULT_SETTINGS.cases, maxPosts: QUEUED } }
    const coldAll = await timed(() => listCases(store.client, all, { limit: 50 }, skip, at), 1)
    const whole = await timed(() => listCases(store.client, all, { limit: 50 }, skip, at))
    const capped = await timed(() => listCases(store.client, DEFAULT_SETTINGS, { limit: 50 }, skip, at))
    const one = await timed(() => listCases(store.client, all, { entities: ['ondanet'], limit: 50 }, skip, at))
    console.log(
      JSON.stringify({
        posts: POSTS,
        queued: QUEUED,
        stories: STORIES,
        [`cases_maxPosts${DEFAULT_SETTINGS.cases.maxPosts}`]: { ms: capped.ms, cases: capped.value.total, truncated: capped.value.truncated },
        coldAllMs: coldAll.ms,
        [`cases_all${QUEUED}`]: { ms: whole.ms, cases: whole.value.total, truncated: whole.value.truncated, biggest: whole.value.cases.map((c) => c.count).sort((a, b) => b - a).slice(0, 3) },
        casesOneEntityMs: one.ms,
      }),
    )
  } finally {
    await store.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
main()
