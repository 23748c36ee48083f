import { createHash } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import type { Dedupe } from './dedupe.ts'
import type { Spool } from './spool.ts'

export interface WriterOptions {
  table: string
  /** Flush as soon as this many rows wait. */
  maxRows: number
  /** ...or this long after the first waiting row (≤ 250 ms keeps the wall sub-second). */
  flushMs: number
  /** Attempts of one insert before the batch is split (store refusal) or spooled (store unreachable). */
  maxAttempts: number
  retryBaseMs: number
  /** Exactly-once by (source, id); rows must carry source, id and created_at (ms). */
  dedupe?: Dedupe
  /** Overflow for rows the store cannot take now; without one they fail as retryable. */
  spool?: Spool
  /** How often the spool is retried while the store is down. */
  drainMs?: number
  /**
   * An insert slower than this counts as failed (then retried, then spooled): a slow store must not hold producers'
   * acknowledgements hostage. If it lands after all, the spool's replay finds the rows stored and skips them.
   */
  insertTimeoutMs?: number
  /** When given, rows go out as JSONCompactEachRow in this column order (cheaper to parse than keyed objects). */
  columns?: readonly string[]
}

export interface WriteResult {
  /**
   * Indexes (into the rows given to add) that were not stored, with the reason. `retryable`: the store was
   * unreachable and the spool full or absent (send again later); otherwise the store refused that row even alone.
   */
  failed: { index: number; error: string; retryable: boolean }[]
  /** How many rows were already stored (same source and id): safe, not stored twice. */
  duplicates: number
}

interface Chunk {
  /** When the rows were queued (performance.now()): they go out at the latest flushMs later. */
  at: number
  rows: object[]
  result: WriteResult
  left: number
  resolve: (r: WriteResult) => void
}
interface Entry { chunk: Chunk; index: number }
type Outcome = { error: string; retryable: boolean } | 'stored' | 'duplicate'

export interface FlushInfo { rows: number; ms: number; failed: number; spooled: boolean }

/**
 * Batched inserts: many callers' rows go out in one INSERT; each caller's promise resolves only once all its rows
 * are stored, spooled durably, or known unstorable. A failing insert is retried with backoff, then split in halves
 * when ClickHouse refused it (so one bad row cannot sink a batch, the Langfuse pattern), or spooled when the store
 * is unreachable; the spool drains back in the background. One insert at a time: chDB runs inserts synchronously.
 */
export class BatchWriter {
  private queue: Entry[] = []
  private timer: NodeJS.Timeout | undefined
  private flushing: Promise<void> = Promise.resolve()
  private closed = false
  private draining: Promise<void> | undefined
  /** The store failed and the spool holds rows: new batches go straight to the spool, in order, until it drains. */
  private down = false
  onFlush: ((info: FlushInfo) => void) | undefined

  constructor(
    private client: ClickHouseClient,
    private opts: WriterOptions,
  ) {
    if (opts.spool && opts.spool.segments().length > 0) this.startDrain() // replay what a previous run spooled
  }

  get pending(): number {
    return this.queue.length
  }

  get spooledBytes(): number {
    return this.opts.spool?.size ?? 0
  }

  add(rows: object[]): Promise<WriteResult> {
    if (this.closed) return Promise.reject(new Error('writer is closed'))
    if (rows.length === 0) return Promise.resolve({ failed: [], duplicates: 0 })
    return new Promise((resolve) => {
      const chunk: Chunk = { at: performance.now(), rows, result: { failed: [], duplicates: 0 }, left: rows.length, resolve }
      for (let i = 0; i < rows.length; i++) this.queue.push({ chunk, index: i })
      if (this.queue.length >= this.opts.maxRows) void this.flush(false)
      else this.timer ??= setTimeout(() => void this.flush(false), this.opts.flushMs)
    })
  }

