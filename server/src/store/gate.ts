/**
 * The gate in front of expensive reads (feed, replay, reactions, history, queue pages): the same question asked
 * again within `ttlMs` gets the same answer (one store query for any number of walls or a looping client), at most
 * `concurrency` run at once, and past `maxWaiting` callers are refused at once (503) instead of queueing. The
 * live tick and the writer do not pass through it, so reads can never starve them.
 */
export class BusyError extends Error {
  statusCode = 503
  retryAfterS = 1
}

export interface ReadGate<C = unknown> {
  /** The store client for these reads: their queries run one at a time (see throttled()). */
  readonly client: C
  /** `ttlMs` overrides the gate's: 0 shares only a read still in flight (for answers at the live edge). */
  run<T>(key: string, compute: () => Promise<T>, ttlMs?: number): Promise<T>
  /** Bounded like run(), never cached (answers that must reflect the last action, like a queue page). */
  limit<T>(compute: () => Promise<T>): Promise<T>
  readonly stats: { hits: number; misses: number; refused: number; running: number; waiting: number }
}

export interface GateOptions {
  concurrency: number
  maxWaiting: number
  ttlMs: number
  /** Cached answers kept at most (oldest dropped first). */
  maxEntries: number
}

export function createReadGate<C extends { query: (...a: never[]) => Promise<unknown> }>(o: GateOptions, store: C): ReadGate<C> {
  const cache = new Map<string, { at: number; ttl: number; done: boolean; value: Promise<unknown> }>()
  const queue: (() => void)[] = []
  const stats = { hits: 0, misses: 0, refused: 0, running: 0, waiting: 0 }

  const acquire = () =>
    new Promise<void>((resolve, reject) => {
      if (stats.running < o.concurrency) return stats.running++, resolve()
      if (queue.length >= o.maxWaiting) return stats.refused++, reject(new BusyError('the store is busy answering other reads; retry in a second'))
      queue.push(() => (stats.running++, resolve()))
      stats.waiting = queue.length
    })
  const release = () => {
    stats.running--
    queue.shift()?.()
    stats.waiting = queue.length
  }

  return {
    client: throttled(store, 1),
    stats,
    limit: (compute) => acquire().then(() => compute().finally(release)),
    run<T>(key: string, compute: () => Promise<T>, ttlMs = o.ttlMs): Promise<T> {
      const now = Date.now()
      const hit = cache.get(key)
      if (hit && (!hit.done || now - hit.at < hit.ttl)) return stats.hits++, hit.value as Promise<T>
      stats.misses++
      const value = acquire().then(() => compute().finally(release))
      const entry = { at: now, ttl: ttlMs, done: false, value }
      cache.delete(key) // re-insert: Map order is age order
      cache.set(key, entry)
      // A failed read is not remembered: the next caller tries again.
      value.then(
        () => (entry.done = true),
        () => cache.get(key) === entry && cache.delete(key),
      )
      while (cache.size > o.maxEntries) cache.delete(cache.keys().next().value!)
      return value
    },
  }
}

/**
 * A view of the client whose queries run `slots` at a time. Expensive reads use it, one query at a time by
 * default: the store then never holds more than one of their queries, so the live tick's queries (on the plain
 * client) wait for at most one of them, not for a whole feed's worth.
 */
export function throttled<C extends { query: (...a: never[]) => Promise<unknown> }>(client: C, slots: number): C {
  let running = 0
  const queue: (() => void)[] = []
  const acquire = () => new Promise<void>((r) => (running < slots ? (running++, r()) : queue.push(() => (running++, r()))))
  const release = () => (running--, queue.shift()?.())
  const query = (...args: Parameters<C['query']>) => acquire().then(() => client.query(...args).finally(release))
  return new Proxy(client, { get: (target, prop, recv) => (prop === 'query' ? query : Reflect.get(target, prop, recv)) })
}
