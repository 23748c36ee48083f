import type { FastifyInstance } from 'fastify'
import { Server } from 'socket.io'
import type { z } from 'zod'
import type { ClientToServerEvents, ServerToClientEvents } from '@pulso/types'
import { handleClientEvent, type ClientEvent, type WallSocket } from './client-events.ts'
import { createJob, type Job } from './job.ts'

export type IO = Server<ClientToServerEvents, ServerToClientEvents>
type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0]

export interface PublishOptions<P> {
  /** Recompute and push this often (0: only on refresh()). */
  everyMs: number
  /** Latest wins: a slow wall skips a value instead of queueing it (ticks, feeds). */
  volatile?: boolean
  /** A wall that connects gets the last value at once. */
  replayOnConnect?: boolean
  /** Two values the walls need not hear twice (e.g. the same queue with only its clock moved). */
  same?: (a: P, b: P) => boolean
}

export interface Publication<P> {
  /** The last value pushed, if any. */
  last(): P | undefined
  /** Recompute and push now, or right after the run in flight. */
  refresh(): Promise<void>
}

/**
 * The realtime hub: owns socket.io, the handshake's sign-in, every client event (validated, role-checked, never
 * fatal), and every server push. A push is a registration — `publish(event, compute, { everyMs, replayOnConnect })`
 * — with skip-if-busy and shutdown written once (job.ts). Events and payloads are typed once in types/src/live.ts.
 */
export function createHub(app: FastifyInstance) {
  const io: IO = new Server(app.server, { serveClient: false, maxHttpBufferSize: app.config.socketMaxMessageBytes })
  const jobs: Job[] = []
  const onConnect: ((socket: WallSocket) => void)[] = []
  const clientEvents: [keyof ClientToServerEvents, ClientEvent<z.ZodType>][] = []
  const onError = (e: unknown, job: string) => app.log.error({ err: e, job }, 'realtime job failed')

  // Walls send their token in the handshake `auth` (never in a URL); a wrong one counts against the same
  // per-address failure guard as HTTP, so guessing over websockets is as slow as over HTTP.
  io.use((socket, next) => {
    const address = socket.handshake.address
    const wait = app.authFailures.blockedFor(address)
    if (wait > 0) return next(new Error(`too many failed credentials from this address: retry in ${wait} s`))
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined
    const role = app.roleOf(token)
    if (!role) {
      if (token) app.authFailures.fail(address)
      return next(new Error('unauthorized: send a viewer or admin token in the handshake auth'))
    }
    socket.data.role = role
    next()
  })
  io.on('connection', (socket) => {
    for (const [event, spec] of clientEvents) handleClientEvent(socket, event, spec, app.log)
    for (const f of onConnect) f(socket)
  })

  return {
    io,
    /** A server → wall event computed every `everyMs`; `compute` resolving undefined sends nothing. */
    publish<E extends keyof ServerToClientEvents>(event: E, compute: () => Promise<Payload<E> | undefined>, o: PublishOptions<Payload<E>>): Publication<Payload<E>> {
      let last: Payload<E> | undefined
      const job = createJob(event, async () => {
        const value = await compute()
        if (value === undefined || (last !== undefined && o.same?.(last, value))) return
        last = value
        const target = o.volatile ? io.volatile : io
        ;(target.emit as (e: E, p: Payload<E>) => boolean)(event, value)
      }, o.everyMs, onError)
      jobs.push(job)
      if (o.replayOnConnect) onConnect.push((socket) => void (last !== undefined && (socket.emit as (e: E, p: Payload<E>) => boolean)(event, last)))
      return { last: () => last, refresh: () => job.runNow() }
    },
    /** A one-off push to every wall (an alert raised, a moment marked). */
    emit<E extends keyof ServerToClientEvents>(event: E, payload: Payload<E>): void {
      ;(io.emit as (e: E, p: Payload<E>) => boolean)(event, payload)
    },
    /** A background job that pushes by itself through emit() (the alert check), stopped with the rest. */
    schedule(name: string, work: () => Promise<void>, everyMs: number): Job {
      const job = createJob(name, work, everyMs, onError)
      jobs.push(job)
      return job
    },
    /** Something every new connection gets (the snapshot). */
    onConnect(f: (socket: WallSocket) => void): void {
      onConnect.push(f)
    },
    /** A client → server event: who may send it, its payload's schema, and what it does. */
    handle<S extends z.ZodType>(event: keyof ClientToServerEvents, spec: ClientEvent<S>): void {
      clientEvents.push([event, spec as unknown as ClientEvent<z.ZodType>])
    },
    start(): void {
      jobs.forEach((j) => j.start())
    },
    /** Stops every job and waits for each one's run in flight, then closes the sockets. */
    async stop(): Promise<void> {
      await Promise.all(jobs.map((j) => j.stop()))
      io.close()
    },
  }
}

export type Hub = ReturnType<typeof createHub>
