import { randomUUID } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import type { Alert, Emotion, Entity, SeriesPoint } from '@pulso/types'
import { DEFAULTS, type Decision } from './detector/index.ts'
import { findDrivers } from '../store/drivers.ts'
import type { Webhook } from './webhook.ts'
import { querySeries } from '../store/series.ts'
import { alertWindows, fromRow, judgedColumn } from './records.ts'
import { step, watchOf, type Fired } from './watches.ts'
import { createLateWatch } from './late.ts'
import { movedEmotion } from './emotion.ts'

export interface AlertServiceOptions {
  client: ClickHouseClient
  /** Pushes an alert (new, or its status changed) to every wall. */
  publish: (a: Alert) => void
  entities: Entity[]
  /** Length of one detector interval, seconds. */
  intervalS: number
  /** Baseline window for drivers, seconds before the onset. */
  driverBaselineS: number
  webhook?: Webhook
  /** The clock (tests run the demo in simulated time). */
  now?: () => number
  /** Resolves once every ingest request that arrived before t is stored (the front door's `settled`). */
  settled?: (t: number) => Promise<void>
  /** How long one check waits for them at most (default 5 s). */
  storedWaitMs?: number
  /** Posts arriving this many seconds late still raise alerts (late.ts; `alerts.lateHorizonS`, default 600; 0 = off). */
  lateHorizonS?: number | (() => number)
}

// Posts that arrive up to this long after an interval closes still count in it...
const SETTLE_MS = 400
// ...and the watch waits for the requests that brought them to be stored (under load the NLP and the writer can
// lag by seconds), but no longer than this per check: a request that never ends must not stop the watch.
const STORED_WAIT_MS = 5000
const RECENT = 50
/** Each false positive on an entity+metric in the last week raises its bar by a quarter, up to double. */
const FP_STEP = 0.25
const FP_CAP = 2

/**
 * The live spike watch: every interval, each entity's closed interval goes through its detectors (volume, unique
 * authors, negative share, each emotion's share). A firing detector becomes an alert with drivers from ClickHouse,
 * stored, pushed to every wall and to the webhook. One surge, one alert: while an entity is in cooldown after an
 * alert, other metrics firing for it raise nothing new (the strongest metric of the surge names the alert).
 */
