import { Recent } from './recent.ts'

export interface ProfilesSpec {
  /** The public AppView (no account needed), or your own. */
  url: string
  /** A profile is asked again after this long (followers change; handles rarely). */
  ttlS: number
  /** Profiles kept in memory (the oldest go first). */
  maxEntries: number
  /** Calls per second at most (25 actors each): the AppView's rate limits are per IP. */
  callsPerS: number
}

export interface Profile {
  handle?: string
  followers?: number
  /** When the account was created (ISO-8601). */
  createdAt?: string
  /** When it was fetched (ms). */
  at: number
}

/** getProfiles takes at most 25 actors a call (the lexicon's limit). */
export const ACTORS_PER_CALL = 25
/** Authors waiting for a look-up, at most: past it the newest wait for a later post of theirs. */
const MAX_WAITING = 10_000

/**
 * Bluesky authors' profiles (handle, followers, account creation date) through `app.bsky.actor.getProfiles`, cached
 * with a TTL and bounded in size and in calls per second. Never in the way of ingest: `get` answers from the cache
 * at once and queues the author for a look-up in the background; a post stored before its author's profile arrived
 * keeps what was known then (no followers), later posts of that author carry the profile.
 */
export function createProfiles(spec: ProfilesSpec, onError: (message: string) => void) {
  const cache = new Recent<Profile>(spec.maxEntries)
  const waiting = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let busy = false
  let calls = 0
  const base = spec.url.replace(/\/+$/, '')

  const gapMs = 1000 / spec.callsPerS
  let last = -Infinity

  async function lookUp() {
    // Calls start at least gapMs apart, whatever the timer's jitter: the bound is the AppView's, not ours.
    if (busy || waiting.size === 0 || performance.now() - last < gapMs) return
    busy = true
    last = performance.now()
    const actors = [...waiting].slice(0, ACTORS_PER_CALL)
    for (const a of actors) waiting.delete(a)
    const q = new URLSearchParams()
    for (const a of actors) q.append('actors', a)
    try {
      calls++
      const res = await fetch(`${base}/xrpc/app.bsky.actor.getProfiles?${q}`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) })
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      const body = (await res.json()) as { profiles?: unknown }
      const now = Date.now()
      // Actors the AppView does not return (deleted, taken down) are remembered as unknown: not asked again soon.
      for (const a of actors) cache.set(a, { at: now })
      for (const p of Array.isArray(body.profiles) ? body.profiles : []) {
        if (!p || typeof p.did !== 'string' || !actors.includes(p.did)) continue
        const profile: Profile = { at: now }
        if (typeof p.handle === 'string' && p.handle.length <= 256 && p.handle !== 'handle.invalid') profile.handle = p.handle
        if (Number.isInteger(p.followersCount) && p.followersCount >= 0) profile.followers = Math.min(p.followersCount, 4_294_967_295)
        const born = Date.parse(p.createdAt)
        if (Number.isFinite(born) && born >= Date.UTC(2000, 0, 1) && born <= now) profile.createdAt = new Date(born).toISOString()
        cache.set(p.did, profile)
      }
    } catch (e) {
      onError(`profiles not resolved (${actors.length} authors, asked again later): ${(e as Error).message}`)
    } finally {
      busy = false
    }
  }

  return {
    /** The cached profile (even if stale); queues a look-up when missing or stale. */
    get(did: string): Profile | undefined {
      const p = cache.get(did)
      if ((!p || Date.now() - p.at > spec.ttlS * 1000) && waiting.size < MAX_WAITING) waiting.add(did)
      return p
    },
    start() {
      timer ??= setInterval(() => void lookUp(), gapMs / 4)
      timer.unref()
    },
    stop() {
      clearInterval(timer)
      timer = undefined
    },
    get calls() {
      return calls
    },
  }
}

export type Profiles = ReturnType<typeof createProfiles>
