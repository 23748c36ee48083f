import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { PostInput } from '@pulso/types'
import { repoPath } from '@pulso/ingest/paths'
import type { buildApp } from '../src/app.ts'

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN
}
export const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN
}
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type App = Awaited<ReturnType<typeof buildApp>>

/** Posts in through POST /api/ingest, `per` a request (the analyser pool cuts a request into jobs for its workers),
 * then wait until every one of them is stored: the writer flushes in batches. Shared by the benches and the tests. */
export async function ingestStored(app: App, posts: PostInput[], { per = 4096, timeoutMs = 30_000 } = {}) {
  for (let i = 0; i < posts.length; i += per) {
    const r = await app.inject({ method: 'POST', url: '/api/ingest', payload: posts.slice(i, i + per) })
    if (r.statusCode !== 202) throw new Error(`ingest: ${r.statusCode} ${r.body.slice(0, 200)}`)
  }
  const ids = posts.map((p) => p.id)
  for (const until = Date.now() + timeoutMs; ; await sleep(100)) {
    const rs = await app.store.client.query({ query: 'SELECT count() AS n FROM posts WHERE id IN {ids:Array(String)}', query_params: { ids }, format: 'JSONEachRow' })
    const [{ n }] = await rs.json<{ n: string }>()
    if (Number(n) === posts.length) return
    if (Date.now() > until) throw new Error(`stored ${n} of ${posts.length} posts`)
  }
}

/** A config with N entities (e01..eNN), each matched by its own word, for load and history runs. */
export function benchConfig(dir: string, n: number): string {
  const palette = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999']
  const lines = ['entities:']
  for (let i = 1; i <= n; i++) {
    const id = `e${String(i).padStart(2, '0')}`
    lines.push(`  - { id: ${id}, name: "Entity ${i}", group: bench, color: "${palette[i % palette.length]}", terms: [${id}] }`)
  }
  const file = path.join(dir, 'bench.yaml')
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

export interface ServerProc {
  url: string
  child: ChildProcess
  rssMb(): number
  stop(): Promise<void>
}

/**
 * The real server, as `npm start` runs it, in its own process on a scratch store. BENCH_NODE_ARGS adds node flags
 * to it, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the server under the bench's load.
 */
export async function startServer(env: Record<string, string>, dataDir = mkdtempSync(path.join(tmpdir(), 'pulso-bench-')), port = 3400 + Math.floor(Math.random() * 500)): Promise<ServerProc & { dataDir: string; port: number }> {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', repoPath('server/src/main.ts')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: 'off', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 200; i++) {
    await sleep(100)
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false)
    if (ok) break
    if (child.exitCode !== null) throw new Error('bench server exited during start-up')
  }
  return {
    url,
    child,
    dataDir,
    port,
    rssMb: () => {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
      return m ? Number(m[1]) / 1024 : NaN
    },
    stop: () =>
      new Promise((r) => {
        child.once('exit', () => r())
        child.kill('SIGTERM')
      }),
  }
}
