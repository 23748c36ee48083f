import type { ClickHouseClient } from '@clickhouse/client'
import type { Alert, SourceStatus, EntityInfo, Snapshot, Tick } from '@pulso/types'
import { dataSinceMs, newestPostMs, querySeries, queryWindow, toWindow } from '../store/series.ts'

export interface LiveOptions {
  client: ClickHouseClient
  entities: () => EntityInfo[]
  /** Whether the demo stream runs now (it stops when real posts arrive). */
  demo: () => boolean
  windowSeconds: number
  historySeconds: number
  /** Status of every source, sent with each tick. */
  sources: () => SourceStatus[]
  /** Alerts to include in snapshots (the alerts service provides them). */
  recentAlerts?: () => Alert[]
}

/** Seconds of per-second points each tick re-sends, so late posts amend the last seconds on the wall. */
const TICK_POINT_SECONDS = 5
/**
 * Where the stored data begins moves only when a store starts or old data goes: once known, read at most this often.
 * While nothing is stored it is null, which the cards read as "collecting", and it is read on every tick (a cheap
 * min() over an empty hour) so the first posts' start shows on the next one.
 */
const DATA_SINCE_REFRESH_MS = 5000

/**
 * The rolling aggregates the wall watches: `tick()` (the last window and the last seconds, pushed every TICK_MS by
 * the realtime hub) and `snapshot()` (what a wall gets on connect). Computation only: the hub owns the timing.
 */
export function createLive(o: LiveOptions) {
  let dataAt: number | null = null
  let since: { at: number; value: number | null } | undefined

  /** The start of the stored data, cached (a failed read fails its tick, as the tick's other reads would). */
  async function dataSince(at: number, toMs: number): Promise<number | null> {
    if (since && since.value !== null && at - since.at < DATA_SINCE_REFRESH_MS) return since.value
    const value = await dataSinceMs(o.client, toMs)
    since = { at, value }
    return value
  }

  async function tick(): Promise<Tick> {
    const at = Date.now()
    // Read before the queries: every post created up to dataAt is stored, so the figures below include it.
    const stored = dataAt
    const nowS = Math.floor(at / 1000) * 1000
    const [win, points, dataSinceAt] = await Promise.all([
      queryWindow(o.client, nowS + 1000 - o.windowSeconds * 1000, nowS + 1000),
      querySeries(o.client, { fromMs: nowS - (TICK_POINT_SECONDS - 1) * 1000, toMs: nowS + 1000, stepS: 1 }),
      dataSince(at, nowS + 1000),
    ])
    const byEntity = new Map(win.map((p) => [p.entity, p]))
    return {
      at,
      dataAt: stored,
      dataSince: dataSinceAt,
      windowSeconds: o.windowSeconds,
      entities: o.entities().map((e) => toWindow(e.id, byEntity.get(e.id), o.windowSeconds)),
      points,
      sources: o.sources(),
    }
  }

  async function snapshot(): Promise<Snapshot> {
    const t = await tick()
    const nowS = Math.floor(t.at / 1000) * 1000
    const history = await querySeries(o.client, { fromMs: nowS - o.historySeconds * 1000, toMs: nowS + 1000, stepS: 1 })
    return { entities: o.entities(), demo: o.demo(), tick: t, history, historySeconds: o.historySeconds, alerts: o.recentAlerts?.() ?? [] }
  }

  return {
    tick,
    snapshot,
    /** The writer stored posts created up to `ms`: the wall's "data N s old" counts from the newest. */
    noteStored(ms: number | null) {
      if (ms !== null && (dataAt === null || ms > dataAt)) dataAt = ms
    },
    /** Reads the newest stored post's time, so the first tick after a restart says how old the data is. */
    async warm() {
      dataAt = await newestPostMs(o.client)
    },
  }
}

export type Live = ReturnType<typeof createLive>
