import { createHash } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import type { Dedupe } from './dedupe.ts'
import { illFormedField, isBadData, isStoreRefusal } from './refusals.ts'

export interface InsertOptions {
  table: string
  retryBaseMs: number
  dedupe?: Dedupe
  insertTimeoutMs?: number
  columns?: readonly string[]
}

/** Per row: stored, a duplicate, or not stored — refused by the store (for good) or unreachable (`retryable`). */
export type Outcome = { error: string; retryable: boolean } | 'stored' | 'duplicate'
export const unreachable = (o: Outcome): o is { error: string; retryable: true } => typeof o === 'object' && o.retryable

export type Inserter = ReturnType<typeof createInserter>

/** One batch into the store, row by row outcomes: the writer's insert, its retries and its splits. */
export function createInserter(client: ClickHouseClient, opts: InsertOptions) {
  /**
   * Dedupes (`replay`: spooled keys are not duplicates), then inserts what is new, retrying with backoff. A batch
   * the store refuses is split in halves until each refused row stands alone (one bad row cannot sink a batch, the
   * Langfuse pattern); refused for its data, it is split at once, since the same rows fail the same way every time.
   * Never throws: an unreachable store is an outcome too.
   */
  async function insertRows(rows: object[], attempts: number, replay: boolean): Promise<Outcome[]> {
    const out: Outcome[] = rows.map(() => 'stored')
    const todo = rows.map((_, i) => i)
    const dedupe = opts.dedupe
    const checked = dedupe ? await attempt(() => dedupe.check(todo.map((i) => rows[i]) as never, { replay }), attempts) : { ok: todo.map(() => false) }
    if (!('ok' in checked)) return out.map((o) => (o === 'stored' ? { error: checked.error, retryable: true } : o))
    todo.forEach((i, k) => checked.ok[k] && (out[i] = 'duplicate'))
    const fresh = todo.filter((_, k) => !checked.ok[k])
    const sent = await sendSplit(fresh.map((i) => rows[i]), attempts)
    fresh.forEach((i, k) => (out[i] = sent[k]))
    return out
  }

  async function sendSplit(rows: object[], attempts: number): Promise<Outcome[]> {
    if (rows.length === 0) return []
    const r = await attempt(async () => send(rows), attempts)
    if ('ok' in r) return opts.dedupe?.remember(rows as never), rows.map(() => 'stored')
    if (!isStoreRefusal(r.cause)) return rows.map(() => ({ error: r.error, retryable: true }))
    if (rows.length === 1) return [{ error: r.error, retryable: false }]
    // Refused for its data: rows with ill-formed strings (the validator repairs or refuses those, so only another
    // path or a bug brings one) are found by one scan here, off the hot path, instead of by log2(n) splits each.
    if (isBadData(r.cause)) {
      const bad = rows.map(illFormedField)
      if (bad.some(Boolean)) {
        const rest = await sendSplit(rows.filter((_, i) => !bad[i]), attempts)
        let k = 0
        return bad.map((field) => (field ? { error: `${field}: lone UTF-16 surrogate (ill-formed Unicode), the store cannot take it`, retryable: false } : rest[k++]))
      }
    }
    const mid = Math.ceil(rows.length / 2)
    return [...(await sendSplit(rows.slice(0, mid), attempts)), ...(await sendSplit(rows.slice(mid), attempts))]
  }

  /** Runs fn up to `attempts` times with exponential backoff; a refusal of the data itself is not retried. */
  async function attempt<T>(fn: () => Promise<T>, attempts: number): Promise<{ ok: T } | { error: string; cause: unknown }> {
    let cause: unknown
    for (let k = 0; k < attempts; k++) {
      try {
        return { ok: await fn() }
      } catch (e) {
        cause = e
        if (isBadData(e)) break
        if (k + 1 < attempts) await sleep(opts.retryBaseMs * 2 ** k)
      }
    }
    return { error: (cause as Error)?.message ?? String(cause), cause }
  }

  function send(rows: object[]) {
    const cols = opts.columns
    const abort_signal = opts.insertTimeoutMs ? AbortSignal.timeout(opts.insertTimeoutMs) : undefined
    // The same rows always carry the same token: a retry of an insert that was abandoned but lands after all is
    // dropped by ClickHouse itself (sql/migrations/0007_insert_dedup.sql), aggregates included.
    const clickhouse_settings = { insert_deduplication_token: batchToken(rows), deduplicate_blocks_in_dependent_materialized_views: 1 as const }
    if (!cols) return client.insert({ table: opts.table, values: rows, format: 'JSONEachRow', abort_signal, clickhouse_settings })
    const values = rows.map((r) => cols.map((c) => (r as Record<string, unknown>)[c]))
    return client.insert({ table: opts.table, values, format: 'JSONCompactEachRow', columns: cols as [string, ...string[]], abort_signal, clickhouse_settings })
  }

  return { insertRows }
}

/**
 * Rows with (source, id) are identified by them and the time they were received (a retry or a spool replay sends
 * the very same rows; an edit's new version, same key, was received later and must not be taken for a retry);
 * other rows by their whole content.
 */
function batchToken(rows: object[]): string {
  const h = createHash('sha256')
  for (const r of rows) {
    const k = r as { source?: unknown; id?: unknown; received_at?: unknown }
    h.update(k.id !== undefined ? `${k.source}\u0000${k.id}\u0000${k.received_at ?? ''}\n` : JSON.stringify(r) + '\n')
  }
  return h.digest('hex')
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
