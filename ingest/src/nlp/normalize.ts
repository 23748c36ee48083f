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

export function normalizeWord(raw: string): Norm {
  const lower = raw.toLowerCase()
  let text = lower
  if (/[^\x00-\x7f]/.test(lower)) {
    // Protect ñ from NFD decomposition, strip the other accents.
    text = lower.replace(/ñ/g, '\u0001').normalize('NFD').replace(DIACRITICS, '').replace(/\u0001/g, 'ñ')
  }
  const squeezed = text.replace(ELONGATED, '$1')
  const shout = raw.length >= 3 && raw !== lower && raw === raw.toUpperCase() && /\p{L}/u.test(raw)
  return { text: squeezed, elongated: squeezed !== text, shout }
}
