import type { PostInput } from '@pulso/types'
import { sleep } from './backoff.ts'
import { createCommitter } from './committer.ts'
import { mapRecord, toIso, type Field } from './mapping.ts'
import { createProgressBar } from './progress.ts'
import { countRecords, detectFormat, readRecords } from './records.ts'
import { createStatus } from './status.ts'
import type { Source, SourceContext } from './types.ts'

export interface FileSpec {
  kind: 'file'
  name: string
  /** JSONL/NDJSON (one post per line) or CSV with a header row; relative to the config file. */
  path: string
  format: 'auto' | 'jsonl' | 'csv'
  /** CSV delimiter (`\t` for TSV). */
  delimiter: string
  /** 1 = the original pace, 10 = ten times faster, 0 = as fast as the store takes it. */
  speed: number
  /** Paced replays: stamp posts with the replay time (keeps the gaps) so the live wall shows them; false keeps the originals. */
  retime: boolean
  /** {field: column}: where each PostInput field is in the record; unmapped fields are read under their own name. */
  columns?: Partial<Record<Field, string>>
  /** `source` of posts whose record has none. */
  label: string
  /** Posts per emit. */
  batchSize: number
  /** Progress bar on stderr: auto = when it is a terminal. */
  progressBar: 'auto' | 'on' | 'off'
}

/**
 * Replays a file of past posts: how a team re-lives a debate. The cursor is the number of records stored, so a
 * restarted replay goes on where it stopped; a finished one stays finished (rename the source to replay again).
 */
export function createFileSource(spec: FileSpec, ctx: SourceContext): Source {
  const status = createStatus(spec.name, 'file')
  const committer = createCommitter(spec.name, ctx, status, { batchMs: 200, maxBatch: spec.batchSize })
  const format = detectFormat(spec.path, spec.format)
  let total: number | null = null
  let ctl: AbortController | undefined
  let running: Promise<void> | undefined
  const done = () => Number(committer.committed ?? 0)

  async function run(signal: AbortSignal) {
    status.set('connecting')
    const from = Number((await committer.load()) ?? 0)
    total = await countRecords(spec.path, format, spec.delimiter)
    const bar = createProgressBar(spec.name, { enabled: spec.progressBar === 'auto' ? undefined : spec.progressBar === 'on' })
    status.set('live')
    committer.start()
    const paced = spec.speed > 0
    let t0: number | undefined
    let wall0 = 0
    for await (const r of readRecords(spec.path, format, spec.delimiter)) {
      if (signal.aborted) break
      if (r.n <= from) continue // stored before a restart
      if ('error' in r) {
        status.error(r.error)
        committer.advance(String(r.n))
        continue
      }
      if (!r.value || typeof r.value !== 'object' || Array.isArray(r.value)) {
        status.error(`record ${r.n}: not an object`)
        committer.advance(String(r.n))
        continue
      }
      const post = (spec.columns || format === 'csv' ? mapRecord(r.value, spec.columns ?? {}, spec.label) : withSource(r.value, spec.label)) as PostInput
      const t = Date.parse(String(toIso(post.createdAt)))
      if (paced && Number.isFinite(t)) {
        if (t0 === undefined) (t0 = t), (wall0 = Date.now())
        const due = wall0 + (t - t0) / spec.speed
        if (due - Date.now() > 5) await sleep(due - Date.now(), signal)
        if (spec.retime) post.createdAt = new Date(Math.max(due, wall0)).toISOString()
      }
      if (typeof post.id === 'string' && committer.isDuplicate(post.id)) committer.advance(String(r.n))
      else committer.push(post, String(r.n))
      if (committer.backlog >= spec.batchSize) await committer.flush() // back-pressure: read no faster than the store
      bar.update(done(), total)
    }
    await committer.stop()
    bar.finish(done(), total)
    if (!signal.aborted) status.set('done'), ctx.log.info({ source: spec.name, posts: status.snapshot().total, records: total }, 'replay finished')
  }

  return {
    name: spec.name,
    start() {
      if (running) return
      ctl = new AbortController()
      running = run(ctl.signal).catch((e) => {
        status.set('error')
        status.error((e as Error).message)
        ctx.log.error({ source: spec.name, err: e }, 'replay failed')
      })
    },
    async stop() {
      if (!running) return
      ctl!.abort()
      await running
      await committer.stop()
      running = undefined
      if (status.state !== 'done') status.set('stopped')
    },
    status() {
      status.progress(done(), total)
      return status.snapshot()
    },
  }
}

function withSource(v: unknown, label: string): unknown {
  return v && typeof v === 'object' && !Array.isArray(v) && !('source' in v) ? { ...v, source: label } : v
}
