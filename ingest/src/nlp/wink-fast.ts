/**
 * wink-nlp's commonest outcomes for a new chunk, without running wink: its tokenizer (tokenizer.js) first looks the
 * chunk up in its lexicon, then tries its category detectors in order, then splits what none of them takes with a
 * recursive splitter: a dozen regexes for one unseen word (12.7 µs here, against 2.2 µs on this path). Each case
 * below is one where the detectors before the matching one cannot match, so wink's answer is known. Anything else
 * (URLs, emoji, hyphens, leading punctuation, non-Latin letters…) goes through wink itself. nlp-internals.test.ts
 * compares the result with wink's own readDoc on edge cases, the written posts and thousands of random chunks.
 */

// wink's category codes (wink-eng-lite-web-model `tcat.hash`), checked when the model is loaded.
const WORD = 1
const NUMBER = 2
const MENTION = 5
const HASHTAG = 6
const PUNCT = 12

/** A model whose category codes differ must fail loudly rather than mislabel tokens. */
export function checkCategories(cat: Record<string, number>): void {
  if (cat.word !== WORD || cat.punctuation !== PUNCT || cat.number !== NUMBER || cat.mention !== MENTION || cat.hashtag !== HASHTAG)
    throw new Error('wink-nlp token categories changed: check wink-fast.ts')
}

/**
 * Adds the tokens of chunk `t` through `add` (wink's own document call) and returns true when wink's outcome is
 * known; false: nothing added, run wink. `t` must not be in wink's lexicon (the caller checks: a known chunk takes
 * wink's cache path).
 */
export function fastChunk(t: string, add: (text: string, category: number) => unknown): boolean {
  const n = t.length
  let letters = 0
  while (letters < n && isWinkLetter(t.charCodeAt(letters))) letters++
  if (letters === n) add(t, WORD) // wink's word detector
  else if (letters > 0 && isLetterDigits(t, letters)) add(t, WORD)
  else if (letters > 0 && letters === n - 1 && isWordRP(t.charCodeAt(n - 1))) {
    // wink's processWordRP: "hola," → "hola" ","; a two-letter "a." stays whole
    if (n === 2 && t.charCodeAt(1) === 46) add(t, WORD)
    else add(t.slice(0, -1), WORD), add(t.slice(-1), PUNCT)
  } else if (letters === 0 && n > 1) {
    const kind = simpleKind(t)
    if (kind === 0) return false
    add(t, kind)
  } else return false
  return true
}

// wink's word detector's letters, `^[a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0300-\u036f\u2060]+$` with the `i` flag:
// A–Z too. (That flag also admits a few other capitals, e.g. Ÿ; those simply go through wink.)
const isWinkLetter = (c: number): boolean =>
  c < 128 ? isAsciiLetter(c) : (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7) || (c >= 0x300 && c <= 0x36f) || c === 0x2060
// wink's wordRP detector's closing marks: ’ ” " ] ) } … , . ! ; ? / :
const isWordRP = (c: number): boolean =>
  c === 0x2019 || c === 0x201d || c === 34 || c === 93 || c === 41 || c === 125 || c === 0x2026 || c === 44 || c === 46 || c === 33 || c === 59 || c === 63 || c === 47 || c === 58
const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122
const isDigit = (c: number): boolean => c >= 48 && c <= 57

/**
 * "x1a2b", "covid19", "mp3": a letter, then letters and digits. No detector takes them, so wink runs its recursive
 * splitter, whose earlier patterns could cut out a time ("5pm", "2hrs"), an ordinal ("4th"), a decade ("90s") or a
 * currency code ("USD"); when none can, its word pattern takes the whole chunk as one word. `from`: the letters
 * already seen (≥ 1). The first letter must be one its word pattern can start with (not a combining mark or U+2060).
 */
function isLetterDigits(t: string, from: number): boolean {
  if (t.charCodeAt(0) >= 0x300) return false
  for (let i = from; i < t.length; i++) {
    const c = t.charCodeAt(i)
    if (!isDigit(c) && !isWinkLetter(c)) return false
  }
  return !CUT_BY_WINK.test(t)
}
const CUT_BY_WINK = /\d(?:[ap]m|hours|hrs|th|st|nd|rd)|\d0s|usd|aud|inr|gbp/i

/** wink's detectors for "#tag" (`^\#[a-z][a-z0-9]*$`i), "@handle" (`^\@\w+$`) and a plain number (its number pattern):
 * none of the detectors before them can match these. ASCII only; 0: none of them. */
function simpleKind(t: string): number {
  const c0 = t.charCodeAt(0)
  let ok = true
  if (c0 === 35) {
    if (!isAsciiLetter(t.charCodeAt(1))) return 0
    for (let i = 2; ok && i < t.length; i++) ok = isAsciiLetter(t.charCodeAt(i)) || isDigit(t.charCodeAt(i))
    return ok ? HASHTAG : 0
  }
  if (c0 === 64) {
    for (let i = 1; ok && i < t.length; i++) ok = isAsciiLetter(t.charCodeAt(i)) || isDigit(t.charCodeAt(i)) || t.charCodeAt(i) === 95
    return ok ? MENTION : 0
  }
  for (let i = 0; ok && i < t.length; i++) ok = isDigit(t.charCodeAt(i))
  return ok ? NUMBER : 0
}
