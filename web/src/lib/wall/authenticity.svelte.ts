/**
 * The authenticity board for the wall's tile (issue 20), polled over REST: the server recomputes it every few seconds
 * in the background and answers from memory, so any number of walls cost one computation. A failed poll keeps the
 * last board (its age then grows on the tile).
 */
import type { Authenticity, AuthenticityBoard } from '@pulso/types'
import { api } from '../api.ts'
import type { Messages, Formatters } from '../i18n.ts'

const POLL_MS = 5000

export class AuthenticityFeed {
  board: AuthenticityBoard | null = $state.raw(null)
  now = $state(Date.now())
  #timers: ReturnType<typeof setInterval>[] = []

  start(token: string | null): void {
    const load = () =>
      api<AuthenticityBoard>('/api/authenticity/board', token).then(
        (b) => (this.board = b),
        () => undefined,
      )
    void load()
    this.#timers = [setInterval(load, POLL_MS), setInterval(() => (this.now = Date.now()), 1000)]
  }

  stop(): void {
    this.#timers.forEach(clearInterval)
  }
}

let shared: { feed: AuthenticityFeed; users: number } | null = null

/**
 * The page's one board poll, shared by the tile and the volume chart's organic-only line (issue 20): the second
 * reader costs nothing. `release` stops the poll when its last reader goes.
 */
export function acquireAuthenticityFeed(token: string | null): { feed: AuthenticityFeed; release: () => void } {
  if (!shared) {
    shared = { feed: new AuthenticityFeed(), users: 0 }
    shared.feed.start(token)
  }
  const mine = shared
  mine.users++
  let released = false
  return {
    feed: mine.feed,
    release: () => {
      if (released) return
      released = true
      if (--mine.users > 0) return
      mine.feed.stop()
      if (shared === mine) shared = null
    },
  }
}

/** "62% from 3 copy-paste clusters · 41 accounts created this month", from what the window holds. */
export function authenticityBanner(a: Authenticity, m: Messages, fmt: Formatters): string {
  if (a.reasons.some((r) => r.startsWith('too few posts'))) return m.authenticity.tooFew
  const parts: string[] = []
  const clusters = a.evidence.clusters.length
  if (clusters) parts.push(m.authenticity.clusters(fmt.percent(a.copyShare), clusters))
  if (a.newAccounts) parts.push(m.authenticity.newAccounts(a.newAccounts, a.newAccountDays))
  return parts.length ? parts.join(' · ') : m.authenticity.nothing
}
