import { HttpError } from './network.ts'

/**
 * X's documented reconnect schedule for the filtered stream, with the guards a flapping stream needs:
 * - network errors (a drop, a reset, a stream that closes): at once, then +250 ms per try, up to 16 s;
 * - HTTP errors: 5 s doubling, up to 320 s;
 * - 429: 60 s doubling (capped at 15 min, X's rate-limit window), on its own counter so that a 429 after a few
 *   drops still starts at 60 s;
 * - the counters start over only once a connection stayed up `stableMs` (30 s): a stream that is accepted and
 *   drops at once must not reset the backoff, or it reconnects at full speed and spends X's 50-connects-per-15-
 *   minutes quota in a second;
 * - at least `minGapMs` between two connects, and at most `maxPerWindow` connects in `windowMs` (X's quota, with
 *   a margin for the rule calls and another process sharing the app).
 * `scale` shrinks every duration (tests); `now` and `random` are injectable (fake clock, no jitter).
 */
export interface XScheduleOptions {
  scale?: number
  now?: () => number
  random?: () => number
  stableMs?: number
  minGapMs?: number
  windowMs?: number
  maxPerWindow?: number
}

export function createXSchedule(o: XScheduleOptions = {}) {
  const scale = o.scale ?? 1
  const now = o.now ?? Date.now
  const random = o.random ?? Math.random
  const stableMs = (o.stableMs ?? 30_000) * scale
  const minGapMs = (o.minGapMs ?? 1_000) * scale
  const windowMs = (o.windowMs ?? 15 * 60_000) * scale
  const maxPerWindow = o.maxPerWindow ?? 45
  let net = 0
  let http = 0
  let limited = 0
  let liveAt: number | null = null
  const connects: number[] = []

  return {
    /** A connect is about to be made (counts toward the gap and the window). */
    connecting() {
      connects.push(now())
      while (connects.length > maxPerWindow) connects.shift()
      liveAt = null
    },
    /** The upstream accepted the connection (HTTP 200). */
    live() {
      liveAt = now()
    },
    /** Milliseconds to wait after `err` ended a connection (or a connect attempt). */
    delay(err: unknown): number {
      const t = now()
      if (liveAt !== null && t - liveAt >= stableMs) net = http = limited = 0 // it was a real, lasting connection
      liveAt = null
      // Up to +10 % jitter, never below the documented wait, so clients that lost the same server spread out.
      const jitter = 1 + random() * 0.1
      let wait: number
      if (err instanceof HttpError && err.status === 429) wait = Math.min(15 * 60_000, 60_000 * 2 ** limited++)
      else if (err instanceof HttpError) wait = Math.min(320_000, 5_000 * 2 ** http++)
      else wait = Math.min(16_000, 250 * net++) // X: after a drop reconnect at once, then +250 ms per try
      wait = wait * scale * jitter
      const last = connects[connects.length - 1]
      if (last !== undefined) wait = Math.max(wait, last + minGapMs - t)
      // Window full: wait until the oldest connect in it is older than the window.
      if (connects.length >= maxPerWindow) wait = Math.max(wait, connects[0] + windowMs - t)
      return Math.max(0, wait)
    },
  }
}

export type XSchedule = ReturnType<typeof createXSchedule>
