/**
 * A small stance word list for per-entity sentiment (targets.ts), for what the general word list (lexicon.tsv)
 * leaves out: debate slang and service outcomes said of the span's entity ("la rompió", "nailed it", "papelón",
 * "me lo solucionó", "on hold"). Kept apart from lexicon.tsv so the post-level model and its training are unchanged.
 */
import { phraseAt, phrases } from './targets-rules.ts'

// Stance words the general word list leaves out, said of the span's entity: debate slang and service outcomes
// (polarity on the word list's scale). Negation in the span flips them like the word list's own entries.
const STANCE = phrases([
  // es: debate
  ['la rompio', 2], ['la rompe', 2], ['se lucio', 2], ['se luce', 2], ['lo bordo', 2], ['sembrado', 2], ['sembrada', 2], ['solido', 1], ['solida', 1], ['convincente', 2], ['coherente', 1],
  ['sobrado', 2], ['sobrada', 2], ['gana', 1], ['ganando', 1], ['al menos', 1], ['por lo menos', 1], ['de diez', 2], ['un 10', 2], ['un diez', 2],
  ['papelon', -2], ['papelazo', -2], ['desaparecido', -2], ['desaparecida', -2], ['enredado', -1], ['enredada', -1], ['hundido', -2], ['hundida', -2],
  ['pierde', -1], ['mintio', -2], ['miente', -2], ['choro', -1], ['da pena', -2], ['sin propuestas', -2], ['sin ideas', -2], ['en blanco', -1],
  // es: services
  ['arreglo', 2], ['arreglaron', 2], ['devolvio', 2], ['reembolso', 2], ['regalo', 2], ['tiene sentido', 2], ['resuelto', 2], ['resuelta', 2], ['solucionado', 2], ['arreglado', 2], ['pase a', 2], ['paso a', 1], ['cambie a', 2], ['adios', -2], ['chao', -2],
  ['cumple', 1], ['resolvio', 2], ['soluciono', 2], ['soluciona', 2], ['funciona', 1], ['puntual', 2], ['vuela', 1], ['rapidisimo', 2], ['a tiempo', 1], ['a su hora', 1],
  ['sin quejas', 2], ['sin problemas', 2], ['cero problemas', 2], ['ni una queja', 2], ['recomiendo', 2], ['barato', 1], ['barata', 1], ['gratis', 1],
  ['estafa', -3], ['chafa', -2], ['caida', -1], ['tirado', -2], ['tirada', -2], ['fria', -1], ['frio', -1], ['sin servicio', -2],
  ['sin senal', -2], ['sin cobertura', -2], ['sin internet', -2], ['sin linea', -2], ['no contesta', -2], ['no funciona', -2], ['nunca llega', -2], ['cobro', -1], ['comision', -1],
  // en: debate
  ['nailed', 2], ['crushed it', 2], ['killed it', 2], ['owned', 1], ['convincing', 2], ['sharp', 1], ['delivers', 2], ['actually', 1], ['at least', 1],
  ['rambled', -2], ['dodged', -2], ['stumbled', -2], ['sinking', -1], ['lying', -2], ['drop out', -1], ['no answers', -2], ['not so much', -1],
  // en: services
  ['makes sense', 2], ['free month', 2], ['resolved', 2], ['sorted it', 2], ['switched to', 2], ['switching to', 2], ['switch to', 2], ['bye', -2], ['goodbye', -2],
  ['fixed', 2], ['refunded', 2], ['rebooked', 2], ['on time', 2], ['rock solid', 2], ['zero issues', 2], ['no issues', 2], ['always does', 1], ['picked up', 1], ['answers', 1],
  ['late', -2], ['outage', -2], ['dropped', -2], ['on hold', -2], ['charged', -1], ['fee', -1], ['fees', -1], ['froze', -2], ['cold', -1], ['never shows', -2], ['ignored', -2],
])

/**
 * Stance of words[from, to) from the list above (entity names flagged in `skip`), flipped where negated, as a
 * correction to the word list's score `pols`: a phrase replaces what the word list said of its words ("crushed
 * it" is praise whatever "crushed" alone scores, "sin problemas" is not a problem).
 */
export function stance(words: string[], negs: boolean[], pols: number[], from: number, to: number, skip: Uint8Array): number {
  let s = 0
  for (let i = from; i < to; i++) {
    if (skip[i]) continue
    const [len, v] = phraseAt(STANCE, words, i, to)
    if (!len) continue
    s += negs[i] && len === 1 ? -0.6 * v : v
    for (let j = i; j < i + len; j++) s -= pols[j]
    i += len - 1
  }
  return s
}
