/**
 * The incidents behind the wall's alerts (issue 18): which incident each alert opened or updated, its state, and
 * whether this browser may act on it (an admin; a viewer sees the state only). One per wall, read by the banner (an
 * alert whose incident resolved is no longer raised there) and by the alert list (the state, the buttons). Each
 * incident the server pushes (`incident`, on every change, wherever it was made: /control, another wall, escalation)
 * is applied at once; a REST read at start, on each new alert, after an action and every 30 s covers what a lost
 * connection missed.
 */
import { untrack } from 'svelte'
import type { Incident, IncidentAction } from '@pulso/types'
import { api } from '../api.ts'
import { Session } from '../auth/session.svelte.ts'

const EVERY_MS = 30_000

export class Incidents {
  /** alert id → its incident (the newest incident naming the alert in its timeline). */
  byAlert: Map<string, Incident> = $state(new Map())
  admin = $state(false)
  #token: () => string | null

  constructor(token: () => string | null) {
    this.#token = token
  }

  async load(): Promise<void> {
    try {
      const { incidents } = await api<{ incidents: Incident[] }>('/api/incidents', this.#token())
      this.show(incidents)
    } catch {
      // offline or refused: the wall's connection note says so; keep what is shown
    }
  }

  /** These incidents, and no others (a read; a replayed second's, as they were then). */
  show(incidents: Incident[]): void {
    const next = new Map<string, Incident>()
    // Newest opened first: the first incident naming an alert wins (an alert keeps the newest incident naming it).
    for (const i of [...incidents].sort((a, b) => b.openedAt - a.openedAt)) for (const e of i.timeline) if (e.alertId && !next.has(e.alertId)) next.set(e.alertId, i)
    this.byAlert = next
  }

  /** A pushed incident: it replaces the one listed under each alert its timeline names. Called from an effect, so the
   * map it replaces is read untracked: read tracked, the write re-ran the effect until Svelte gave up
   * (effect_update_depth_exceeded on every push). */
  apply(i: Incident): void {
    const alerts = i.timeline.flatMap((e) => (e.alertId ? [e.alertId] : []))
    if (!alerts.length) return
    const next = new Map(untrack(() => this.byAlert))
    for (const a of alerts) {
      // An alert keeps the newest incident naming it: an older incident's change does not take the alert back.
      const held = next.get(a)
      if (!held || held.id === i.id || held.openedAt <= i.openedAt) next.set(a, i)
    }
    this.byAlert = next
  }

  /** The surge behind the alert is over: its incident resolved (by an operator, or by Pulso after a quiet spell). */
  resolved(alertId: string): boolean {
    return this.byAlert.get(alertId)?.state === 'resolved'
  }

  /**
   * The alert joined an incident another alert had opened: the server updated that incident instead of raising it
   * again, and never pushed it, so a wall open at the time never had it. A wall opened later finds it in its snapshot:
   * leaving it out there too makes walls opened at any time show the same alerts.
   */
  joined(alertId: string): boolean {
    const i = this.byAlert.get(alertId)
    return !!i && !i.timeline.some((e) => e.kind === 'opened' && e.alertId === alertId)
  }

  /** Reads while the wall is live; returns the stop function (for an $effect). */
  start(): () => void {
    void new Session().check(this.#token(), 'viewer').then((s) => (this.admin = s.kind === 'ok' && s.role === 'admin'))
    void this.load()
    const timer = setInterval(() => void this.load(), EVERY_MS)
    return () => clearInterval(timer)
  }

  async act(i: Incident, a: IncidentAction): Promise<void> {
    try {
      await api(`/api/incidents/${encodeURIComponent(i.id)}/actions`, this.#token(), { method: 'POST', body: JSON.stringify({ ...a, by: 'wall' }) })
    } finally {
      await this.load()
    }
  }
}
