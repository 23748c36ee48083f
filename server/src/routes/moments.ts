import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { describeError } from '@pulso/ingest'
import { bearer } from '../plugins/auth.ts'
import { addMoment, deleteMoment, getMoment, listMoments, momentReaction, reactionSeconds } from '../store/moments.ts'

export interface MomentRouteOptions {
  /** Reaction spans: N minutes after a moment against N before (default 3; `?minutes=` overrides per request). */
  reactionMinutes?: number
}

import { timeBody as time, timeQuery } from './params.ts'
const body = z.strictObject({
  label: z.string().trim().min(1).max(120),
  /** default: now */
  at: time.optional(),
  board: z.string().max(60).nullable().optional(),
  by: z.string().max(120).optional(),
})
/** `until`: the replayed second the reaction is seen from (default now), so a replay shows only what was known then. */
const minutesQuery = z.strictObject({ minutes: z.coerce.number().int().min(1).max(60).optional(), until: timeQuery.optional() })

/**
 * Moments: GET /api/moments (viewer; says whether the caller may mark), POST /api/moments and DELETE /api/moments/:id
 * (admin; pushed to walls as a `moment` event), GET /api/moments/:id/reaction?minutes=N&until=T (viewer).
 */
export default async function momentRoutes(app: FastifyInstance, opts: MomentRouteOptions) {
  const defaultMinutes = opts.reactionMinutes ?? 3
  const entitiesOf = (board: string | null) => app.entities.filter((e) => !board || e.group === board).map((e) => e.id)

  app.get('/api/moments', { config: { role: 'viewer' } }, async (req) => ({
    moments: await listMoments(app.store.client),
    // The wall offers the `m` hotkey only to admins (the POST checks again).
    canMark: app.roleOf(bearer(req)) === 'admin',
  }))

  app.post('/api/moments', { config: { role: 'admin' } }, async (req, reply) => {
    const b = body.safeParse(req.body)
    if (!b.success) return reply.code(400).send({ error: `body: ${describeError(b.error)}` })
    const board = b.data.board || null
    if (board && !app.entities.some((e) => e.group === board)) return reply.code(400).send({ error: `body: unknown board ${board}` })
    const m = await addMoment(app.store.client, { label: b.data.label, at: b.data.at ?? Date.now(), board, by: b.data.by ?? 'api' })
    app.hub.emit('moment', m)
    return reply.code(201).send(m)
  })

  app.delete<{ Params: { id: string } }>('/api/moments/:id', { config: { role: 'admin' } }, async (req, reply) => {
    const m = await deleteMoment(app.store.client, req.params.id)
    if (!m) return reply.code(404).send({ error: `no moment with id ${req.params.id}` })
    app.hub.emit('moment', { ...m, deleted: true })
    return { ...m, deleted: true }
  })

  app.get<{ Params: { id: string } }>('/api/moments/:id/reaction', { config: { role: 'viewer' } }, async (req, reply) => {
    const q = minutesQuery.safeParse(req.query)
    if (!q.success) return reply.code(400).send({ error: `query: ${describeError(q.error)}` })
    const m = await getMoment(app.store.client, req.params.id)
    if (!m) return reply.code(404).send({ error: `no moment with id ${req.params.id}` })
    const minutes = q.data.minutes ?? defaultMinutes
    const asOf = Math.min(q.data.until ?? Date.now(), Date.now())
    // The windows grow each second until complete: the key carries their length so a cached answer is never stale.
    const key = `reaction:${m.id}:${m.at}:${minutes}:${reactionSeconds(m.at, minutes, asOf)}`
    return app.reads.run(key, () => momentReaction(app.reads.client, m, entitiesOf(m.board), minutes, asOf))
  })
}
