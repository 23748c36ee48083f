/**
 * Posts' near-duplicate signatures: min-hash band keys computed by ClickHouse from the normalised words of the text,
 * kept in memory per post id. A post's text never changes, so after the first read only new posts are hashed: the
 * cases query then costs the ranking and the grouping, not the hashing of every queued text at every push.
 */
import type { ClickHouseClient } from '@clickhouse/client'

// Letters people stretch ("muchííísimo", "noooo"): a run of three or more becomes one. RE2 has no back-references
// in patterns, but the rewrite may name groups, and an unmatched group rewrites to nothing.
const STRETCH = ['aeiouyshj', 'mnrlzgkwx'].map((ls) => `replaceRegexpAll(x, '${[...ls].map((c) => `(${c})${c}{2,}`).join('|')}', '${[...ls].map((_, i) => `\\\\${i + 1}`).join('')}')`)

/**
 * The band keys of `text` as ClickHouse SQL: lower case, accents off, links and @handles out, stretched letters
 * folded, words of 3+ letters that are not in {skip} (stop words, entity terms), as a set; `bands × rows` min-hashes
 * of it (one 64-bit hash per word, re-mixed per seed), and per band a 53-bit key of the band and its rows (exact in
 * a JavaScript number). Two texts share a band with probability 1 − (1 − J^rows)^bands for a word-set Jaccard J.
 * A text of fewer than `minWords` such words gets one key, its whole word set: short posts ("¿tiene fibra en
 * Gijón?") share most of their few words by chance, and would otherwise chain unrelated cases together.
 */
export function bandsSql(bands: number, rows: number, minWords: number): string {
  const norm = STRETCH.reduce((x, f) => f.replace('(x,', `(${x},`), `replaceRegexpAll(removeDiacriticsUTF8(lowerUTF8(text)), 'https?://\\\\S+|@\\\\w+', ' ')`)
  return `arrayDistinct(arrayMap(w -> xxHash64(w), arrayFilter(w -> length(w) >= 3 AND NOT has({skip:Array(String)}, w), splitByNonAlpha(${norm})))) AS wh,
    if(empty(wh), [], arrayMap(k -> arrayMin(h -> intHash64(bitXor(h, toUInt64(k + 1) * 11400714819323198485)), wh), range(${bands * rows}))) AS mh,
    if(length(wh) < ${minWords}, if(empty(wh), [], [bitAnd(cityHash64(arraySort(wh)), 9007199254740991)]),
      arrayMap(b -> bitAnd(cityHash64(b, arraySlice(mh, b * ${rows} + 1, ${rows})), 9007199254740991), range(${bands}))) AS bands`
}

/** A post's band keys, and its min-hashes (53 bits each): the share of equal ones estimates the Jaccard similarity. */
export interface Signature {
  bands: number[]
  minhash: number[]
}
const NONE: Signature = { bands: [], minhash: [] }

interface Cache {
  key: string
  sigs: Map<string, Signature>
}
const caches = new WeakMap<ClickHouseClient, Cache>()

/**
 * Signatures for `ids` (posts created since `from`), from memory or computed now. The cache holds at most `max`
 * posts (the oldest inserted leave first) and starts over when the parameters or the skipped words change.
 */
export async function signatures(client: ClickHouseClient, o: { bands: number; rows: number; minWords: number; skip: string[]; max: number }, ids: string[], from: number): Promise<Map<string, Signature>> {
  const key = `${o.bands}x${o.rows}/${o.minWords}:${o.skip.join(' ')}`
  let c = caches.get(client)
  if (!c || c.key !== key) caches.set(client, (c = { key, sigs: new Map() }))
  const missing = ids.filter((id) => !c.sigs.has(id))
  if (missing.length) {
    const rs = await client.query({
      query: `SELECT id, bands, arrayMap(x -> bitAnd(x, 9007199254740991), mh) AS minhash FROM (SELECT id, ${bandsSql(o.bands, o.rows, o.minWords)} FROM posts
        WHERE id IN {ids:Array(String)} AND repost_of = '' AND created_at >= fromUnixTimestamp64Milli({from:Int64}) LIMIT 1 BY id)`,
      query_params: { ids: missing, skip: o.skip, from },
      format: 'JSONCompactEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    })
    for (const [id, bands, minhash] of await rs.json<[string, number[], number[]]>()) c.sigs.set(id, { bands, minhash })
    for (const id of missing) if (!c.sigs.has(id)) c.sigs.set(id, NONE)
  }
  for (const id of c.sigs.keys()) {
    if (c.sigs.size <= o.max) break
    c.sigs.delete(id)
  }
  return new Map(ids.map((id) => [id, c.sigs.get(id) ?? NONE]))
}
