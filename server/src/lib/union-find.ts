/**
 * Disjoint sets over 0..n-1 with path halving: near-duplicate posts join into one group through any chain of
 * pairs (the queue's cases, authenticity's copy-paste clusters).
 */
export function unionFind(n: number) {
  const parent = Int32Array.from({ length: n }, (_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]]
    return i
  }
  return { find, union: (a: number, b: number) => void (parent[find(a)] = find(b)) }
}
