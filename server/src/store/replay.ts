import type { ClickHouseClient } from '@clickhouse/client'
import type { EntityInfo, Snapshot } from '@pulso/types'
import { dataSinceMs, querySeries, queryWindow, toWindow } from './series.ts'

export interface ReplayQuery {
  /** The second being replayed (ms; floored to the second). The wall shows it as if it were "now". */
  t: number
  windowSeconds: number
  /** Per-second points before t to include (the charts show 600). */
  historySeconds: number
}

/**
 * What a live wall would have received at the end of second t: the rolling window [t − window + 1 s, t + 1 s) and
 * per-second history up to t inclusive. The same queries as the live tick, so replayed figures equal live ones.
 */
export async function snapshotAt(client: ClickHouseClient, entities: EntityInfo[], demo: boolean, q: ReplayQuery): Promise<Snapshot> {
  const s = Math.floor(q.t / 1000) * 1000
  const end = s + 1000
  const [win, history, since, [newest]] = await Promise.all([
    queryWindow(client, end - q.windowSeconds * 1000, end),
    querySeries(client, { fromMs: end - q.historySeconds * 1000, toMs: end, stepS: 1 }),
    // Where the stored data began as seen from t: the replayed first minutes say "collecting" as the live wall did.
    dataSinceMs(client, end),
    client
      .query({
        query: `SELECT toUnixTimestamp64Milli(max(created_at)) AS t, count() AS n FROM posts
                WHERE created_at >= fromUnixTimestamp64Milli(toInt64({from:Int64}), 'UTC') AND created_at < fromUnixTimestamp64Milli(toInt64({end:Int64}), 'UTC')`,
        query_params: { from: end - 3600_000, end },
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ t: string; n: string }>()),
  ])
  const byEntity = new Map(win.map((p) => [p.entity, p]))
  return {
    entities,
    demo,
    tick: {
      at: end,
      dataAt: Number(newest?.n) > 0 ? Number(newest.t) : null,
      dataSince: since,
      windowSeconds: q.windowSeconds,
      entities: entities.map((e) => toWindow(e.id, byEntity.get(e.id), q.windowSeconds)),
      points: history.filter((p) => p.t >= end - 5000),
      sources: [],
    },
    history,
    historySeconds: q.historySeconds,
    alerts: [],
  }
}
