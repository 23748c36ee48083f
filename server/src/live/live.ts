import type { ClickHouseClient } from '@clickhouse/client'
import type { Server } from 'socket.io'
import type { Alert, SourceStatus, ClientToServerEvents, EntityInfo, ServerToClientEvents, Snapshot, Tick } from '@pulso/types'
import { newestPostMs, querySeries, queryWindow, toWindow } from './queries.ts'

export type IO = Server<ClientToServerEvents, ServerToClientEvents>

export interface LiveOptions {
  client: ClickHouseClient
  io: IO
  entities: EntityInfo[]
  demo: boolean
  tickMs: number
  windowSeconds: number
  historySeconds: number
  /** Status of every source, sent with each tick. */
  sources: () => SourceStatus[]
  /** Alerts to include in snapshots (the alerts service provides them). */
  recentAlerts?: () => Alert[]
  onError: (e: unknown) => void
}

/** Seconds of per-second points each tick re-sends, so late posts amend the last seconds on the wall. */
const TICK_POINT_SECONDS = 5

/**
 * The rolling aggregates the wall watches: a tick every tickMs to every viewer (volatile: a slow viewer skips
 * ticks instead of queueing them — latest wins), and a full snapshot to each viewer on (re)connect.
 */
export function createLive(o: LiveOptions) {
  let dataAt: number | null = null
  let timer: NodeJS.Timeout | undefined
  let current: Promise<void> | undefined
  let last: Tick | undefined

  async function tick(): Promise<Tick> {
    const at = Date.now()
    // Read before the queries: every post created up to dataAt is stored, so the figures below include it.
    const stored = dataAt
    const nowS = Math.floor(at / 1000) * 1000
    const [win, points] = await Promise.all([
      queryWindow(o.client, nowS + 1000 - o.windowSeconds * 1000, nowS + 1000),
      querySeries(o.client, { fromMs: nowS - (TICK_POINT_SECONDS - 1) * 1000, toMs: nowS + 1000, stepS: 1 }),
    ])
    const byEntity = new Map(win.map((p) => [p.entity, p]))
    return {
      at,
      dataAt: stored,
      windowSeconds: o.windowSeconds,
      entities: o.entities.map((e) => toWindow(e.id, byEntity.get(e.id), o.windowSeconds)),
      points,
      sources: o.sources(),
    }
  }

  async function snapshot(): Promise<Snapshot> {
    const t = await tick()
    const nowS = Math.floor(t.at / 1000) * 1000
    const history = await querySeries(o.client, { fromMs: nowS - o.historySeconds * 1000, toMs: nowS + 1000, stepS: 1 })
    return { entities: o.entities, demo: o.demo, tick: t, history, historySeconds: o.historySeconds, alerts: o.recentAlerts?.() ?? [] }
  }

  function beat() {
    if (current) return // a slow store skips a beat rather than stacking queries
    current = tick()
      .then((t) => void o.io.volatile.emit('tick', (last = t)))
      .catch((e) => o.onError(e))
      .finally(() => (current = undefined))
  }

  // Connections arriving together (a wall reload, a reconnect storm, a client looping connects) share one snapshot
  // per second instead of one history query each.
  let shared: { at: number; value: Promise<Snapshot> } | undefined
  const sharedSnapshot = () => {
    if (!shared || Date.now() - shared.at >= 1000) shared = { at: Date.now(), value: snapshot() }
    return shared.value
  }
  o.io.on('connection', (socket) => {
    sharedSnapshot().then(
      (s) => socket.emit('snapshot', s),
      (e) => o.onError(e),
    )
  })

  return {
    tick,
    snapshot,
    get lastTick() {
      return last
    },
    /** The writer stored posts created up to `ms`: the wall's "data N s old" counts from the newest. */
    noteStored(ms: number | null) {
      if (ms !== null && (dataAt === null || ms > dataAt)) dataAt = ms
    },
    async start() {
      dataAt = await newestPostMs(o.client)
      timer = setInterval(beat, o.tickMs)
    },
    /** Stops ticking; resolves once a tick in flight is done (before the store is closed under it). */
    async stop() {
      clearInterval(timer)
      await current
    },
  }
}

export type Live = ReturnType<typeof createLive>
