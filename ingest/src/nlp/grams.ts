/** Static per-word features: char n-gram buckets, a hashtag's camelCase words, and a post's expanded ids (training). */
import { bucket, fnvStep, hashString } from './hash.ts'
import type { Extracted, Grams } from './features.ts'
import { normalizeWord } from './normalize.ts'

export const EMPTY = new Int32Array(0)
const MAX_CHARGRAM_WORD = 24
const CHARGRAM_SEED = 0x2f1b3c4d

/** Buckets of the char 3-5-grams of "<w>", hashed straight from char codes: the same values as
 * hashing each `"<w>".slice(i, i + n)`, without building the slices. Long words (URL-ish): none. */
export function charGrams(w: string, [min, max]: Grams): Int32Array {
  if (w.length > MAX_CHARGRAM_WORD) return EMPTY
  const len = w.length + 2
  let grams = 0
  for (let n = min; n <= max; n++) grams += Math.max(0, len - n + 1)
  const out = new Int32Array(grams)
  let o = 0
  for (let n = min; n <= max; n++)
    for (let i = 0; i + n <= len; i++) {
      let h = CHARGRAM_SEED
      for (let j = i; j < i + n; j++) h = fnvStep(h, j === 0 ? 60 : j === len - 1 ? 62 : w.charCodeAt(j - 1)) // "<w>"
      out[o++] = bucket(h >>> 0)
    }
  return out
}

/** "#NoMeGusta" → unigram buckets of "no", "me", "gusta", so a hashtag shares its words' weights
 * (5-fold CV on train: level in English, slightly better in Spanish). One-word hashtags: none. */
export function hashtagWords(raw: string): Int32Array {
  const parts = raw.slice(1).match(/\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\p{N}+/gu)
  if (!parts || parts.length < 2) return EMPTY
  return Int32Array.from(parts, (p) => bucket(hashString(normalizeWord(p).text)))
}

/** All sparse feature ids of a post, token features expanded (for training). */
export function expandIds(x: Extracted): number[] {
  const out = x.ids.slice()
  for (let i = 0; i < x.toks.length; i++) {
    const t = x.toks[i]
    // A negated word swaps its unigram for a negated one but keeps its char n-grams: the
    // n-grams still say what the word is about, the negated unigram learns the flip (5-fold CV on
    // train was level or slightly better than dropping the n-grams, in both languages).
    out.push(x.negs[i] ? t.neg : t.uni)
    for (let k = 0; k < t.chars.length; k++) out.push(t.chars[k])
  }
  return out
}
