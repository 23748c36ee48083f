import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Feed } from '@pulso/types'
import { FEED_DEFAULTS, feedAt, type Rising } from '../store/feed.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The feed (top posts and rising terms) at any time; the live one is pushed to walls every few seconds. */
    feedAt(at: number, rising?: Record<string, Rising>): Promise<Feed>
  }
}

/** How often the feed is pushed to walls, and how often that push recomputes rising terms (an hour tokenised). */
const PUSH_MS = 5000
const RISING_MS = 30_000

/** The `feed` push (volatile: latest wins; a wall that connects gets the last one) and `app.feedAt` for REST. */
export default fp(
  async function feedPlugin(app: FastifyInstance) {
    const feed = async (at: number, rising?: Record<string, Rising>): Promise<Feed> => ({ at, boards: await feedAt(app.reads.client, app.entities, at, FEED_DEFAULTS, rising) })
    app.decorate('feedAt', feed)
    let risingAt = 0
    const pushed = app.hub.publish(
      'feed',
      async () => {
        const now = Date.now()
        const last = pushed.last()
        const reuse = last && now - risingAt < RISING_MS ? Object.fromEntries(Object.entries(last.boards).map(([g, b]) => [g, { terms: b.rising, window: b.risingWindow }])) : undefined
        const next = await feed(now, reuse)
        if (!reuse) risingAt = now
        return next
      },
      { everyMs: PUSH_MS, volatile: true, replayOnConnect: true },
    )
  },
  { name: 'feed', dependencies: ['store', 'settings', 'realtime'] },
)
