/**
 * Word rules for per-entity sentiment (targets.ts): how two named entities relate in the words between them
 * ("A mejor que B", "A beat B", "A is not as good as B", "switched from A to B", "A looked weak next to B"),
 * and a win over a pronoun in the second entity's clause ("…, Carter schooled him").
 * All words normalised (lower case, no accents). Sets and maps only: no regex per word.
 */

import { keyBits, mayBeKey } from './key-bits.ts'

/** Relation of two consecutive spans, from the words that link them. */
export const enum Rel {
  None = 0,
  /** The first entity comes out better ("A mejor que B", "A beat B"). */
  FirstBetter = 1,
  /** The first comes out worse ("A peor que B", "A lost to B", "switched from A to B"). */
  FirstWorse = -1,
  /** The second reads the opposite of the first's clause ("A me atendieron genial, no como en B", "A weak next to B"). */
  SecondOpposite = 2,
  /** The first reads the opposite of the second's clause ("Unlike A, B answers"). */
  FirstOpposite = -2,
  /** The second reads as the first ("A es un desastre, B también"). */
  SecondSame = 3,
}

export const set = (s: string) => new Set(s.split(' '))
/** Multi-word phrases keyed by first word: [rest, value]; `firsts`: the keys' bits (key-bits.ts), asked first. */
export interface Phrases { map: Map<string, [string[], number][]>; firsts: Uint32Array }
export function phrases(list: [string, number][]): Phrases {
  const map = new Map<string, [string[], number][]>()
  for (const [p, v] of list) {
    const [first, ...rest] = p.split(' ')
    map.set(first, [...(map.get(first) ?? []), [rest, v]])
  }
  return { map, firsts: keyBits(map.keys()) }
}
/** No phrase here: one shared answer, since most words start none (callers only read it). */
const NO_PHRASE: readonly [number, number] = [0, 0]
/** Length of the phrase from `m` starting at words[i] (within [i, to)), and its value; 0 when none. */
export function phraseAt(m: Phrases, words: string[], i: number, to: number): readonly [number, number] {
  const w = words[i]
  if (!mayBeKey(m.firsts, w)) return NO_PHRASE
  const list = m.map.get(w)
  if (!list) return NO_PHRASE
  for (let k = 0; k < list.length; k++) {
    const rest = list[k][0]
    if (i + rest.length >= to) continue
    let ok = true
    for (let j = 0; ok && j < rest.length; j++) ok = words[i + 1 + j] === rest[j]
    if (ok) return [rest.length + 1, list[k][1]]
  }
  return NO_PHRASE
}

