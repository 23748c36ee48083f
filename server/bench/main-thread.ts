// The main thread's CPU cost per post, read from /proc for the server's main thread only (its thread id is its
// process id): NLP runs on worker threads, so this is what parsing, validating, matching, writing and the wall's
// ticks cost the one thread that must never stall. `npx tsx server/bench/main-thread.ts` prints one JSON line.
import { readFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { PostInput } from '@pulso/types'
import { benchConfig, startServer } from './harness.ts'
import { offer } from './load.ts'

const TICKS_PER_S = 100 // USER_HZ on Linux

/** utime + stime of the process's main thread, ms. */
export function mainThreadCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S
}

let n = 0
const make = (count: number): PostInput[] =>
  Array.from({ length: count }, () => {
    n++
    const e = `e${String((n % 20) + 1).padStart(2, '0')}`
    return { id: `m${n}`, source: 'bench', createdAt: new Date().toISOString(), text: `${e} debate pensiones qué vergüenza 😡 great answer #tag${n % 50}`, lang: n % 3 ? 'es' : 'en', author: { id: `u${n % 20000}`, followers: n % 5000 } }
  })

/** Offers `rate` posts/s for `seconds` to a fresh server and divides its main thread's CPU by the posts accepted. */
export async function mainThreadCost(rate = 10_000, seconds = 15) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulso-bench-cfg-'))
  const server = await startServer({ PULSO_CONFIG: benchConfig(dir, 20), RATE_LIMIT_PER_MINUTE: '10000000' })
  try {
    await offer(server.url, make, 1000, 3) // warm-up: JIT, workers, first inserts
    const cpu0 = mainThreadCpuMs(server.child.pid!)
    const r = await offer(server.url, make, rate, seconds, 50, 8)
    const cpu = mainThreadCpuMs(server.child.pid!) - cpu0
    return { rate, accepted: r.accepted, achievedPerS: Math.round(r.achievedPerS), mainThreadUsPerPost: Number(((cpu * 1000) / r.accepted).toFixed(1)) }
  } finally {
    await server.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await mainThreadCost(Number(process.env.RATE ?? 10_000), Number(process.env.SECONDS ?? 15))))
