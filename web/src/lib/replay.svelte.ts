/**
 * Replay / DVR: the wall's model as it was at the end of one stored second, from GET /api/replay?t=, and the feed
 * from GET /api/feed?at=. The cursor lives in the URL (`?t=&speed=`), so the page drives this and a view can be shared.
 */
import type { Feed, Snapshot } from '@pulso/types'
import { api } from './api.ts'
import { applySnapshot, emptyModel, type LiveModel } from './state.ts'

/**
 * The feed is refetched only when the cursor moved 5 s and 3 s have passed: it covers minutes, and its rising-terms
 * query reads an hour of posts (≈0.5 s at 60k posts/h), too much to repeat every second at 60×.
 */
const FEED_REFRESH_MS = 5000
const FEED_MIN_GAP_MS = 3000

export class Replay {
  model: LiveModel = $state.raw(emptyModel())
  feed: Feed | null = $state.raw(null)
  /** The second currently shown (ms), once loaded. */
  shown: number | null = $state(null)
  error: string | null = $state(null)
  #wanted: number | null = null
  #busy = false
  #feedFetched = 0

  /** Show second t. Calls while a load is running coalesce: the newest cursor wins, none queue up. */
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
        const stale = !this.feed || (Math.abs(this.feed.at - snap.tick.at) >= FEED_REFRESH_MS && Date.now() - this.#feedFetched >= FEED_MIN_GAP_MS)
        if (stale) {
          this.#feedFetched = Date.now()
          this.feed = await api<Feed>(`/api/feed?at=${snap.tick.at}`, token)
        }
        this.shown = at
        this.error = null
      }
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e)
    } finally {
      this.#busy = false
    }
  }

  reset(): void {
    this.#wanted = null
    this.shown = null
    this.feed = null
    this.model = emptyModel()
  }
}
