import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Analysis } from '@pulso/types'
import type { AnalyzerOptions } from '../nlp/index.ts'
import type { Job, Reply } from './protocol.ts'

export interface PoolOptions {
  /** Worker threads (≥ 1). */
  size: number
  /** A request's posts are cut into jobs of at most this many, spread over the workers. */
  jobMaxPosts?: number
  analyzer?: AnalyzerOptions
  /** The monitored entities' terms (id → terms) for per-entity sentiment; `setEntities` replaces them. */
  entities?: Record<string, readonly string[]>
}

/** Per post: the analysis, or why it could not be made (the pipeline rejects that post alone). */
export type BatchResult = ({ analysis: Analysis } | { error: string })[]

export interface AnalyserPool {
  readonly size: number
  /** The live worker threads (tests terminate one to check fail-over). */
  readonly workers: readonly Worker[]
  /** `targeted[i]`: post i names two or more entities and gets per-entity sentiment. */
  analyseBatch(posts: { text: string; lang?: string }[], targeted?: readonly boolean[]): Promise<BatchResult>
  /** New entity terms (config reload): every worker, and any respawned one, uses them for the jobs sent after. */
  setEntities(entities: Record<string, readonly string[]>): void
  close(): Promise<void>
}

interface Pending { job: Job; tries: number; resolve: (r: Reply) => void; reject: (e: Error) => void }
interface Slot { worker: Worker; ready: Promise<void>; started: boolean; dead: boolean; busy: Map<number, Pending> }

// A JavaScript entry that registers tsx, then loads analyse-worker.ts: works under `npm start` (tsx) and vitest alike.
const workerFile = fileURLToPath(new URL('./analyse-worker.mjs', import.meta.url))

/**
 * NLP on worker threads. Jobs go to the least busy worker; each resolves with one result per post, in order. A
 * worker that dies fails its jobs over to a fresh worker (accepted posts are never lost), so a batch is analysed
 * exactly once from the caller's point of view.
 */
export function createAnalyserPool(opts: PoolOptions): AnalyserPool {
  const size = Math.max(1, Math.floor(opts.size))
  const jobMax = opts.jobMaxPosts ?? 512
  const slots: Slot[] = []
  let nextId = 1
  let closed = false
  let entities = opts.entities ?? {}

  function spawn(k: number): Slot {
    const worker = new Worker(workerFile, { workerData: { analyzer: opts.analyzer ?? {}, entities }, execArgv: [] })
    const slot: Slot = { worker, busy: new Map(), started: false, dead: false, ready: undefined as never }
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => {
        slot.started = true
        if (slot.busy.size === 0) worker.unref() // an idle pool never keeps the process alive
        resolve()
      })
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`NLP worker exited during start-up (code ${code})`)))
    })
    slot.ready.catch(() => {}) // surfaced through the jobs that wait on it
    worker.on('message', (m: Reply | { ready: true }) => {
      if (!('id' in m)) return
      const p = slot.busy.get(m.id)
      slot.busy.delete(m.id)
      if (slot.busy.size === 0) worker.unref()
      p?.resolve(m)
    })
    worker.on('error', () => {}) // 'exit' follows and fails the jobs over
    worker.on('exit', () => {
      slot.dead = true
      // A worker that had started is replaced and its jobs re-run there; one that cannot even start (broken
      // install) is not respawned in a loop: its jobs fail, and so does the request (not acknowledged, not lost).
      const respawn = slot.started && !closed && slots[k] === slot
      if (respawn) slots[k] = spawn(k)
      // A job that took down two workers is not tried a third time (a post that crashes the analyser outright).
      for (const p of slot.busy.values()) respawn && p.tries < 2 ? void send(p.job, p.tries + 1).then(p.resolve, p.reject) : p.reject(new Error('NLP worker stopped'))
      slot.busy.clear()
    })
    return slot
  }
  for (let k = 0; k < size; k++) slots.push(spawn(k))

  async function send(job: Job, tries = 1): Promise<Reply> {
    let slot: Slot
    do {
      slot = slots[0]
      for (const s of slots) if (s.busy.size < slot.busy.size) slot = s
      await slot.ready
    } while (slot.dead && slot.started && !closed) // died meanwhile: its replacement takes the job
    if (slot.dead) throw new Error('NLP worker stopped')
    return new Promise((resolve, reject) => {
      slot.busy.set(job.id, { job, tries, resolve, reject })
      slot.worker.ref()
      slot.worker.postMessage(job)
    })
  }

  return {
    size,
    get workers() {
      return slots.map((s) => s.worker)
    },
    setEntities(next) {
      entities = next
      // Messages on a port arrive in order: every job sent after this one sees the new terms.
      for (const s of slots) if (!s.dead) s.worker.postMessage({ entities })
    },
    async analyseBatch(posts, targeted) {
      if (closed) throw new Error('analyser pool closed')
      const parts: Promise<Reply>[] = []
      for (let i = 0; i < posts.length; i += jobMax) {
        const chunk = posts.slice(i, i + jobMax)
        const picked: number[] = []
        if (targeted) for (let k = 0; k < chunk.length; k++) if (targeted[i + k]) picked.push(k)
        parts.push(send({ id: nextId++, texts: chunk.map((p) => p.text), langs: chunk.map((p) => p.lang ?? null), targeted: picked }))
      }
      const out: BatchResult = []
      for (const r of await Promise.all(parts)) {
        const errors = new Map(r.errors.map((e) => [e.index, e.error]))
        r.analyses.forEach((a, i) => out.push(a ? { analysis: a } : { error: errors.get(i) ?? 'analysis failed' }))
      }
      return out
    },
    async close() {
      closed = true
      await Promise.all(slots.map((s) => s.worker.terminate()))
    },
  }
}
