import type { ClickHouseClient } from '@clickhouse/client'
import type { Dedupe } from './dedupe.ts'
import { createInserter, unreachable, type Inserter, type Outcome } from './insert.ts'
import type { Spool } from './spool.ts'

/** A column of Row; any name for untyped rows (`object`, the default). */
type ColumnOf<Row> = object extends Row ? string : keyof Row & string

export interface WriterOptions<Row extends object = object> {
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
  columns?: readonly ColumnOf<Row>[]
  /** Where the writer says what went wrong in the background (a spool segment set aside); pino fits. */
  log?: { warn(o: object, m?: string): void }
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

export interface FlushInfo { rows: number; ms: number; failed: number; spooled: boolean }

/**
 * Batched inserts: many callers' rows go out in one INSERT; each caller's promise resolves only once all its rows
 * are stored, spooled durably, or known unstorable. A failing insert is retried, or split to isolate the rows the
 * store refuses (insert.ts); rows the store cannot take now are spooled, and the spool drains back in the
 * background. One insert at a time: chDB runs inserts synchronously. Typed by its row (`BatchWriter<PostRow>`):
 * `columns` must name its fields, and only such rows can be added.
 */
export class BatchWriter<Row extends object = object> {
  private queue: Entry[] = []
  private timer: NodeJS.Timeout | undefined
  private flushing: Promise<void> = Promise.resolve()
  private closed = false
  private draining: Promise<void> | undefined
  /** The store failed and the spool holds rows: new batches go straight to the spool, in order, until it drains. */
  private down = false
  onFlush: ((info: FlushInfo) => void) | undefined
  private inserter: Inserter

  constructor(
    client: ClickHouseClient,
    private opts: WriterOptions<Row>,
  ) {
    this.inserter = createInserter(client, opts)
    if (opts.spool && opts.spool.segments().length > 0) this.startDrain() // replay what a previous run spooled
  }

  get pending(): number {
    return this.queue.length
  }

  get spooledBytes(): number {
    return this.opts.spool?.size ?? 0
  }

  /** With a spool, a retryable failure means the spool is full; without one, that the store is unreachable. */
  get hasSpool(): boolean {
    return this.opts.spool !== undefined
  }

  /** Spool segments set aside because they could not be replayed (`*.corrupt` files in the spool folder). */
  get spoolQuarantined(): number {
    return this.opts.spool?.quarantined ?? 0
  }

  add(rows: Row[]): Promise<WriteResult> {
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

  /**
   * Runs `fn` between inserts, after every row queued so far went out: removals use it, so that a post landing
   * mid-removal cannot escape it, and an edit's old version is stored before it is replaced, never after. While the
   * spool holds rows the store is out of reach (or they would land after): refused, the caller tries again later.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.flush(true).then(() => {
      if (this.down) throw new Error('store unavailable: the spool is still draining')
      return fn()
    })
    this.flushing = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  async close(): Promise<void> {
    this.closed = true
    await this.flush()
    await this.draining
  }

  /** Inserts entries (retrying, splitting, spooling what the store cannot take now); settles every entry. */
  private async store(batch: Entry[], attempts: number): Promise<number> {
    const outcomes = await this.inserter.insertRows(batch.map((e) => e.chunk.rows[e.index]), attempts, false)
    const later = batch.filter((_, i) => unreachable(outcomes[i]))
    batch.forEach((e, i) => unreachable(outcomes[i]) || settle(e, outcomes[i]))
    const refused = outcomes.filter((o) => typeof o === 'object' && !o.retryable).length
    const first = outcomes.find(unreachable)
    return refused + (first ? await this.spoolOrFail(later, first.error) : 0)
  }

  /** The store is unreachable or too slow: spool durably (acknowledged), or fail as retryable (pushed back). */
  private async spoolOrFail(batch: Entry[], message: string): Promise<number> {
    const spool = this.opts.spool
    if (spool) {
      const rows = batch.map((e) => e.chunk.rows[e.index])
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

  /**
   * Replays spooled segments oldest first; a segment is deleted once stored (duplicates skipped). One that cannot
   * be replayed — unreadable, or rows the store refuses for good — is quarantined (kept as *.corrupt, logged,
   * counted) so that the segments after it are not blocked forever.
   */
  private async drain(): Promise<void> {
    const spool = this.opts.spool!
    for (;;) {
      const [next] = spool.segments()
      if (!next) {
        this.down = false
        return
      }
      try {
        if (await this.replay(spool, next)) continue
      } catch (e) {
        // A failing disk (the segment cannot even be set aside): said, then tried again later, never silently.
        this.opts.log?.warn({ segment: next, err: e }, 'spool replay failed')
      }
      if (this.closed) return // the spool stays on disk: the next start replays it
      await sleep(this.opts.drainMs ?? 1000)
    }
  }

  /** One segment: true when it is done with (stored, or set aside); false when the store is unreachable. */
  private async replay(spool: Spool, segment: string): Promise<boolean> {
    let rows: object[]
    try {
      rows = spool.read(segment)
    } catch (e) {
      return this.quarantine(spool, segment, `unreadable: ${(e as Error).message}`)
    }
    const outcomes = await this.inserter.insertRows(rows, 1, true)
    if (outcomes.some(unreachable)) return false
    const refused = outcomes.flatMap((o, i) => (typeof o === 'object' ? [{ row: rows[i], error: o.error }] : []))
    if (refused.length === 0) return spool.remove(segment), true
    // Only the refused rows are kept aside: the others are stored now.
    return this.quarantine(spool, segment, `${refused.length} of ${rows.length} rows refused by the store: ${refused[0].error}`, refused.map((r) => r.row))
  }

  private quarantine(spool: Spool, segment: string, reason: string, rows?: object[]): true {
    const file = spool.quarantine(segment, rows)
    this.opts.log?.warn({ segment, quarantined: file, reason }, 'spool segment set aside: it cannot be replayed')
    return true
  }
}

function settle(e: Entry, outcome: Outcome) {
  const c = e.chunk
  if (outcome === 'duplicate') c.result.duplicates++
  else if (outcome !== 'stored') c.result.failed.push({ index: e.index, ...outcome })
  if (--c.left === 0) c.resolve(c.result)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