export const NEG = set("no not n't nt never nunca jamas nowhere cannot cant isnt wasnt doesnt dont didnt aint")
const BETTER = set('mejor mejores superior superiores better stronger smarter sharper ahead')
const WORSE = set('peor peores inferior inferiores worse weaker behind atras detras')
const MORE = set('mas more')
const LESS = set('menos less')
const THAN = set('que than')
const AS = set('tan as')
const AS_END = set('como as')
const LIKE = set('como like')
// Winning verbs, active and participle: "A ha destrozado a B" (+), "A humillado por B" / "A got schooled by B" (-).
function spanishWins(stems: string): string[] {
  return stems.split(' ').flatMap((s) => [`${s}o`, `${s}a`, `${s}ado`, `${s}ada`, `${s}ados`, `${s}adas`, `${s}ando`, `${s}aron`])
}
export const WIN = new Set([
  ...spanishWins('gan arras derrot aplast humill destroz super acorral ridiculiz arroll machac revolc aniquil pulveriz apabull liquid'),
  ...'barrio vencio vence vencido vencida vencieron vapuleo apalizo domino domina dominado dominada'.split(' '),
  ...('beat beats beaten crushed crushes destroyed destroys defeated defeats outperformed outperforms outshone outclassed outclasses owned owns demolished trounced schooled schools '
    + 'humiliated humiliates dominated dominates thrashed routed smoked torched embarrassed outargued outsmarted outplayed outdebated outdid outmaneuvered cornered steamrolled obliterated annihilated').split(' '),
])
// Phrases of winning ("le dio un baile a B", "ran circles around B", "miles ahead of"); negation flips them.
// Value 2: a tie that only compares when negated ("no le llega ni a la suela del zapato a B", "can't hold a
// candle to B", "doesn't even compare to B", "no estuvo a la altura de B"; "A is on par with B" says nothing).
const WIN_PHRASES = phrases([
  ['dio un baile', 1], ['dio una leccion', 1], ['dio un repaso', 1], ['dio una paliza', 1], ['da mil vueltas', 1], ['da cien vueltas', 1], ['mil vueltas', 1],
  ['paso por encima', 1], ['pasa por encima', 1], ['se comio', 1], ['comio vivo', 1], ['dejo en evidencia', 1], ['dejo en ridiculo', 1], ['dejo sin palabras', 1], ['saca ventaja', 1],
  ['le llega', 2], ['esta por encima', 1], ['esta por debajo', -1], ['por encima de', 1], ['por debajo de', -1], ['cayo ante', -1], ['quedo por detras', -1],
  ['ran circles', 1], ['runs circles', 1], ['wiped the', 1], ['wipes the', 1], ['tore apart', 1], ['tears apart', 1], ['miles ahead', 1], ['way ahead', 1], ['far ahead', 1],
  ['hold a', 2], ['holds a', 2], ['compare to', 2], ['compares to', 2], ['compare with', 2], ['fell to', -1], ['falls to', -1], ['lost to', -1], ['loses to', -1],
  ['miles better', 1], ['far better', 1], ['miles behind', -1],
  // keeping up, falling short, learning from: "couldn't keep up with B", "se queda corto al lado de B", "A could learn from B"
  ['keep up', 2], ['keeps up', 2], ['kept up', 2], ['falls short', -1], ['fell short', -1], ['fall short', -1], ['pales in', -1], ['pale in', -1], ['half as', -1], ['la mitad de', -1],
  ['se queda corto', -1], ['se quedo corto', -1], ['se queda corta', -1], ['se quedo corta', -1], ['quedo atras', -1], ['queda atras', -1], ['muy atras', -1],
  ['learn', -1], ['aprender', -1], ['aprendiera', -1], ['aprenda', -1], ['lleva ventaja', 1], ['saco ventaja', 1], ['saco los colores', 1], ['contra las cuerdas', 1],
  // preference: "A over B", "A instead of B", "A antes que B", "A en vez de B"
  ['a la altura de', 2], ['on par with', 2], ['as good as', 2], ['over', 1], ['instead of', 1], ['rather than', 1], ['antes que', 1], ['en vez de', 1], ['en lugar de', 1],
])
/** "Mejor A que B", "Better A than B", "Más vale A que B", "Antes A que B": the comparison comes before A. */
const BEFORE_BETTER = set('mejor better vale antes rather')
const BEFORE_WORSE = set('peor worse')
/** "Prefiero A a B", "I prefer A to B". */
const PREFER = set('prefiero prefiere preferimos prefieren prefer prefers preferred')
/** A comparison word links A to B only when B is its standard: "mejor que B", "inferior a B", "ahead of B". */
const CMP_END = set('que than a al to of')
const LOSE = set('perdio pierde pierden perdieron lost loses')
const PASSIVE = set('por by')
/** "A looked weak next to B": B reads the opposite of A's words. */
const VERSUS = phrases([['next to', 1], ['compared to', 1], ['compared with', 1], ['comparado con', 1], ['comparada con', 1], ['al lado de', 1], ['ante', 1], ['frente a', 1], ['en comparacion con', 1], ['versus', 1], ['vs', 1], ['against', 1]])
/** "switched from A to B", "me cambié de A a B", "left A for B": A worse. */
const FROM = set('de desde from')
const LEAVE = set('deje dejo left ditched dumped quit')
const TO = set('a to for por hacia')
const SWITCH = set('pase paso cambie cambio mude movi voy vamos switched switching moved moving jumped ported going')
/** Words that only open a contrast with the other entity ("Unlike A, B…", "A diferencia de A, B…"). */
export const UNLIKE = set('unlike diferencia contrario contrast compared comparado comparada versus vs')
export const UNLIKE_FILL = set('a de del al que in to with con the la el en on at los las lo')
/** "why can't A be like B", "A should be more like B": A worse. */
const BE = set('ser sea es fue be is was more mas')

/**
 * Relation between the entity ending at `from` and the one starting at `to`, read on words[from, to).
 * `pols`, `negs`: the word list's polarity per word (after negation) and the negation marks, for "más X que" / "as X as".
 */
