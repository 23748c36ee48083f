import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Alert, Authenticity, AuthenticityBoard } from '@pulso/types'
import { analyseWindow } from '../authenticity/analyse.ts'
import { createBoard, withoutIds } from '../authenticity/board.ts'
import type { AuthenticitySettings } from '../authenticity/settings.ts'

declare module 'fastify' {
  interface FastifyInstance {
    authenticity: {
      readonly settings: AuthenticitySettings
      /** One entity over [fromMs, toMs), through the read gate's client. */
      judge(entity: string, fromMs: number, toMs: number): Promise<Authenticity>
      /** The wall's tile, recomputed every `wall.everyS` (from memory: any number of walls cost one computation). */
      board(): Promise<AuthenticityBoard>
      /** Recompute the board now (or join the computation in flight) and return it. */
      refresh(): Promise<AuthenticityBoard>
      /** The alert gate: judges the alert's spike window [onset, windowEnd), labels it, true = hold it from the webhook. */
      review(alert: Alert, windowEnd: number): Promise<boolean>
    }
  }
}

/** An alert is judged over its spike window [onset, end of the interval that fired), at least this long (a few posts say
 * nothing): a live alert's window reaches back before the onset, a late alert's runs on after it. */
const ALERT_MIN_WINDOW_MS = 10_000
/** Alerts travel to every wall: their evidence keeps this many post ids per cluster (the API has them all). */
const ALERT_IDS = 20

/**
 * Authenticity (issue 20): the wall's board recomputed in the background, one-entity judgements for the API, and the
 * alert gate — every new alert carries the authenticity of its spike window and is labelled a public reaction or
 * suspected coordinated; with `alertGate: hold`, a coordinated one is held from the webhook.
 */
export default fp(
  async function authenticityPlugin(app: FastifyInstance) {
    const settings = () => app.settings.authenticity
    const judge = async (entity: string, fromMs: number, toMs: number, client = app.reads.client) => {
      const m = await analyseWindow(client, settings(), { fromMs, toMs, entities: [entity] })
      return m.get(entity)!.authenticity
    }
    const boardOf = createBoard(app.reads.client)
    let last: AuthenticityBoard | undefined
    const compute = async () => {
      last = await boardOf.compute(settings(), app.entities.map((e) => e.id), Date.now())
    }
    let running: Promise<void> | undefined
    const refresh = () => (running ??= compute().finally(() => (running = undefined)))
    // The interval is read at start (a change to wall.everyS applies at the next restart, like the queue's).
    app.hub.schedule('authenticity', refresh, settings().wall.everyS * 1000)

    const review = async (alert: Alert, windowEnd: number) => {
      const s = settings()
      if (s.alertGate === 'off') return false
      // The spike window ends with the interval that fired, or 10 s after the onset when that is later and already
      // stored: a late alert is detected minutes after its surge, whose posts are all in by then.
      const to = Math.min(Math.max(windowEnd, alert.onset + ALERT_MIN_WINDOW_MS), alert.detectedAt)
      // The plain client, like the alert service's own reads: an alert never waits behind the walls' expensive reads.
      const a = await judge(alert.entity, Math.min(alert.onset, to - ALERT_MIN_WINDOW_MS), to, app.store.client)
      alert.authenticity = withoutIds(a, ALERT_IDS)
      alert.gate = a.verdict === 'coordinated' ? 'suspected_coordinated' : 'public_reaction'
      alert.held = s.alertGate === 'hold' && a.verdict === 'coordinated'
      return alert.held
    }
    app.decorate('authenticity', {
      get settings() {
        return settings()
      },
      judge,
      async board() {
        if (!last) await refresh()
        return last!
      },
      refresh: () => refresh().then(() => last!),
      review,
    })

    app.alerts.setReview(review)
  },
  { name: 'authenticity', dependencies: ['store', 'settings', 'realtime', 'alerts'] },
)
