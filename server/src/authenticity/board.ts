import type { ClickHouseClient } from '@clickhouse/client'
import type { Authenticity, AuthenticityBoard } from '@pulso/types'
import { AUTHENTICITY_COLUMNS as COLUMNS, queryAuthenticityRows, type AuthenticityRows } from '../store/authenticity.ts'
import { analyseRows, attachSamples } from './analyse.ts'
import type { AuthenticitySettings } from './settings.ts'

/**
 * A post is stored some time after the writer stamps its received_at (batching, the insert itself): each read goes
 * back this far before the previous one, and what it finds twice is kept once.
 */
const OVERLAP_MS = 10_000
/** Every this many refreshes the whole window is read again: posts stored later than the overlap (a spool replayed
 * after an outage) and posts removed from the store reach the board within minutes. */
const FULL_EVERY = 60
/** Clusters the wall shows per entity (the API has them all). */
const WALL_CLUSTERS = 5
const TEXT_CACHE = 2000

type Row = unknown[]

/**
 * The wall's board, recomputed every few seconds without re-reading the whole window: the posts of the window are
 * kept in memory between refreshes and each refresh reads (and hashes, in ClickHouse) only those stored since the last
 * one, whatever their created_at (late and back-filled posts included). The clustering runs over the whole window
 * in memory; the whole window is read again every FULL_EVERY refreshes.
 */
export function createBoard(client: ClickHouseClient) {
  const kept = new Map<string, Row>()
  let key = ''
  let readAt = 0
  let reads = 0
  const texts = new Map<string, string>()

  async function rowsFor(o: AuthenticitySettings, entities: string[], from: number, to: number): Promise<AuthenticityRows> {
    // A change of entities or bounds invalidates what was read.
    const k = `${entities.join(',')}|${o.maxPostsPerEntity}|${o.wall.windowS}`
    if (k !== key || ++reads % FULL_EVERY === 0) (kept.clear(), (key = k), (readAt = 0))
    const started = Date.now()
    const fresh = await queryAuthenticityRows(client, { fromMs: from, toMs: to, entities, maxPerEntity: o.maxPostsPerEntity, receivedSince: readAt && readAt - OVERLAP_MS })
    readAt = started
    fresh.t.forEach((_, i) => kept.set(`${fresh.entity[i]}|${fresh.id[i]}`, COLUMNS.map((c) => (fresh[c] as unknown[])[i])))
    const ti = COLUMNS.indexOf('t')
    for (const [k, r] of kept) if ((r[ti] as number) < from) kept.delete(k)
    // Bounded whatever the rate: past maxPostsPerEntity per entity, the first read go first (the analysis keeps the
    // newest per entity anyway).
    for (const k of kept.keys()) {
      if (kept.size <= o.maxPostsPerEntity * entities.length) break
      kept.delete(k)
    }
    const rows = [...kept.values()]
    return Object.fromEntries(COLUMNS.map((c, j) => [c, rows.map((r) => r[j])])) as unknown as AuthenticityRows
  }

  return {
    async compute(o: AuthenticitySettings, entities: string[], now: number): Promise<AuthenticityBoard> {
      const from = now - o.wall.windowS * 1000
      const rows = await rowsFor(o, entities, from, now)
      const m = analyseRows(rows, o, { fromMs: from, toMs: now, entities, bucketS: o.wall.bucketS })
      const recentFrom = now - Math.min(o.wall.verdictS, o.wall.windowS) * 1000
      const recent = analyseRows(rows, o, { fromMs: recentFrom, toMs: now, entities })
      for (const x of [...m.values(), ...recent.values()]) x.authenticity.evidence.clusters = x.authenticity.evidence.clusters.slice(0, WALL_CLUSTERS)
      await attachSamples(client, new Map([...m, ...[...recent].map(([e, x]) => [`${e}|recent`, x] as const)]), from, now, texts)
      while (texts.size > TEXT_CACHE) texts.delete(texts.keys().next().value!)
      // The wall needs the figures and a few clusters, not every post id.
      const entitiesOut = [...m].map(([e, { authenticity, buckets }]) => ({ authenticity: withoutIds(authenticity), recent: withoutIds(recent.get(e)!.authenticity), buckets }))
      return { at: now, from, to: now, bucketS: o.wall.bucketS, newAccountDays: o.newAccountDays, entities: entitiesOut }
    },
  }
}

export function withoutIds(a: Authenticity, keep = 1): Authenticity {
  return { ...a, evidence: { clusters: a.evidence.clusters.map((c) => ({ ...c, ids: c.ids.slice(0, keep) })), accounts: a.evidence.accounts.slice(0, 20) } }
}
