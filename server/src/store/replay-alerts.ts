import type { ClickHouseClient } from '@clickhouse/client'
import type { Alert, Incident } from '@pulso/types'
import { fromRow } from '../alerts/records.ts'
import { foldEvents } from '../incidents/fold.ts'
import { readIncidentEventsBefore } from '../incidents/store.ts'

/** Alerts detected this long before the replayed second can still be open at it (a crisis night). */
const LOOKBACK_MS = 24 * 3_600_000
const LIMIT = 50

/**
 * The alerts as the room saw them at the end of the replayed second: detected by then, each with the status it had
 * then. `alerts FINAL` holds only an alert's newest status, so the status at t comes from `alert_feedback`, the
 * append-only record of every change with its time (an alert with no change before t was still open).
 */
export async function alertsAt(client: ClickHouseClient, end: number): Promise<Alert[]> {
  const rs = await client.query({
    query: `
      SELECT a.id AS id, a.entity AS entity, a.metric AS metric, a.severity AS severity, a.onset AS onset,
        a.detected_at AS detected_at, a.observed AS observed, a.expected AS expected, a.emotion AS emotion,
        a.drivers AS drivers, a.posts AS posts, a.authenticity AS authenticity, if(f.status = '', 'open', f.status) AS status
      FROM (
        SELECT * FROM alerts FINAL
        WHERE detected_at < fromUnixTimestamp64Milli(toInt64({end:Int64}), 'UTC')
          AND detected_at >= fromUnixTimestamp64Milli(toInt64({from:Int64}), 'UTC')
        ORDER BY detected_at DESC LIMIT {limit:UInt32}
      ) AS a
      LEFT JOIN (
        SELECT alert_id, argMax(status, at) AS status FROM alert_feedback
        WHERE at < fromUnixTimestamp64Milli(toInt64({end:Int64}), 'UTC') GROUP BY alert_id
      ) AS f ON f.alert_id = a.id
      ORDER BY detected_at DESC`,
    query_params: { end, from: end - LOOKBACK_MS, limit: LIMIT },
    format: 'JSONEachRow',
    clickhouse_settings: { join_use_nulls: 0 },
  })
  // The same row reading as the alert service's (one definition of a stored alert), with the status then.
  return (await rs.json<Record<string, string>>()).map(fromRow)
}

/**
 * The incidents behind those alerts as they were at the end of the replayed second: each the fold of its events before
 * then. The banner leaves out an alert whose incident had resolved by then, as the live wall did at that second.
 */
export async function incidentsAt(client: ClickHouseClient, alerts: Alert[], end: number): Promise<Incident[]> {
  const groups = await readIncidentEventsBefore(client, alerts.map((a) => a.id), end)
  return groups.map((g) => foldEvents(g.incident, g.events))
}
