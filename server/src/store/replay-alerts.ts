import type { ClickHouseClient } from '@clickhouse/client'
import type { Alert, Emotion } from '@pulso/types'

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
      SELECT a.id AS id, a.entity AS entity, a.metric AS metric, a.severity AS severity,
        toUnixTimestamp64Milli(a.onset) AS onset, toUnixTimestamp64Milli(a.detected_at) AS detected,
        a.observed AS observed, a.expected AS expected, a.emotion AS emotion, a.drivers AS drivers, a.posts AS posts,
        if(f.status = '', 'open', f.status) AS status_then
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
      ORDER BY detected DESC`,
    query_params: { end, from: end - LOOKBACK_MS, limit: LIMIT },
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0, join_use_nulls: 0 },
  })
  return (await rs.json<Record<string, string | number>>()).map(toAlert)
}

/** A stored row as the wall's Alert (drivers and posts are JSON text, shown whole). */
function toAlert(r: Record<string, string | number>): Alert {
  const parse = <T>(s: string | number, fallback: T): T => {
    try {
      return JSON.parse(String(s)) as T
    } catch {
      return fallback
    }
  }
  return {
    id: String(r.id),
    entity: String(r.entity),
    metric: String(r.metric),
    severity: Number(r.severity) as Alert['severity'],
    onset: Number(r.onset),
    detectedAt: Number(r.detected),
    observed: Number(r.observed),
    expected: Number(r.expected),
    emotion: (String(r.emotion) || null) as Emotion | null,
    drivers: parse(r.drivers, []),
    posts: parse(r.posts, []),
    status: String(r.status_then) as Alert['status'],
  }
}
