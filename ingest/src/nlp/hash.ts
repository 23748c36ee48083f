/** Feature hashing: FNV-1a over UTF-16 code units, folded into a power-of-two table. */
export const HASH_BITS = 18
export const HASH_SIZE = 1 << HASH_BITS
const MASK = HASH_SIZE - 1

export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
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
