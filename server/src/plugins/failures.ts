/**
 * Failed credentials per client address in a fixed window: past `max`, that address is refused (429) until the
 * window ends, whatever it sends. Token guessing gets `max` tries a minute instead of thousands. Bounded: a flood of
 * addresses cannot grow the map past `maxKeys` (the oldest windows are dropped first).
 */
export interface FailureGuard {
  /** Seconds until the address may try again, or 0 when it may try now. */
  blockedFor(key: string): number
  fail(key: string): void
}

export function createFailureGuard(max: number, windowMs = 60_000, maxKeys = 10_000): FailureGuard {
  const seen = new Map<string, { n: number; until: number }>()
  const current = (key: string, now: number) => {
    const e = seen.get(key)
    if (e && e.until <= now) seen.delete(key)
    return e && e.until > now ? e : undefined
  }
  return {
    blockedFor(key) {
      const now = Date.now()
      const e = current(key, now)
      return e && e.n >= max ? Math.ceil((e.until - now) / 1000) : 0
    },
    fail(key) {
      const now = Date.now()
      const e = current(key, now)
      if (e) return void e.n++
      if (seen.size >= maxKeys) seen.delete(seen.keys().next().value!) // Map keeps insertion order: oldest first
      seen.set(key, { n: 1, until: now + windowMs })
    },
  }
}
