/**
 * The spike watch's second look. The live pass reads each interval once, just after it closes; posts stamped inside
 * it that arrive later (a source reconnecting and backfilling the minutes it missed, a producer retrying after an
 * outage, a late batch) are stored and charted, but the live pass never reads that interval again, so a wave during a
 * source outage raised no alert at all. Every few seconds this pass compares what the store now holds over the last
 * `horizon` with what the detectors saw; an entity whose intervals grew materially is replayed on fresh detectors
 * (warmed quietly on the stored history before its first grown interval, then fed from there to the live pass's read
 * position), and each surge the late posts took part in that was not already alerted on is raised now, its onset in
 * the past. Posts older than the horizon (a historical import) never raise anything.
 *
 * Fresh detectors, not the live ones: the live set keeps its state and its same-hour memory (days of it, which no
 * replay could rebuild); the replay only finds what the live pass missed.
 */
import type { ClickHouseClient } from '@clickhouse/client'
import type { Entity } from '@pulso/types'
import { DEFAULTS } from './detector/index.ts'
import { querySeries } from '../store/series.ts'
import { step, watchOf, type Fired } from './watches.ts'

export interface LateOptions {
  client: ClickHouseClient
  intervalS: number
  /** How far back late posts still raise alerts, seconds; 0 = off. Read on every use: the setting reloads live. */
  horizonS: () => number
  now: () => number
  /** The watched entity of this id (undefined: no longer watched). */
  entity: (id: string) => Entity | undefined
  /** Raises a late alert under the service's rules (false-positive bar, review, incidents); false if it did not. */
  raise: (f: Fired, bucketEnd: number) => Promise<boolean>
}

// Posts that are late are already seconds to minutes late: a scan every 5 s (one small query) is soon enough.
const SCAN_EVERY_MS = 5000
// An interval is re-read when it gained at least 4 posts and a fifth of what the detectors saw. Fewer can hardly
// change a decision (a count needs 8 posts to fire, a share 20 and a 5-point shift), and a busy stream's routine
// stragglers (a producer batching every second) then do not cost a replay on every scan.
const MIN_GROWTH = 4
const MIN_GROWTH_SHARE = 0.2
// A replayed interval costs ~85 µs (nine detectors; measured on the test machine): a whole 10-minute horizon of 20
// entities is ~0.6 s of work, so it gives way to the event loop (sockets, ingest) every so many intervals.
const YIELD_EVERY = 256
const giveWay = () => new Promise<void>((r) => setImmediate(r))

