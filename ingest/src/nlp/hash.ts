/** Feature hashing: FNV-1a over UTF-16 code units, folded into a power-of-two table. */
export const HASH_BITS = 18
export const HASH_SIZE = 1 << HASH_BITS
const MASK = HASH_SIZE - 1

/** FNV-1a offset basis and one step, for callers that fold chars in as they scan (no substring to hash). */
export const FNV_SEED = 0x811c9dc5 | 0
export const fnvStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193)

export function hashString(s: string, seed = FNV_SEED): number {
  let h = seed
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i))
  return h >>> 0
}

/** Combine two raw hashes (for word bigrams) without building a string. */
export function hashPair(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

export function bucket(h: number): number {
  return h & MASK
}
