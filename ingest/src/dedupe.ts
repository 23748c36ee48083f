import type { ClickHouseClient } from '@clickhouse/client'

interface Keyed {
  source: string
  id: string
  created_at: number
}

const key = (r: { source: string; id: string }) => `${r.source}\u0000${r.id}`

/**
 * Exactly-once by (source, id): a post already stored (or spooled) is reported as a duplicate instead of being
 * inserted again, so producer retries, re-deliveries after a reconnect and spool replays never double-count.
 * A bounded memory of recent keys answers most checks; the rest are looked up in posts within the batch's time
 * range (the primary key starts with the hour of created_at, so the look-up reads a few granules).
 */
export function createDedupe(client: ClickHouseClient, capacity = 500_000) {
  const recent = new Set<string>()
  // Spooled but not yet stored: duplicates for new arrivals, but not for the spool's own replay.
  const held = new Set<string>()
  // Deleted at the source (bounded, newest kept; older ones are found in post_removals): a post that comes after its
  // delete — late, re-delivered, or waiting in the writer or the spool — is never stored. Purged posts may come back
  // (a replay purged to be played again).
  const buried = new Set<string>()
  // Edits whose old version was removed but may still show in posts for a moment (the DELETE runs in the background):
  // the look-up ignores that old version once, so the new one is stored.
  const replacing = new Set<string>()

  const remember = (rows: Keyed[]) => {
    for (const r of rows) {
      const k = key(r)
      recent.delete(k)
      recent.add(k)
    }
    // Sets iterate in insertion order: the first keys are the oldest.
    for (const k of recent) {
      if (recent.size <= capacity) break
      recent.delete(k)
    }
  }

  /**
   * Which rows are duplicates (of a stored or spooled post, or of an earlier row of the same batch).
   * `useStore: false` skips the look-up (the store is down); `replay: true` ignores spooled keys (draining the spool).
   */
  async function check(rows: Keyed[], { useStore = true, replay = false } = {}): Promise<boolean[]> {
    const dup = new Array<boolean>(rows.length).fill(false)
    const inBatch = new Set<string>()
    const ask: number[] = []
    rows.forEach((r, i) => {
      const k = key(r)
      if (recent.has(k) || inBatch.has(k) || buried.has(k) || (!replay && held.has(k))) dup[i] = true
      else inBatch.add(k), ask.push(i)
    })
    if (!useStore || ask.length === 0) return dup
    let min = Infinity
    let max = -Infinity
    for (const i of ask) (min = Math.min(min, rows[i].created_at)), (max = Math.max(max, rows[i].created_at))
    const rs = await client.query({
      query: `SELECT source, id FROM posts
              WHERE created_at >= fromUnixTimestamp64Milli({min:Int64}) AND created_at <= fromUnixTimestamp64Milli({max:Int64})
                AND id IN {ids:Array(String)}
              UNION ALL
              SELECT source, id FROM post_removals
              WHERE source IN {sources:Array(String)} AND id IN {ids:Array(String)} AND reason = 'deleted'`,
      // post_removals is ordered by (source, id): naming the sources lets the store use its whole key.
      query_params: { min, max, ids: ask.map((i) => rows[i].id), sources: [...new Set(ask.map((i) => rows[i].source))] },
      format: 'JSONEachRow',
    })
    const stored = new Set((await rs.json<Keyed>()).map(key))
    for (const i of ask) if (stored.has(key(rows[i])) && !replacing.has(key(rows[i]))) dup[i] = true
    return dup
  }

  return {
    check,
    /** These rows are stored now. */
    remember(rows: Keyed[]) {
      for (const r of rows) held.delete(key(r)), replacing.delete(key(r))
      remember(rows)
    },
    /** These rows are spooled (acknowledged, not yet stored). */
    hold(rows: Keyed[]) {
      for (const r of rows) held.add(key(r))
    },
    /** Deleted at the source: dropped from now on, wherever they wait (sql/migrations/0008_removals.sql). */
    bury(keys: { source: string; id: string }[]) {
      for (const k of keys) buried.add(key(k))
      for (const k of buried) {
        if (buried.size <= capacity) break
        buried.delete(k)
      }
    },
    /** Removed from the store (an edit's old version): the same key may be stored again, once. */
    forget(keys: { source: string; id: string }[]) {
      for (const k of keys) recent.delete(key(k)), replacing.add(key(k))
      for (const k of replacing) {
        if (replacing.size <= 100_000) break
        replacing.delete(k)
      }
    },
    /** Every key of a source removed from the store (a purge): its posts may be stored again. */
    forgetSource(source: string) {
      const prefix = `${source}\u0000`
      for (const k of recent) if (k.startsWith(prefix)) recent.delete(k)
    },
    get size() {
      return recent.size + held.size
    },
  }
}

export type Dedupe = ReturnType<typeof createDedupe>