export function createLateWatch(o: LateOptions) {
  const intervalMs = o.intervalS * 1000
  // One surge, one alert, as in the live pass: an alert on the entity whose onset is within a cooldown of this one's.
  const cooldownMs = DEFAULTS.cooldown * intervalMs
  const warmMs = DEFAULTS.baseline * intervalMs
  /** Interval start → entity → posts the detectors saw there (absent: none). Only the horizon's intervals, in order. */
  const seen = new Map<number, Map<string, number>>()
  const stats = { scans: 0, rereads: 0, raised: 0 }
  let lastScan = -Infinity

  const horizonMs = () => Math.max(0, o.horizonS()) * 1000
  function prune(from: number) {
    for (const b of seen.keys()) {
      if (b >= from) break // inserted in time order
      seen.delete(b)
    }
  }

  /** Stored posts per interval and entity over [from, to): one query, the horizon only. */
  async function stored(from: number, to: number) {
    const rs = await o.client.query({
      query: `SELECT toUnixTimestamp(toStartOfInterval(t, toIntervalSecond({step:UInt32}))) * 1000 AS b, entity, toFloat64(sum(posts)) AS n
              FROM entity_seconds WHERE t >= toDateTime({from:UInt32}) AND t < toDateTime({to:UInt32}) GROUP BY b, entity`,
      query_params: { step: o.intervalS, from: Math.floor(from / 1000), to: Math.ceil(to / 1000) },
      format: 'JSONCompactEachRow',
    })
    const out = new Map<number, Map<string, number>>()
    for (const [b, entity, n] of await rs.json<[number | string, string, number]>()) {
      const m = out.get(Number(b)) ?? new Map<string, number>()
      out.set(Number(b), m.set(entity, n))
    }
    return out
  }

  /** Replays each entity from its first grown interval; the decisions a grown interval took part in. */
  async function replay(grown: Map<string, number[]>, readTo: number) {
    const first = Math.min(...[...grown.values()].map((bs) => bs[0]))
    const points = await querySeries(o.client, { fromMs: first - warmMs, toMs: readTo, stepS: o.intervalS, entities: [...grown.keys()] })
    const at = new Map(points.map((p) => [`${p.entity}|${p.t}`, p]))
    const found: { f: Fired; bucketEnd: number }[] = []
    let steps = 0
    for (const [id, bs] of grown) {
      const entity = o.entity(id)
      if (!entity) continue
      const s = watchOf(entity)
      for (let b = bs[0] - warmMs; b < readTo; b += intervalMs) {
        if (++steps % YIELD_EVERY === 0) await giveWay()
        for (const f of step(s, b, at.get(`${id}|${b}`), b < bs[0])) {
          // A surge the late posts had no part in is the live pass's to judge (with its longer memory), not ours.
          if (bs.some((g) => g >= f.d.onset && g <= f.d.t)) found.push({ f, bucketEnd: b + intervalMs })
        }
      }
    }
    return found
  }

  /** Raises, strongest first, each found surge not already alerted on (on time, by an earlier scan, before a restart). */
  async function raiseNew(found: { f: Fired; bucketEnd: number }[]) {
    const ids = [...new Set(found.map((x) => x.f.entity.id))]
    const from = Math.min(...found.map((x) => x.f.d.onset)) - cooldownMs
    const rs = await o.client.query({
      query: `SELECT DISTINCT entity, toUnixTimestamp64Milli(onset) AS onset FROM alerts WHERE entity IN {ids:Array(String)} AND onset >= fromUnixTimestamp64Milli({from:Int64})`,
      query_params: { ids, from },
      format: 'JSONEachRow',
    })
    const onsets = new Map<string, number[]>(ids.map((id) => [id, []]))
    for (const r of await rs.json<{ entity: string; onset: string }>()) onsets.get(r.entity)?.push(Number(r.onset))
    for (const { f, bucketEnd } of found.sort((a, b) => b.f.d.score - a.f.d.score)) {
      const mine = onsets.get(f.entity.id)!
      if (mine.some((t) => Math.abs(t - f.d.onset) < cooldownMs)) continue
      if (await o.raise(f, bucketEnd)) mine.push(f.d.onset), stats.raised++
    }
  }

  return {
    stats: () => ({ ...stats }),
    /** The live pass (or the warm-up) read the interval starting at `bucket`: remember each entity's posts there. */
    note(bucket: number, points: { entity: string; t: number; posts: number }[]) {
      const h = horizonMs()
      if (h === 0) return seen.clear()
      seen.set(bucket, new Map(points.filter((p) => p.t === bucket && p.posts > 0).map((p) => [p.entity, p.posts])))
      prune(bucket + intervalMs - h)
    },
    /** Looks for late posts in the intervals read before `readTo` (the live pass's position) and alerts on them. */
    async pass(readTo: number) {
      const h = horizonMs()
      const at = o.now()
      // (A clock stepped back does not stop the scans.)
      if (h === 0 || (at >= lastScan && at - lastScan < SCAN_EVERY_MS)) return
      lastScan = at
      prune(readTo - h)
      const buckets = [...seen.keys()]
      if (!buckets.length) return
      stats.scans++
      const now = await stored(buckets[0], readTo)
      const grown = new Map<string, number[]>()
      for (const b of buckets) {
        const was = seen.get(b)!
        for (const [id, n] of now.get(b) ?? []) {
          const before = was.get(id) ?? 0
          if (n - before < Math.max(MIN_GROWTH, MIN_GROWTH_SHARE * before) || !o.entity(id)) continue
          grown.set(id, grown.get(id) ?? []).get(id)!.push(b)
        }
      }
      if (!grown.size) return
      stats.rereads += grown.size
      const found = await replay(grown, readTo)
      if (found.length) await raiseNew(found)
      // Only now (a failed query above is retried on the next scan): the grown entities' intervals were read as
      // stored, so only new growth re-reads them.
      for (const id of grown.keys()) for (const b of buckets) seen.get(b)?.set(id, now.get(b)?.get(id) ?? 0)
    },
  }
}

export type LateWatch = ReturnType<typeof createLateWatch>
