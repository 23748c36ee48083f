/**
 * Copy-paste clusters from the SimHashes ClickHouse computed: posts whose two 32-bit SimHashes (character 3-grams and
 * words of the normalised text) are both within `maxBits` bits, and within `windowMs` of each other, are linked; the
 * linked groups (single linkage, union-find) with at least `minAuthors` distinct authors are clusters.
 *
 * Candidates come from banding (locality-sensitive hashing): the first hash is cut into 6 bands of 5–6 bits, and only
 * posts sharing a band are compared. Any two hashes within 5 bits share at least one band (pigeonhole), so nothing
 * within the default distance is missed, and the work grows with the bucket sizes, not with the square of the posts.
 */
export interface HashedPost {
  author: string
  t: number
  h1: number
  h2: number
}

/** Bit offsets and widths of the bands over 32 bits. */
const BANDS: [number, number][] = [[0, 5], [5, 5], [10, 5], [15, 5], [20, 6], [26, 6]]

export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555)
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

function unionFind(n: number) {
  const parent = Int32Array.from({ length: n }, (_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]]
    return i
  }
  return { find, union: (a: number, b: number) => void (parent[find(a)] = find(b)) }
}

/** A run of identical hashes close in time: copies of one exact text become one node before any pair is compared. */
interface Node {
  h1: number
  h2: number
  first: number
  last: number
  members: number[]
}

function nodesOf(posts: HashedPost[], idx: number[], windowMs: number): Node[] {
  const same = new Map<string, number[]>()
  for (const i of idx) {
    const key = `${posts[i].h1}:${posts[i].h2}`
    const list = same.get(key)
    if (list) list.push(i)
    else same.set(key, [i])
  }
  const nodes: Node[] = []
  for (const list of same.values()) {
    list.sort((a, b) => posts[a].t - posts[b].t)
    let node: Node | undefined
    for (const i of list) {
      const p = posts[i]
      if (node && p.t - node.last <= windowMs) (node.last = p.t), node.members.push(i)
      else nodes.push((node = { h1: p.h1, h2: p.h2, first: p.t, last: p.t, members: [i] }))
    }
  }
  return nodes
}

/**
 * Groups of indexes into `posts` (only those in `eligible`) that form clusters of at least `minAuthors` authors,
 * largest first.
 */
export function findClusters(posts: HashedPost[], eligible: number[], o: { maxBits: number; windowMs: number; minAuthors: number }): number[][] {
  const nodes = nodesOf(posts, eligible, o.windowMs)
  const uf = unionFind(nodes.length)
  const near = (a: Node, b: Node) =>
    a.first - b.last <= o.windowMs && b.first - a.last <= o.windowMs && popcount32(a.h1 ^ b.h1) <= o.maxBits && popcount32(a.h2 ^ b.h2) <= o.maxBits
  for (const [shift, width] of BANDS) {
    const mask = (1 << width) - 1
    const buckets = new Map<number, number[]>()
    nodes.forEach((n, i) => {
      const key = (n.h1 >>> shift) & mask
      const list = buckets.get(key)
      if (list) list.push(i)
      else buckets.set(key, [i])
    })
    for (const list of buckets.values()) {
      for (let a = 0; a < list.length; a++) {
        for (let b = a + 1; b < list.length; b++) if (near(nodes[list[a]], nodes[list[b]])) uf.union(list[a], list[b])
      }
    }
  }
  const groups = new Map<number, number[]>()
  nodes.forEach((n, i) => {
    const root = uf.find(i)
    const g = groups.get(root)
    if (g) g.push(...n.members)
    else groups.set(root, [...n.members])
  })
  return [...groups.values()]
    .filter((g) => new Set(g.map((i) => posts[i].author)).size >= o.minAuthors)
    .sort((a, b) => b.length - a.length)
}
