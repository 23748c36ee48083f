/**
 * Word normalisation shared by the lexicon, the features and the rules, so that
 * "BUENÍSIMOOO", "buenisimo" and "buenísimo" meet: lower case, no diacritics (ñ is kept,
 * it changes meaning: "año"/"ano"), and letters repeated 3+ times squeezed to one.
 */
const DIACRITICS = /[\u0300-\u036f]/g
const ELONGATED = /(\p{L})\1{2,}/gu

export interface Norm {
  /** Normalised form. */
  text: string
  /** The token had a letter repeated 3+ times ("noooo"): a cheap intensity cue. */
  elongated: boolean
  /** At least 3 letters, all upper case ("NUNCA"): shouting. */
  shout: boolean
}

/** ASCII with no letter three times in a row: nothing to strip or squeeze (most words; spares two regexes). */
function plainAscii(lower: string): boolean {
  let run = 0
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i)
    if (c > 0x7f) return false
    run = c >= 97 && c <= 122 && i > 0 && c === lower.charCodeAt(i - 1) ? run + 1 : 0
    if (run === 2) return false
  }
  return true
}

export function normalizeWord(raw: string): Norm {
  const lower = raw.toLowerCase()
  const shout = raw.length >= 3 && raw !== lower && raw === raw.toUpperCase() && /\p{L}/u.test(raw)
  if (plainAscii(lower)) return { text: lower, elongated: false, shout }
  let text = lower
  if (/[^\x00-\x7f]/.test(lower)) {
    // Protect ñ from NFD decomposition, strip the other accents.
    text = lower.replace(/ñ/g, '\u0001').normalize('NFD').replace(DIACRITICS, '').replace(/\u0001/g, 'ñ')
  }
  const squeezed = text.replace(ELONGATED, '$1')
  return { text: squeezed, elongated: squeezed !== text, shout }
}
