import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { describeError } from '@pulso/ingest'
import { snapshotAt } from '../store/replay.ts'
import { alertsAt, incidentsAt } from '../store/replay-alerts.ts'

import { timeQuery as time } from './params.ts'
const query = z.strictObject({
  t: time,
  /** Seconds of per-second history before t (default: the server's HISTORY_SECONDS). */
  history: z.coerce.number().int().min(0).max(3600).optional(),
})

/** GET /api/replay?t=<ISO or ms>&history=S — the wall's snapshot as it was at the end of second t (replay / DVR). */
export default async function replayRoutes(app: FastifyInstance) {
  app.get('/api/replay', { config: { role: 'viewer' } }, async (req, reply) => {
    const q = query.safeParse(req.query)
    if (!q.success) return reply.code(400).send({ error: `query: ${describeError(q.error)}` })
    const entities = app.entities.map(({ terms: _t, ...info }) => info)
    const demo = app.demo.running
    const t = Math.floor(q.data.t / 1000) * 1000 // the replay is per second: one answer per second, coalesced
    const historySeconds = q.data.history ?? app.config.historySeconds
    const snap = await app.reads.run(`replay:${t}:${historySeconds}:${demo}`, async () => {
      const s = await snapshotAt(app.reads.client, entities, demo, { t, windowSeconds: app.config.windowSeconds, historySeconds })
      // The alerts detected by then, each with its status then (an alert acknowledged later shows open), and their
      // incidents as they were then (one resolved later shows open).
      const alerts = await alertsAt(app.reads.client, s.tick.at)
      return { ...s, alerts, incidents: await incidentsAt(app.reads.client, alerts, s.tick.at) }
    })
    return snap
  })
}
