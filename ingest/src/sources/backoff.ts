/**
 * Exponential backoff with "full jitter" (AWS architecture blog): the wait is random in [base·2ⁿ/2, base·2ⁿ],
 * capped, so a fleet of clients that lost the same server does not come back in lock-step.
 */
export function createBackoff(baseMs = 1000, maxMs = 60_000) {
  let attempt = 0
  return {
    next(): number {
      const ceiling = Math.min(maxMs, baseMs * 2 ** attempt)
      attempt = Math.min(attempt + 1, 30)
      return ceiling / 2 + Math.random() * (ceiling / 2)
    },
    reset() {
      attempt = 0
    },
    get attempt() {
      return attempt
    },
  }
}

export type Backoff = ReturnType<typeof createBackoff>

/** setTimeout as a promise that an AbortSignal ends early (resolves, never rejects: callers check the signal). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => {
      clearTimeout(t)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const t = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}

/** Orders cursors and ids that are numbers in decimal (time_us, snowflakes) or fixed-width flakes: longer is later. */
export function compareCursor(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0
}