export function relation(words: string[], pols: number[], negs: boolean[], from: number, to: number, before: string, beforeTwo: string, objectFirst: boolean, negatedFirst: boolean): Rel {
  // "switched from A to B" / "dejé A por B": the words before A and a single "to" between.
  if (to - from === 1 && TO.has(words[from]) && (FROM.has(before) || LEAVE.has(before) || LEAVE.has(beforeTwo))) return Rel.FirstWorse
  // "A es un desastre, me pasé a B" / "…, switched to B".
  if (to - from >= 2 && TO.has(words[to - 1]) && SWITCH.has(words[to - 2])) return Rel.FirstWorse
  if (to - from === 1 && TO.has(words[from]) && (PREFER.has(before) || PREFER.has(beforeTwo))) return Rel.FirstBetter
  if (to - from <= 3 && hasAfter(THAN, words, from, to)) {
    if (BEFORE_BETTER.has(before)) return Rel.FirstBetter
    if (BEFORE_WORSE.has(before)) return Rel.FirstWorse
  }
  let sign = 0
  // "Ni A ni B estuvieron a la altura de C": the "ni" before A negates the link.
  let negated = negatedFirst
  // "A Paredes lo dejó en evidencia Ferrer": A is the object of the win, not its subject (`flipWin`; not a closure
  // here: keepNames wraps every closure made per call in a __name() call).
  const flipWin = objectFirst ? -1 : 1
  for (let i = from; i < to && sign === 0; i++) {
    const w = words[i]
    const [len, v] = phraseAt(WIN_PHRASES, words, i, to)
    if (len) {
      if (v === 2 && !negated) return Rel.None
      sign = v === 2 ? 1 : flipWin * v
      break
    }
    const [vlen] = phraseAt(VERSUS, words, i, to)
    // "A weak next to B": only when A's own words say something (else the span scores decide).
    if (vlen && i + vlen === to) return polarity(pols, negs, from, i) !== 0 ? Rel.SecondOpposite : Rel.None
    if (NEG.has(w)) {
      // "…, no como en B" / "not like B": B is not what A's words say.
      if (i + 1 < to && LIKE.has(words[i + 1]) && onlyFill(words, i + 2, to)) return Rel.SecondOpposite
      negated = true
    } else if (LIKE.has(w) && i > from && BE.has(words[i - 1]) && (negated || MORE.has(words[i - 1]))) return Rel.FirstWorse
    else if (BETTER.has(w) && (i === to - 1 || hasAfter(CMP_END, words, i + 1, to))) sign = 1
    else if (WORSE.has(w) && (i === to - 1 || hasAfter(CMP_END, words, i + 1, to))) sign = -1
    else if ((MORE.has(w) || LESS.has(w)) && hasAfter(THAN, words, i + 1, to) && !nextBeforeThan(words, i + 1, to)) sign = (LESS.has(w) ? -1 : 1) * (polarity(pols, negs, i + 1, to) < 0 ? -1 : 1)
    else if (AS.has(w) && hasAfter(AS_END, words, i + 2, to)) {
      // "as good as": a tie unless negated ("not as good as", "no es tan bueno como").
      if (!negated) return Rel.None
      sign = polarity(pols, negs, i + 1, to) < 0 ? -1 : 1
    } else if (WIN.has(w)) sign = flipWin * (i + 1 < to && PASSIVE.has(words[i + 1]) ? -1 : 1)
    else if (LOSE.has(w)) sign = -1
  }
  return (negated ? -sign : sign) as Rel
}

function hasAfter(s: Set<string>, words: string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (s.has(words[i])) return true
  return false
}
/** Is there another "más / menos" before the "que / than" ("pago menos y tengo más velocidad que B": the later one compares)? */
function nextBeforeThan(words: string[], from: number, to: number): boolean {
  for (let i = from; i < to && !THAN.has(words[i]); i++) if (MORE.has(words[i]) || LESS.has(words[i])) return true
  return false
}
function onlyFill(words: string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!UNLIKE_FILL.has(words[i])) return false
  return true
}
/** The word list's polarity of words[from, to) before negation (the caller reads the negation itself). */
function polarity(pols: number[], negs: boolean[], from: number, to: number): number {
  let p = 0
  for (let i = from; i < to; i++) p += negs[i] ? -pols[i] : pols[i]
  return p
}

const PRONOUN_AFTER = set('him her them')
const CLITIC = set('lo la le los las les se')
/** "…, Carter schooled him", "…, Ferrer lo dejó sin palabras": the entity of this span beat the one before. */
export function winsOverPronoun(words: string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const [len, v] = phraseAt(WIN_PHRASES, words, i, to)
    const n = len || (WIN.has(words[i]) ? 1 : 0)
    if (n === 0 || (len && v < 0)) continue
    if ((i > from && CLITIC.has(words[i - 1])) || (i + n < to && PRONOUN_AFTER.has(words[i + n])) || (words[i] === 'tore' && PRONOUN_AFTER.has(words[i + 1]))) return true
    // "made him look like an amateur", "called her out"
  }
  return false
}
