/**
 * A filter in front of a Map keyed by words: which first letters (char code mod 128) start a key of which lengths
 * (bit = length mod 32). The per-entity rules ask their Maps about every word of a span (entity terms, phrase lists)
 * and most words are no key: the bit test answers them without hashing the string. Never a false "no": equal strings
 * share their first char and length. ("" — an emoji's word — reads as char 0, length 0: a plain miss unless a key set
 * that same bit.)
 */
export function keyBits(keys: Iterable<string>): Uint32Array {
  const bits = new Uint32Array(128)
  for (const k of keys) bits[k.charCodeAt(0) & 127] |= 1 << (k.length & 31)
  return bits
}

/** Could `w` be one of the keys `bits` was built from? */
export const mayBeKey = (bits: Uint32Array, w: string): boolean => (bits[w.charCodeAt(0) & 127] & (1 << (w.length & 31))) !== 0
