import type { SourceStatus } from './types.ts'

const RATE_WINDOW_S = 10

/** The running figures behind `status()`: rate over the last 10 s, lag of the newest post, totals. */
export function createStatus(name: string, kind: string) {
  const s: SourceStatus = { name, kind, state: 'stopped', ratePerS: 0, lagMs: null, total: 0, errors: 0 }
  let newestMs: number | null = null
  // One bucket per second: [second, posts]; at most RATE_WINDOW_S + 1 kept.
  const buckets: [number, number][] = []
  const trim = (sec: number) => {
    while (buckets.length && buckets[0][0] <= sec - RATE_WINDOW_S) buckets.shift()
  }
  return {
    set(state: SourceStatus['state']) {
      s.state = state
    },
    get state() {
      return s.state
    },
    /** `count` posts were stored; `newest` is the latest createdAt (ms) among them. */
    emitted(count: number, newest: number | null) {
      if (count <= 0) return
      const sec = Math.floor(Date.now() / 1000)
      trim(sec)
      const last = buckets[buckets.length - 1]
      if (last && last[0] === sec) last[1] += count
      else buckets.push([sec, count])
      s.total += count
      if (newest !== null && (newestMs === null || newest > newestMs)) newestMs = newest
    },
    /** Posts removed at the source's request (deletes, un-reposts). */
    removed(count: number) {
      if (count > 0) s.removed = (s.removed ?? 0) + count
    },
    /** Stored posts replaced by their edited version. */
    edited(count: number) {
      if (count > 0) s.edited = (s.edited ?? 0) + count
    },
    /** Read but not stored, and why (older than the retention window...). */
    skip(reason: string, count = 1) {
      s.skipped ??= {}
      s.skipped[reason] = (s.skipped[reason] ?? 0) + count
    },
    /** Why the upstream refused the credentials (cleared once a connection is accepted again). */
    auth(reason: string | undefined) {
      if (reason) s.authError = reason.slice(0, 300)
      else delete s.authError
    },
    error(message: string, count = 1) {
      s.errors += count
      s.lastError = message.slice(0, 500)
    },
    cursor(c: string | undefined) {
      s.cursor = c
    },
    progress(done: number, total: number | null) {
      s.progress = { done, total }
    },
    snapshot(): SourceStatus {
      const now = Date.now()
      trim(Math.floor(now / 1000))
      const sum = buckets.reduce((a, b) => a + b[1], 0)
      return { ...s, ratePerS: sum / RATE_WINDOW_S, lagMs: newestMs === null ? null : Math.max(0, now - newestMs), progress: s.progress && { ...s.progress }, skipped: s.skipped && { ...s.skipped } }
    },
  }
}

export type StatusTracker = ReturnType<typeof createStatus>