  /**
   * Sends what is queued; resolves when it (and any earlier flush) is done. `all` (the default, for close and
   * callers that must see everything stored): the whole queue. Otherwise only full batches and rows that have
   * waited flushMs: under load, rows queued during an insert wait for a fuller batch instead of going out as
   * soon as the insert ends, as they would at rest — fewer, bigger inserts (cheaper per row, fewer parts to
   * merge), with the same bound on waiting as at rest.
   */
  flush(all = true): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    this.flushing = this.flushing.then(async () => {
      while (this.queue.length > 0) {
        const waited = performance.now() - this.queue[0].chunk.at
        if (!all && this.queue.length < this.opts.maxRows && waited < this.opts.flushMs) {
          this.timer ??= setTimeout(() => void this.flush(false), this.opts.flushMs - waited)
          break
        }
        const batch = this.queue.splice(0, this.opts.maxRows)
        const t0 = performance.now()
        const spooledBefore = this.spooledBytes
        const failed = await this.store(batch, this.down ? 1 : this.opts.maxAttempts)
        this.onFlush?.({ rows: batch.length, ms: performance.now() - t0, failed, spooled: this.spooledBytes > spooledBefore })
      }
    })
    return this.flushing
  }

  async close(): Promise<void> {
    this.closed = true
    await this.flush()
    await this.draining
  }

  /** Dedupe, then insert what is new. Throws what the store threw. */
  private async insertNew(rows: object[], replay = false): Promise<boolean[]> {
    const dup = this.opts.dedupe ? await this.opts.dedupe.check(rows as never, { replay }) : rows.map(() => false)
    const fresh = rows.filter((_, i) => !dup[i])
    if (fresh.length) await this.send(fresh)
    this.opts.dedupe?.remember(fresh as never)
    return dup
  }

  private send(rows: object[]) {
    const cols = this.opts.columns
    const abort_signal = this.opts.insertTimeoutMs ? AbortSignal.timeout(this.opts.insertTimeoutMs) : undefined
    // The same rows always carry the same token: a retry of an insert that was abandoned but lands after all is
    // dropped by ClickHouse itself (sql/migrations/0007_insert_dedup.sql), aggregates included.
    const clickhouse_settings = { insert_deduplication_token: batchToken(rows), deduplicate_blocks_in_dependent_materialized_views: 1 as const }
    if (!cols) return this.client.insert({ table: this.opts.table, values: rows, format: 'JSONEachRow', abort_signal, clickhouse_settings })
    const values = rows.map((r) => cols.map((c) => (r as Record<string, unknown>)[c]))
    return this.client.insert({ table: this.opts.table, values, format: 'JSONCompactEachRow', columns: cols as [string, ...string[]], abort_signal, clickhouse_settings })
  }

  /** Inserts entries (retrying, then splitting or spooling); settles every entry. Returns how many failed. */
  private async store(batch: Entry[], attempts: number): Promise<number> {
    const rows = batch.map((e) => e.chunk.rows[e.index])
    let lastError: unknown
    for (let attempt = 0; attempt < attempts; attempt++) {
      try {
        const dup = await this.insertNew(rows)
        batch.forEach((e, i) => settle(e, dup[i] ? 'duplicate' : 'stored'))
        return 0
      } catch (e) {
        lastError = e
        if (attempt + 1 < attempts) await sleep(this.opts.retryBaseMs * 2 ** attempt)
      }
    }
    const message = (lastError as Error)?.message ?? String(lastError)
    // A refusal by ClickHouse itself (it has a numeric code) is narrowed down by splitting.
    if (isStoreRefusal(lastError)) {
      if (batch.length === 1) return settle(batch[0], { error: message, retryable: false }), 1
      const mid = Math.ceil(batch.length / 2)
      return (await this.store(batch.slice(0, mid), attempts)) + (await this.store(batch.slice(mid), attempts))
    }
    // Unreachable or too slow: spool durably (acknowledged), or fail the batch as retryable (pushed back).
    const spool = this.opts.spool
    if (spool) {
      const dup = this.opts.dedupe ? await this.opts.dedupe.check(rows as never, { useStore: false }) : rows.map(() => false)
      const fresh = rows.filter((_, i) => !dup[i])
      if (fresh.length === 0 || spool.append(fresh)) {
        this.opts.dedupe?.hold(fresh as never)
        batch.forEach((e, i) => settle(e, dup[i] ? 'duplicate' : 'stored'))
        this.down = true
        this.startDrain()
        return 0
      }
      batch.forEach((e) => settle(e, { error: `store unavailable (${message}) and spool full`, retryable: true }))
      return batch.length
    }
    batch.forEach((e) => settle(e, { error: `store unavailable: ${message}`, retryable: true }))
    return batch.length
  }

  private startDrain() {
    this.draining ??= this.drain().finally(() => (this.draining = undefined))
  }

  /** Replays spooled segments oldest first; a segment is deleted only once stored (duplicates skipped). */
  private async drain(): Promise<void> {
    const spool = this.opts.spool!
    for (;;) {
      const [next] = spool.segments()
      if (!next) {
        this.down = false
        return
      }
      try {
        await this.insertNew(spool.read(next), true)
        spool.remove(next)
      } catch {
        if (this.closed) return // the spool stays on disk: the next start replays it
        await sleep(this.opts.drainMs ?? 1000)
      }
    }
  }
}

/** Rows with (source, id) are identified by them; other rows by their whole content. */
function batchToken(rows: object[]): string {
  const h = createHash('sha256')
  for (const r of rows) {
    const k = r as { source?: unknown; id?: unknown }
    h.update(k.id !== undefined ? `${k.source}\u0000${k.id}\n` : JSON.stringify(r) + '\n')
  }
  return h.digest('hex')
}

function isStoreRefusal(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && /^\d+$/.test(code)
}

function settle(e: Entry, outcome: Outcome) {
  const c = e.chunk
  if (outcome === 'duplicate') c.result.duplicates++
  else if (outcome !== 'stored') c.result.failed.push({ index: e.index, ...outcome })
  if (--c.left === 0) c.resolve(c.result)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
