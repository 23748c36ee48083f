/** incident_events rows in and out of ClickHouse (migration 0012). */
import type { ClickHouseClient } from '@clickhouse/client'
import type { Incident, IncidentEvent } from '@pulso/types'
import { fromRow } from '../alerts/records.ts'

export async function writeIncidentEvent(client: ClickHouseClient, i: Incident, e: IncidentEvent): Promise<void> {
  await client.insert({
    table: 'incident_events',
    format: 'JSONEachRow',
    values: [{
      incident_id: i.id, fingerprint: i.fingerprint, entity: i.entity, family: i.family, kind: e.kind, severity: e.severity ?? 0,
      alert_id: e.alertId ?? '', owner: e.owner ?? '', note: e.note ?? '', route: e.route ?? '', onset: e.onset ?? 0, until: e.until ?? 0, by: e.by, at: e.at,
    }],
  })
}

interface Row {
  incident_id: string
  entity: string
  family: string
  kind: IncidentEvent['kind']
  severity: number
  alert_id: string
  owner: string
  note: string
  route: string
  onset: string
  until: string
  by: string
  at: string
}

const ms = (s: string) => Date.parse(s.replace(' ', 'T') + 'Z')

type Group = { incident: { id: string; entity: string; family: string }; events: IncidentEvent[] }

/** Every event of the incidents opened in the last `days` days, grouped by incident, each in order. */
export function readIncidentEvents(client: ClickHouseClient, days: number): Promise<Group[]> {
  return readGroups(client, `WHERE incident_id IN (SELECT incident_id FROM incident_events WHERE kind = 'opened' AND at > now64(3) - toIntervalDay({days:UInt32}))`, { days })
}

/** The events before `end` (ms) of the incidents that named any of `alertIds` by then: a replay's incidents. */
export function readIncidentEventsBefore(client: ClickHouseClient, alertIds: string[], end: number): Promise<Group[]> {
  if (!alertIds.length) return Promise.resolve([])
  const before = `at < fromUnixTimestamp64Milli(toInt64({end:Int64}), 'UTC')`
  return readGroups(client, `WHERE ${before} AND incident_id IN (SELECT incident_id FROM incident_events WHERE ${before} AND alert_id IN {ids:Array(String)})`, { end, ids: alertIds })
}

async function readGroups(client: ClickHouseClient, where: string, query_params: Record<string, unknown>): Promise<Group[]> {
  const rs = await client.query({ query: `SELECT * FROM incident_events ${where} ORDER BY incident_id, at`, query_params, format: 'JSONEachRow' })
  const out = new Map<string, Group>()
  for (const r of await rs.json<Row>()) {
    let g = out.get(r.incident_id)
    if (!g) out.set(r.incident_id, (g = { incident: { id: r.incident_id, entity: r.entity, family: r.family }, events: [] }))
    const e: IncidentEvent = { at: ms(r.at), kind: r.kind, by: r.by }
    if (Number(r.severity)) e.severity = Number(r.severity)
    if (r.alert_id) e.alertId = r.alert_id
    if (r.owner || r.kind === 'assigned') e.owner = r.owner
    if (r.note) e.note = r.note
    if (r.route) e.route = r.route
    if (r.kind === 'opened') e.onset = ms(r.onset)
    if (r.kind === 'snoozed') e.until = ms(r.until)
    g.events.push(e)
  }
  // An incident's first event must be its opening (rows of one ms sort by arrival, which MergeTree does not keep).
  return [...out.values()].filter((g) => g.events.some((e) => e.kind === 'opened')).map((g) => {
    const k = g.events.findIndex((e) => e.kind === 'opened')
    if (k > 0) g.events.unshift(...g.events.splice(k, 1))
    return g
  })
}

/** The drivers, top posts and authenticity (issue 20) of the given alerts (an incident's latest), from the alerts table. */
export async function readAlertSpikes(client: ClickHouseClient, ids: string[]): Promise<(NonNullable<Incident['spike']> & { authenticity?: Incident['authenticity'] })[]> {
  if (!ids.length) return []
  const rs = await client.query({ query: 'SELECT * FROM alerts FINAL WHERE id IN {ids:Array(String)}', query_params: { ids }, format: 'JSONEachRow' })
  return (await rs.json<Record<string, string>>()).map(fromRow).map((a) => ({
    alertId: a.id,
    drivers: a.drivers,
    posts: a.posts,
    authenticity: a.authenticity ? { alertId: a.id, gate: a.gate, authenticity: a.authenticity } : undefined,
  }))
}
