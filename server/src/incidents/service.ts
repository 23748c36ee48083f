/**
 * Incidents (issue 18): an alert opens an incident, or updates the one not yet resolved with the same fingerprint
 * (entity + metric family); the room acknowledges, snoozes, assigns, annotates and resolves it. Every change is an
 * event row (incident_events, append-only); the folded state of recent incidents lives here, rebuilt at start.
 */
import { randomUUID } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import type { Alert, Incident, IncidentAction, IncidentEvent } from '@pulso/types'
import { apply, familyOf, foldEvents, openIncident } from './fold.ts'
import { readAlertSpikes, readIncidentEvents, writeIncidentEvent } from './store.ts'

export interface IncidentServiceOptions {
  client: ClickHouseClient
  /** Every change, to the walls (and whatever else listens: the router). */
  publish: (i: Incident, e: IncidentEvent) => void
  /** An incident with no new alert for this long resolves itself (0: never); read on every tick (config reloads). */
  autoResolveMs: () => number
  /** Incidents kept in memory (the newest; older ones are in the store). */
  keep?: number
  now?: () => number
  log?: { warn(o: object, msg: string): void }
}

export function createIncidentService(o: IncidentServiceOptions) {
  const now = o.now ?? Date.now
  const keep = o.keep ?? 500
  const byId = new Map<string, Incident>()
  /** fingerprint → the incident not yet resolved */
  const live = new Map<string, Incident>()
  /** last alert per incident id, for auto-resolve */
  const lastAlert = new Map<string, number>()

  async function record(i: Incident, e: IncidentEvent) {
    // Events of one incident get strictly increasing times, so the store's ORDER BY at gives back the same order.
    if (i.timeline.length) e.at = Math.max(e.at, i.timeline[i.timeline.length - 1].at + 1)
    apply(i, e)
    if (i.state === 'resolved') live.delete(i.fingerprint)
    else live.set(i.fingerprint, i)
    if (e.kind === 'opened' || e.kind === 'alert') lastAlert.set(i.id, e.at)
    await writeIncidentEvent(o.client, i, e).catch((err) => o.log?.warn({ err, incident: i.id }, 'incident event not stored'))
    o.publish(i, e)
  }

  function forget() {
    if (byId.size <= keep) return
    for (const [id, i] of byId) {
      if (byId.size <= keep) break
      if (i.state === 'resolved') byId.delete(id), lastAlert.delete(id)
    }
  }

  return {
    /** An alert: the open incident of its fingerprint takes it (severity raised if higher), or a new one opens. */
    async onAlert(a: Alert): Promise<{ incident: Incident; opened: boolean }> {
      const family = familyOf(a.metric)
      const current = live.get(`${a.entity}|${family}`)
      const at = now()
      const spike = { alertId: a.id, drivers: a.drivers, posts: a.posts }
      const judged = a.authenticity ? { alertId: a.id, gate: a.gate, authenticity: a.authenticity } : undefined
      if (current) {
        current.spike = spike
        current.authenticity = judged
        const higher = a.severity > current.severity
        await record(current, { at, kind: 'alert', by: 'pulso', severity: a.severity, alertId: a.id })
        if (higher) await record(current, { at, kind: 'severity', by: 'pulso', severity: a.severity })
        return { incident: current, opened: false }
      }
      const first: IncidentEvent = { at, kind: 'opened', by: 'pulso', severity: a.severity, alertId: a.id, onset: a.onset }
      const i = openIncident(randomUUID(), a.entity, family, a.onset, first)
      i.alerts = 0
      i.timeline = []
      i.spike = spike
      i.authenticity = judged
      byId.set(i.id, i)
      await record(i, first)
      forget()
      return { incident: i, opened: true }
    },

    /** An operator's action; returns the incident, or why it cannot be done. */
    async act(id: string, act: IncidentAction, by: string): Promise<Incident | string> {
      const i = byId.get(id)
      if (!i) return `no recent incident with id ${id}`
      const at = now()
      const resolved = i.state === 'resolved'
      switch (act.action) {
        case 'acknowledge':
          if (resolved) return 'the incident is resolved; reopen it first'
          return record(i, { at, kind: 'acknowledged', by }).then(() => i)
        case 'snooze':
          if (resolved) return 'the incident is resolved; reopen it first'
          return record(i, { at, kind: 'snoozed', by, until: at + act.minutes * 60_000 }).then(() => i)
        case 'resolve':
          if (resolved) return 'the incident is already resolved'
          return record(i, { at, kind: 'resolved', by }).then(() => i)
        case 'reopen':
          if (!resolved) return 'the incident is not resolved'
          if (live.has(i.fingerprint)) return 'another incident on this entity and metric is open; work on that one'
          return record(i, { at, kind: 'reopened', by }).then(() => i)
        case 'assign':
          return record(i, { at, kind: 'assigned', by, owner: act.owner }).then(() => i)
        case 'note':
          return record(i, { at, kind: 'note', by, note: act.note }).then(() => i)
      }
    },

    /** Run on the hub's schedule: expired snoozes reopen; quiet incidents resolve themselves. */
    async tick(): Promise<void> {
      const t = now()
      for (const i of [...live.values()]) {
        if (i.state === 'snoozed' && i.snoozedUntil !== null && i.snoozedUntil <= t) {
          await record(i, { at: t, kind: 'reopened', by: 'pulso', note: 'snooze ended' })
        }
        const quietSince = lastAlert.get(i.id) ?? i.openedAt
        const after = o.autoResolveMs()
        if (after > 0 && i.state !== 'snoozed' && t - quietSince >= after) {
          await record(i, { at: t, kind: 'resolved', by: 'pulso', note: `no new alert for ${Math.round(after / 60_000)} min` })
        }
      }
    },

    /** Rebuild recent incidents from the store (a restart keeps the room's work). */
    async warm(days = 7): Promise<void> {
      for (const { incident, events } of await readIncidentEvents(o.client, days)) {
        if (byId.has(incident.id)) continue // already live here: memory is newer than the store
        const i = foldEvents(incident, events)
        byId.set(i.id, i)
        if (i.state !== 'resolved' && !live.has(i.fingerprint)) live.set(i.fingerprint, i)
        const alerts = events.filter((e) => e.kind === 'opened' || e.kind === 'alert')
        lastAlert.set(i.id, alerts[alerts.length - 1]?.at ?? i.openedAt)
      }
      // What drove each incident's latest alert, from the alerts table (the events keep only the alert's id).
      const latest = new Map([...byId.values()].filter((i) => !i.spike).map((i) => [[...i.timeline].reverse().find((e) => e.alertId)?.alertId ?? '', i]))
      latest.delete('')
      for (const { authenticity, ...s } of await readAlertSpikes(o.client, [...latest.keys()]).catch(() => [])) {
        const i = latest.get(s.alertId)!
        i.spike = s
        if (authenticity) i.authenticity = authenticity
      }
      forget()
    },

    /** Something Pulso did for an incident (a page sent, an escalation): onto its timeline. */
    async log(id: string, e: Omit<IncidentEvent, 'at' | 'by'>): Promise<void> {
      const i = byId.get(id)
      if (i) await record(i, { ...e, at: now(), by: 'pulso' })
    },

    get(id: string): Incident | undefined {
      return byId.get(id)
    },
    /** Newest first; `state` filters ('active' = every state but resolved). */
    list(state?: Incident['state'] | 'active'): Incident[] {
      const all = [...byId.values()].sort((a, b) => b.updatedAt - a.updatedAt)
      if (!state) return all
      return all.filter((i) => (state === 'active' ? i.state !== 'resolved' : i.state === state))
    },
  }
}

export type IncidentService = ReturnType<typeof createIncidentService>
