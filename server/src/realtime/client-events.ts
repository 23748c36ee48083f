import type { Socket } from 'socket.io'
import type { z } from 'zod'
import type { ClientToServerEvents, EventAnswer, ServerToClientEvents } from '@pulso/types'
import { describeError } from '@pulso/ingest'
import type { Role } from '../plugins/auth.ts'

/** A wall's connection, typed by the one event map (types/src/live.ts). */
export type WallSocket = Socket<ClientToServerEvents, ServerToClientEvents>

/** One client event (its payload is always an object): who may send it, the shape of its payload, and what it does (throwing is answered, never fatal). */
export interface ClientEvent<S extends z.ZodType> {
  role: Role
  payload: S
  /** Returns null on success, or the reason to tell the client (e.g. an unknown id). */
  run(payload: z.infer<S>, socket: WallSocket): Promise<string | null> | string | null
}

/**
 * Binds a client event to a socket so that no payload can throw out of it: a client is hostile until its payload
 * is validated (the same zod schemas as HTTP). The answer goes to the client's ack when it sent one, else as a
 * `client:error` event; failures are logged. An uncaught throw in a socket.io listener would end the process.
 */
export function handleClientEvent<S extends z.ZodType>(
  socket: WallSocket,
  event: keyof ClientToServerEvents,
  spec: ClientEvent<S>,
  log: { warn(o: object, msg: string): void; error(o: object, msg: string): void },
): void {
  socket.on(event, async (...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (r: EventAnswer) => void) : undefined
    const answer = (r: EventAnswer) => {
      if (ack) ack(r)
      else if (!r.ok) socket.emit('client:error', { event, error: r.error })
    }
    try {
      if (spec.role === 'admin' && socket.data.role !== 'admin') return answer({ ok: false, error: `${event}: needs the admin token; this connection is read-only` })
      const raw = args[0]
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        return answer({ ok: false, error: `${event}: the payload must be an object, received ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}` })
      }
      const p = spec.payload.safeParse(raw)
      if (!p.success) return answer({ ok: false, error: `${event}: ${describeError(p.error)}` })
      const refused = await spec.run(p.data, socket)
      answer(refused ? { ok: false, error: `${event}: ${refused}` } : { ok: true })
    } catch (e) {
      log.error({ err: e, event, socket: socket.id }, 'client event failed')
      try {
        answer({ ok: false, error: `${event}: failed on the server, see its log` })
      } catch {
        // the client went away: nothing to answer
      }
    }
  })
}