export function createAlertService(o: AlertServiceOptions) {
  const intervalMs = o.intervalS * 1000
  const clock = o.now ?? Date.now
  const byEntity = new Map(o.entities.map((e) => [e.id, watchOf(e)]))
  const recent: Alert[] = []
  const fp = new Map<string, number>()
  let next = 0
  let warmed = false
  /** Issue 20's gate (set by the authenticity plugin): annotates a new alert; true holds it from the webhook. */
  let review: ((a: Alert, windowEnd: number) => Promise<boolean>) | undefined
  /** Issue 18 (set by the incidents plugin): files the alert under an incident; `opened: false` = an update. */
  let incidents: ((a: Alert) => Promise<{ opened: boolean }>) | undefined

  const horizonS = o.lateHorizonS ?? 600
  const late = createLateWatch({
    client: o.client,
    intervalS: o.intervalS,
    horizonS: typeof horizonS === 'number' ? () => horizonS : horizonS,
    now: clock,
    entity: (id) => byEntity.get(id)?.entity,
    raise: (f, bucketEnd) => raise(f.entity, f.metric, f.d, bucketEnd, f.d.onset, true),
  })

  /** The interval starting at `bucket` through every entity's detectors (and remembered for the late pass). */
  const feed = (points: SeriesPoint[], quiet: boolean, bucket: number): Fired[] => {
    const at = new Map(points.filter((p) => p.t === bucket).map((p) => [p.entity, p]))
    late.note(bucket, points)
    return [...byEntity.values()].flatMap((s) => step(s, bucket, at.get(s.entity.id), quiet))
  }

  /** `foundLate`: by the late pass, which judged "same surge" itself (the live cooldown counts intervals as read). */
  async function raise(entity: Entity, metric: string, d: Decision, bucketEnd: number, onsetMs: number, foundLate = false) {
    const s = byEntity.get(entity.id)
    if (!s || (!foundLate && bucketEnd - s.lastAlertAt < DEFAULTS.cooldown * intervalMs)) return false
    if (d.score < DEFAULTS.threshold * Math.min(1 + FP_STEP * (fp.get(`${entity.id}|${metric}`) ?? 0), FP_CAP)) return false
    // The cooldown runs from detection: a late alert is detected at the live pass's position, not at its interval.
    s.lastAlertAt = Math.max(s.lastAlertAt, foundLate ? next : bucketEnd)
    const exclude = alertWindows(recent, entity.id, onsetMs, (o.driverBaselineS * 1000) / 2)
    const { drivers, posts } = await findDrivers(o.client, { entity: entity.id, baseFrom: onsetMs - o.driverBaselineS * 1000, onset: onsetMs, to: bucketEnd, entityTerms: [entity.name, ...entity.terms], exclude })
    const alert: Alert = {
      id: randomUUID(),
      entity: entity.id,
      metric,
      severity: d.severity,
      onset: onsetMs,
      detectedAt: clock(),
      observed: d.value,
      expected: d.expected,
      drivers,
      posts,
      emotion: metric.startsWith('emotion:') ? (metric.slice(8) as Emotion) : await movedEmotion(o.client, entity.id, onsetMs - o.driverBaselineS * 1000, onsetMs, bucketEnd),
      status: 'open',
    }
    // A failed review leaves the alert as it was: the room still hears of the spike. It judges the spike's own window
    // (to the end of the interval that fired): a late alert's detection can be minutes after the surge.
    const held = review ? await review(alert, bucketEnd).catch(() => false) : false
    await store(alert)
    recent.unshift(alert)
    recent.length = Math.min(recent.length, RECENT)
    // One surge, one page: an alert on an entity + metric family whose incident is still open updates that incident
    // (its timeline, its severity) instead of being raised again. A failed filing still raises it.
    const filed = incidents ? await incidents(alert).catch(() => ({ opened: true })) : { opened: true }
    if (!filed.opened) return true
    o.publish(alert)
    if (!held) o.webhook?.send(alert, entity.name)
    return true
  }

  /** Waits for the ingest requests that arrived before t to be stored, until `until` (performance.now()) at most. */
  async function stored(t: number, until: number) {
    const left = until - performance.now()
    if (!o.settled || left <= 0) return
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<void>((r) => (timer = setTimeout(r, left)))
    await Promise.race([o.settled(t), late]).finally(() => clearTimeout(timer))
  }

  async function store(a: Alert, by = 'pulso') {
    // Read now: a second status change may come while the first insert waits (an incident acknowledged, then the
    // alert marked false positive), and each row must record its own status and time.
    const { status } = a
    const at = Date.now()
    await o.client.insert({
      table: 'alerts',
      format: 'JSONEachRow',
      values: [{ id: a.id, entity: a.entity, metric: a.metric, severity: a.severity, onset: a.onset, detected_at: a.detectedAt, observed: a.observed, expected: a.expected, emotion: a.emotion ?? '', drivers: JSON.stringify(a.drivers), posts: JSON.stringify(a.posts), authenticity: judgedColumn(a), status, updated_at: at }],
    })
    if (status !== 'open') {
      await o.client.insert({ table: 'alert_feedback', format: 'JSONEachRow', values: [{ alert_id: a.id, entity: a.entity, metric: a.metric, status, by, at }] })
    }
  }

  /** Every closed interval since the last check goes through the detectors (the hub runs this, never twice at once). */
  async function check() {
    // The first check warms the detectors from stored history: at start, not at build time, so whatever was stored
    // in between (a restart's backlog, a test's history) counts as baseline, not as a surge.
    if (!warmed) await warm()
    const now = clock()
    // One wait budget per check, not per interval: behind a request that never ends, the watch lags by 5 s at most.
    const until = performance.now() + (o.storedWaitMs ?? STORED_WAIT_MS)
    while (next + intervalMs + SETTLE_MS <= now) {
      await stored(next + intervalMs + SETTLE_MS, until)
      const points = await querySeries(o.client, { fromMs: next, toMs: next + intervalMs, stepS: o.intervalS })
      const fired = feed(points, false, next)
      // Strongest first: when several metrics of one entity fire together, the alert names the clearest.
      for (const f of fired.sort((a, b) => b.d.score - a.d.score)) await raise(f.entity, f.metric, f.d, next + intervalMs, f.d.onset)
      next += intervalMs
    }
    // Then the posts that came in too late for the intervals just read, or for earlier ones (late.ts).
    await late.pass(next)
  }

  /** Warms the baselines and the recent list from the store, so a restart does not blind the detectors. */
  async function warm() {
    const now = clock()
    const end = Math.floor(now / intervalMs) * intervalMs
    const from = end - DEFAULTS.baseline * intervalMs
    const hist = await querySeries(o.client, { fromMs: from, toMs: end, stepS: o.intervalS })
    for (let b = from; b < end; b += intervalMs) feed(hist, true, b)
    next = end
    const rs = await o.client.query({
      query: `SELECT entity, metric, count() AS n FROM alert_feedback WHERE status = 'false_positive' AND at > now() - INTERVAL 7 DAY GROUP BY entity, metric`,
      format: 'JSONEachRow',
    })
    for (const r of await rs.json<{ entity: string; metric: string; n: string }>()) fp.set(`${r.entity}|${r.metric}`, Number(r.n))
    const rows = await o.client.query({ query: `SELECT * FROM alerts FINAL ORDER BY detected_at DESC LIMIT ${RECENT}`, format: 'JSONEachRow' })
    recent.push(...(await rows.json<Record<string, string>>()).map(fromRow))
    warmed = true
  }

  return {
    recent: () => recent.slice(),
    /** The late pass's work so far: scans of the horizon, entities re-read, alerts raised. */
    lateStats: () => late.stats(),
    check,
    /** How often check() should run: well within one interval, so an alert is raised within seconds. */
    checkEveryMs: Math.min(intervalMs / 4, 500),
    setIncidents(f: (a: Alert) => Promise<{ opened: boolean }>) {
      incidents = f
    },
    setReview(f: (a: Alert, windowEnd: number) => Promise<boolean>) {
      review = f
    },
    stop() {
      o.webhook?.stop()
    },
    /**
     * The entities changed (config reload): a new one gets fresh detectors (they start at its first post, so its
     * arrival is not a surge), a removed one stops being watched, a renamed or re-termed one keeps its baselines.
     */
    setEntities(entities: Entity[]) {
      const ids = new Set(entities.map((e) => e.id))
      for (const id of [...byEntity.keys()]) if (!ids.has(id)) byEntity.delete(id)
      for (const e of entities) {
        const s = byEntity.get(e.id)
        if (s) s.entity = e
        else byEntity.set(e.id, watchOf(e))
      }
    },
    async setStatus(id: string, status: Alert['status'], by: string): Promise<Alert | null> {
      const a = recent.find((x) => x.id === id)
      if (!a) return null
      a.status = status
      await store(a, by)
      if (status === 'false_positive') fp.set(`${a.entity}|${a.metric}`, (fp.get(`${a.entity}|${a.metric}`) ?? 0) + 1)
      o.publish(a)
      return a
    },
  }
}

export type AlertService = ReturnType<typeof createAlertService>
