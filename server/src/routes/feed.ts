import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Feed, RisingTerm } from '@pulso/types'
import { describeError } from '@pulso/ingest'
import { timeQuery } from './params.ts'
import { FEED_DEFAULTS, feedAt, type FeedOptions } from '../wall/feed.ts'

export interface FeedRouteOptions extends Partial<FeedOptions> {
  /** How often the feed is pushed to walls as a `feed` event, ms (default 5000; 0 = never, REST only). */
  intervalMs?: number
  /** How often the pushed feed recomputes rising terms (an hour of posts tokenised), ms (default 30000). */
  risingIntervalMs?: number
}

const query = z.strictObject({ at: timeQuery.optional() })

/**
 * The live feed of top posts and rising terms: pushed to every wall every few seconds (volatile: latest wins) and
 * sent on connect; GET /api/feed?at= gives the feed at any time (the wall's replay uses it).
 */
export default async function feedRoutes(app: FastifyInstance, opts: FeedRouteOptions) {
  const o: FeedOptions = { ...FEED_DEFAULTS, ...opts }
  const intervalMs = opts.intervalMs ?? 5000
  const risingIntervalMs = opts.risingIntervalMs ?? 30_000
  const compute = async (at: number, rising?: Record<string, RisingTerm[]>): Promise<Feed> => ({ at, boards: await feedAt(app.reads.client, app.entities, at, o, rising) })

  app.get('/api/feed', { config: { role: 'viewer' } }, async (req, reply) => {
    const q = query.safeParse(req.query)
    if (!q.success) return reply.code(400).send({ error: `query: ${describeError(q.error)}` })
    // Rounded to the read cache's span: a wall (or a looping client) asking again gets the same answer, computed once.
    const span = Math.max(1, app.config.readCacheMs)
    const at = Math.floor((q.data.at ?? Date.now()) / span) * span
    return app.reads.run(`feed:${at}`, () => compute(at))
  })

  let last: Feed | undefined
  let risingAt = 0
  let busy = false
  let timer: NodeJS.Timeout | undefined
  async function push() {
    if (busy) return // a slow store skips a beat
    busy = true
    try {
      const now = Date.now()
      const reuse = last && now - risingAt < risingIntervalMs ? Object.fromEntries(Object.entries(last.boards).map(([g, b]) => [g, b.rising])) : undefined
      last = await compute(now, reuse)
      if (!reuse) risingAt = now
      app.io.volatile.emit('feed', last)
    } catch (e) {
      app.log.error(e, 'feed failed')
    } finally {
      busy = false
    }
  }
  app.io.on('connection', (socket) => {
    if (last) socket.emit('feed', last)
  })
  app.addHook('onReady', async () => {
    if (intervalMs > 0) timer = setInterval(push, intervalMs)
    if (intervalMs > 0) void push()
  })
  app.addHook('preClose', async () => clearInterval(timer))
}
