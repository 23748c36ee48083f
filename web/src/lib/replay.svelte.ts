/**
 * Replay / DVR: the wall's model as it was at the end of one stored second, from GET /api/replay?t=, and the feed
 * from GET /api/feed?at=. The cursor lives in the URL (`?t=&speed=`), so the page drives this and a view can be shared.
 */
import type { Feed, Snapshot } from '@pulso/types'
import { api } from './api.ts'
import { applySnapshot, emptyModel, type LiveModel } from './state.ts'
import { Incidents } from './wall/incidents.svelte.ts'

/**
 * The feed is refetched only when the cursor moved 5 s and 3 s have passed: it covers minutes, and its rising-terms
 * query reads an hour of posts (≈0.5 s at 60k posts/h), too much to repeat every second at 60×.
 */
const FEED_REFRESH_MS = 5000
const FEED_MIN_GAP_MS = 3000
/** A refused or failed read is asked again after this long (times the attempt, for the feed). */
const RETRY_MS = 1000
const FEED_ATTEMPTS = 4

export class Replay {
  model: LiveModel = $state.raw(emptyModel())
  feed: Feed | null = $state.raw(null)
  /** The second currently shown (ms), once loaded. */
  shown: number | null = $state(null)
  error: string | null = $state(null)
  /** The incidents behind the replayed alerts as they were at that second (never acted on: no admin here). */
  readonly incidents = new Incidents(() => null)
  #wanted: number | null = null
  #busy = false
  #feedFetched = 0
  #feedBusy = false

  /**
   * Show second t. Calls while a load is running coalesce: the newest cursor wins, none queue up. A refused read
   * (the server busy: 503) is retried, so a replayed second never stays half-drawn.
   */
  async show(t: number, token: string | null): Promise<void> {
    this.#wanted = t
    if (this.#busy) return
    this.#busy = true
    try {
      while (this.#wanted !== null && this.#wanted !== this.shown) {
        const at = this.#wanted
        const snap = await api<Snapshot>(`/api/replay?t=${at}`, token)
        // clockOffset then makes "now" the replayed second, so freshness reads as it did at that time.
        this.model = applySnapshot(this.model, snap, Date.now())
        this.incidents.show(snap.incidents ?? [])
        const stale = !this.feed || (Math.abs(this.feed.at - snap.tick.at) >= FEED_REFRESH_MS && Date.now() - this.#feedFetched >= FEED_MIN_GAP_MS)
        if (stale) void this.#loadFeed(snap.tick.at, token)
        this.shown = at
        this.error = null
      }
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e)
      const again = this.#wanted
      if (again !== null) setTimeout(() => this.#wanted === again && void this.show(again, token), RETRY_MS)
    } finally {
      this.#busy = false
    }
  }

  /** The feed at `at`, off the cursor's path (it is the slow read); retried a few times if refused. */
  async #loadFeed(at: number, token: string | null): Promise<void> {
    if (this.#feedBusy) return
    this.#feedBusy = true
    this.#feedFetched = Date.now()
    try {
      for (let attempt = 1; attempt <= FEED_ATTEMPTS; attempt++) {
        try {
          this.feed = await api<Feed>(`/api/feed?at=${at}`, token)
          return
        } catch {
          await new Promise((r) => setTimeout(r, RETRY_MS * attempt))
          if (this.#wanted === null) return
        }
      }
    } finally {
      this.#feedBusy = false
    }
  }

  reset(): void {
    this.#wanted = null
    this.shown = null
    this.feed = null
    this.model = emptyModel()
    this.incidents.show([])
  }
}
