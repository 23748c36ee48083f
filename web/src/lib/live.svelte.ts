/**
 * The live feed: one socket.io connection, the model it feeds, the connection state, and a 1 Hz clock
 * so "data N s old" keeps counting while the feed is silent or the connection is lost.
 */
import { io, type Socket } from 'socket.io-client'
import type { Alert, ClientToServerEvents, Feed, Incident, Moment, QueueSummary, ServerToClientEvents } from '@pulso/types'
import { applyAlert, applySnapshot, applyTick, backfill, emptyModel, type LiveModel } from './state.ts'
import { fetchSeries } from './api.ts'
import { session } from './auth/session.svelte.ts'

export type ConnState = 'connecting' | 'live' | 'offline'

/** The charts show this many seconds; history older than the snapshot's is fetched over REST. */
export const CHART_SECONDS = 600

export class Live {
  model: LiveModel = $state.raw(emptyModel())
  conn: ConnState = $state('connecting')
  /** Reconnection attempts since the connection was lost (0 while live). */
  attempts = $state(0)
  /** Client clock, refreshed every second. */
  now = $state(Date.now())
  /** Set on each new alert id (not status changes): the board rotation jumps to it. */
  newAlert: Alert | null = $state.raw(null)
  /** Top posts and rising terms, pushed every few seconds. */
  feed: Feed | null = $state.raw(null)
  /** The latest moment event (marked or deleted), and a counter bumped on each: the moments list refetches. */
  moment: Moment | null = $state.raw(null)
  momentEvents = $state(0)
  /** The response queue's summary, pushed on connect and whenever it changes. */
  queue: QueueSummary | null = $state.raw(null)
  /** The latest incident opened or changed (issue 18), pushed as it happens: the alert list applies it at once. */
  incident: Incident | null = $state.raw(null)

  #socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null
  #timer: ReturnType<typeof setInterval> | undefined
  #token: string | null = null

  connect(token: string | null): void {
    this.#token = token
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ auth: token ? { token } : {} })
    this.#socket = socket
    socket.on('connect', () => {
      this.conn = 'live'
      this.attempts = 0
    })
    socket.on('disconnect', (reason) => {
      this.conn = 'offline'
      // After a server-side disconnect socket.io does not retry by itself; ask it to.
      if (reason === 'io server disconnect') socket.connect()
    })
    socket.on('connect_error', (err) => {
      // Refused credential (revoked or rotated while the page ran): the sign-in gate checks again and takes over.
      if (err.message.startsWith('unauthorized')) session.recheck()
      if (this.conn !== 'live') this.conn = this.model.generation > 0 ? 'offline' : 'connecting'
    })
    socket.io.on('reconnect_attempt', (n) => (this.attempts = n))
    socket.on('snapshot', (s) => {
      this.model = applySnapshot(this.model, s, Date.now())
      this.conn = 'live'
      this.momentEvents++ // moments may have changed while we were away
      void this.#backfill()
    })
    socket.on('tick', (t) => (this.model = applyTick(this.model, t, Date.now())))
    socket.on('alert', (a) => {
      const known = this.model.alerts.some((x) => x.id === a.id)
      this.model = applyAlert(this.model, a)
      if (!known && a.status === 'open') this.newAlert = a
    })
    socket.on('feed', (f) => (this.feed = f))
    socket.on('queue', (q) => (this.queue = q))
    socket.on('incident', (i) => (this.incident = i))
    socket.on('moment', (mo) => {
      this.moment = mo
      this.momentEvents++
    })
    this.#timer = setInterval(() => (this.now = Date.now()), 1000)
  }

  setAlertStatus(id: string, status: Alert['status']): void {
    this.#socket?.emit('alert:status', { id, status })
  }

  /** Server time now (ms): the client clock corrected by the offset seen in the latest tick. */
  serverNow(): number {
    return this.now + this.model.clockOffset
  }

  get token(): string | null {
    return this.#token
  }

  close(): void {
    clearInterval(this.#timer)
    this.#socket?.close()
    this.#socket = null
  }

  /** When the snapshot holds less than the charts show, fetch the older seconds once per entity. */
  async #backfill(): Promise<void> {
    const m = this.model
    if (!m.tick || m.historySeconds >= CHART_SECONDS) return
    const to = Math.floor(m.tick.at / 1000) * 1000 - m.historySeconds * 1000
    const from = to - (CHART_SECONDS - m.historySeconds) * 1000
    for (const e of m.entities) {
      try {
        const points = await fetchSeries({ entities: [e.id], from, to, step: 1 }, this.#token)
        // A newer snapshot may have arrived meanwhile; it will do its own backfill.
        if (this.model.generation === m.generation) this.model = backfill(this.model, points)
      } catch {
        // Missing history only leaves the left edge of the charts empty; the live feed goes on.
      }
    }
  }
}
