/**
 * Which requests are still on their way to the store, by when they arrived. The spike watch reads an interval once:
 * under load a request that arrived in time can still be in the NLP or the writer then, and its posts would be missed
 * for good ("seen 1 post, 12 stored" in a busy test run). `settled(t)` lets it wait for exactly those requests.
 */
export interface InFlight {
  /** Runs `work` as one request that arrived now. */
  track<T>(work: Promise<T>): Promise<T>
  /** Resolves once every request that arrived before `t` (ms since epoch) has finished, stored or failed. */
  settled(t: number): Promise<void>
}

export function createInFlight(): InFlight {
  // Insertion order is arrival order: the scan stops at the first request that arrived at or after t.
  const open = new Map<Promise<unknown>, number>()
  return {
    track(work) {
      const done = work.finally(() => open.delete(done))
      open.set(done, Date.now())
      return done
    },
    async settled(t) {
      const waits: Promise<unknown>[] = []
      for (const [p, at] of open) {
        if (at >= t) break
        waits.push(p.catch(() => undefined))
      }
      await Promise.all(waits)
    },
  }
}
