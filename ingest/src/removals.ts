import type { PostKey, RemovalReason } from '@pulso/types'
import type { Dedupe } from './dedupe.ts'
import type { BatchWriter } from './writer.ts'

/** What to remove: these posts, or every post of a source (a purge). */
export type RemovalTarget = { keys: PostKey[] } | { source: string }
/**
 * Takes posts out of the store and corrects the aggregates (the server's store/removals.ts); returns how many rows
 * left. Injected: the SQL lives with the store's other queries.
 */
export type Remover = (target: RemovalTarget, reason: RemovalReason) => Promise<number>
/** Resolves once the rows removed so far are gone for every reader (a removal's DELETE runs in the background). */
export type Settled = () => Promise<void>

export interface RemovalQueueOptions {
  remover: Remover
  /** Waited for between two removals, outside the writer: a post is never corrected twice while its DELETE runs. */
  settled?: Settled
  writer: BatchWriter<object>
  dedupe: Dedupe
  /** A burst of deletes becomes one removal: keys wait at most this long... */
  flushMs: number
  /** ...or until this many wait. */
  maxKeys: number
}

interface Waiting {
  keys: PostKey[]
  reason: RemovalReason
  resolve: (n: number) => void
  reject: (e: unknown) => void
}

/**
 * Batches removals (a burst of a thousand deletes is one DELETE and one correction per aggregate, not a thousand
 * mutations) and runs each batch between the writer's inserts. Deletes are buried at once in the dedupe memory:
 * from that moment the post is dropped wherever it waits (the writer's queue, the spool) or whenever it comes.
 */
export function createRemovalQueue(o: RemovalQueueOptions) {
  let waiting: Waiting[] = []
  let count = 0
  let timer: NodeJS.Timeout | undefined
  let chain: Promise<void> = Promise.resolve()

  // Keys whose DELETE may still be running (it runs in the background). A removal that names one of them waits until
  // it is applied, or the same row would be corrected twice; other removals go at once.
  const unsettled = new Set<string>()
  let settling: Promise<void> | undefined
  const k = (x: PostKey) => `${x.source}\u0000${x.id}`

  /** Waits until every DELETE issued so far is applied. Never throws: after a timeout the next removal waits again. */
  function settle(): Promise<void> {
    if (!o.settled || unsettled.size === 0) return Promise.resolve()
    settling ??= (async () => {
      while (unsettled.size > 0) {
        const issued = [...unsettled] // their DELETEs were issued before this wait began
        await o.settled!().catch(() => undefined)
        for (const x of issued) unsettled.delete(x)
      }
    })().finally(() => (settling = undefined))
    return settling
  }

  async function run(batch: Waiting[]) {
    for (const reason of ['deleted', 'edited'] as const) {
      const mine = batch.filter((w) => w.reason === reason)
      if (mine.length === 0) continue
      const seen = new Set<string>()
      const keys = mine.flatMap((w) => w.keys).filter((x) => !seen.has(k(x)) && seen.add(k(x)))
      if (keys.some((x) => unsettled.has(k(x)))) await settle()
      try {
        const n = await o.writer.exclusive(async () => {
          const removed = await o.remover({ keys }, reason)
          if (reason === 'edited') o.dedupe.forget(keys) // the new version may now be stored; a delete stays buried
          return removed
        })
        if (n > 0) for (const x of keys) unsettled.add(k(x))
        void settle()
        // Each caller learns how many of its own posts were there (approximately, when callers share keys).
        mine.forEach((w) => w.resolve(Math.min(n, w.keys.length)))
      } catch (e) {
        mine.forEach((w) => w.reject(e))
      }
    }
  }

  function flush(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    const batch = waiting
    waiting = []
    count = 0
    if (batch.length) chain = chain.then(() => run(batch))
    return chain
  }

  return {
    /** Resolves once the posts are out of the store and the aggregates corrected; rejects when the store is down. */
    remove(keys: PostKey[], reason: Exclude<RemovalReason, 'purged'>): Promise<number> {
      if (keys.length === 0) return Promise.resolve(0)
      if (reason === 'deleted') o.dedupe.bury(keys)
      const p = new Promise<number>((resolve, reject) => waiting.push({ keys, reason, resolve, reject }))
      count += keys.length
      if (count >= o.maxKeys) void flush()
      else timer ??= setTimeout(() => void flush(), o.flushMs)
      return p
    },
    /** Every post of `source`, and its aggregates: one removal, between inserts. */
    purge(source: string): Promise<number> {
      const done = chain.then(settle).then(() =>
        o.writer.exclusive(async () => {
          const n = await o.remover({ source }, 'purged')
          o.dedupe.forgetSource(source) // purged is not deleted: the same posts may be sent again
          return n
        }),
      )
      // A purge's DELETE touches keys nobody listed: the next removal waits for it whatever it names.
      chain = done.then(() => o.settled?.().catch(() => undefined), () => undefined)
      return done
    },
    flush,
  }
}

export type RemovalQueue = ReturnType<typeof createRemovalQueue>
