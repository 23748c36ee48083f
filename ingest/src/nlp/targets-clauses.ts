/**
 * Clause-level cues for per-entity sentiment (targets.ts): short answers ("…, Telcra sí", "…, Nettel never
 * does", "…, B también"), parallel clauses where one is negated ("A cobra por todo; B no te cobra"), a clause
 * that only opens a contrast ("Unlike A, …"), one entity set apart from a list ("solo C"), contrast words.
 * All words normalised (lower case, no accents). Sets only: no regex per word.
 */
import { Rel, set, UNLIKE, UNLIKE_FILL } from './targets-rules.ts'

/** A span made only of these is an ellipsis ("…, Zoomcell never has", "…, Ruiz sí", "…, BancoSol no"). */
const ELLIPSIS = set("no not n't nt never nunca jamas tampoco ni si yes does do did has have had is was will can too tambien lo la le me eso esto that this it so much tanto mucho always siempre hizo hace hecho ha he han pasa paso todavia aun nada still nothing happened ever either neither al menos at least con with en on in a to for para the el la de of also one ones")
/** …and with one of these it agrees with the clause before instead of answering it. */
const SAME = set('too tambien also tampoco neither either igual same')

/** Rel.SecondOpposite / Rel.SecondSame when words[from, to) (entity names flagged in `skip`) are a short answer. */
export function ellipsis(words: string[], from: number, to: number, skip: Uint8Array): Rel {
  let n = 0
  let same = false
  for (let i = from; i < to; i++) {
    if (skip[i]) continue
    if (!ELLIPSIS.has(words[i])) return Rel.None
    if (SAME.has(words[i])) same = true
    n++
  }
  return n === 0 ? Rel.None : same ? Rel.SecondSame : Rel.SecondOpposite
}

const COMMON = set('that this with have been were para pero como todo toda todos nunca siempre desde hasta cuando porque about from just even also your their they there what when where which will would could should more most very much muy mucho mas')
/** Same word, or same first five letters ("charged" / "charges", "cobra" / "cobró"), without slicing. */
function sameWord(a: string, b: string): boolean {
  if (a.length < 5 || b.length < 5) return a === b
  for (let i = 0; i < 5; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false
  return true
}
/**
 * Parallel clauses, one negated: "BancoSol cobra por todo; Finaz no te cobra ni un peso", "Northbank charged me
 * a fee, Kestrel never charges fees": the later entity reads the opposite of the earlier one.
 */
export function negatedParallel(words: string[], negs: boolean[], aFrom: number, aTo: number, from: number, to: number, skip: Uint8Array): boolean {
  for (let j = from; j < to; j++) {
    const w = words[j]
    if (skip[j] || w.length < 4 || COMMON.has(w) || ELLIPSIS.has(w)) continue
    for (let i = aFrom; i < aTo; i++) if (!skip[i] && negs[i] !== negs[j] && sameWord(words[i], w)) return true
  }
  return false
}

/** Does the span only open a contrast ("Unlike Zoomcell", "A diferencia de Paredes")? */
export function onlyUnlike(words: string[], from: number, to: number, skip: Uint8Array): boolean {
  let key = false
  for (let i = from; i < to; i++) {
    if (skip[i]) continue
    if (UNLIKE.has(words[i])) key = true
    else if (!UNLIKE_FILL.has(words[i])) return false
  }
  return key
}

const ONLY = set('solo solamente unicamente only just')
const OTHERS = set('otros otras resto demas others rest')
const BETWEEN = set('entre between')
/**
 * C set apart from a list it was named in: "A, B y C: solo C…", "A, B and C… only C works", "Entre A y B, me quedo
 * con A", "Between A and B it's A" (0), or "C la mejor, los otros dos un horror" (the index of "otros": the words
 * from there speak of the rest). -1: not set apart. `listStart`: the list's first mention.
 */
export function singlesOut(words: string[], listStart: number, start: number, to: number): number {
  for (let i = start; i < to; i++) if (OTHERS.has(words[i])) return i
  return ONLY.has(words[start - 1]) || BETWEEN.has(words[listStart - 1]) ? 0 : -1
}

const CONTRAST = set('pero mientras cambio contrario embargo but while whereas contrast meanwhile however')
/** Does the span say it contrasts with the one before ("…, B en cambio…", "but B…", "B, by contrast, …")? */
export function contrasts(words: string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (CONTRAST.has(words[i])) return true
  return false
}

/** "Neither A nor B…", "Ni A ni B…": said against all of them. */
export const NI = set('ni neither nor')
