/** Text helpers shared by entity matching, per-entity grades and the demo (and the server's feed highlighting). */

/** Lower case, accents folded (á→a, ñ→n): "Sánchez" and "sanchez" are the same word to the room. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()
}

/** `s` as a literal inside a RegExp (Node 20 has no RegExp.escape). */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
