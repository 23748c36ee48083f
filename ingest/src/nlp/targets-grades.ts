/**
 * Scorecards: a grade or a ranking the author gives each entity says more than any word around it — "Ruiz: 9/10.
 * Vidal: 3/10", "A Finaz le doy un 8, a BancoSol un 2", "I'd give Hollis a 9 and Carter a 3", "Soto > Ruiz > Vidal".
 * The word features never see numbers or ">" (they are not words), so these are read from the text itself, folded
 * (lower case, no accents) like the terms. Counts and times are not grades: a bare number counts only after an
 * article ("un 8", "a 9") in a post that grades ("doy", "nota", "give", "rate"…), and never before a noun
 * ("3 técnicos", "2 calles"); "N/10" (or /5, /100) counts right after a name.
 */
import type { SentimentLabel } from '@pulso/types'
import { escapeRegExp, fold } from '../text.ts'
import { CUES } from './cues.ts'
import type { EntityTerms } from './targets.ts'

export interface Grade { score: number; label: SentimentLabel }

/**
 * Grading words of es and en (normalised words, as the cue rules see them): a bare "un 8" / "a 9" is a grade only in
 * a post that has one. A cue list, so the check costs a bit test for most posts (cues.ts).
 */
export const GRADING = CUES.add(['doy', 'daria', 'damos', 'pongo', 'nota', 'notas', 'puntuo', 'puntuacion', 'calificacion', 'califico', 'suspenso', 'aprobado', 'give', 'gave', 'giving', 'rate', 'rated', 'rating', 'score', 'scored', 'grade', 'grades'], '', '(?: |$)')
const SLASH_ANY = /\d\s*\/\s*(?:10|5|100)(?!\d)/
const DIGIT = /\d/
/** Right after a name: "N/10" with an optional ":" or "-" before it. */
const SLASH = /^\s*[:=\-–—]?\s*(\d{1,3}(?:[.,]\d)?)\s*\/\s*(10|5|100)(?!\d)/u
/**
 * Right after a name, in a grading post: up to three words without digits, then "un 8" / "a 9", then the end, a mark or
 * a joining word ("a 9 and", "un 8 y") — never a noun ("a 2 calles", "un 3 técnicos" count things) nor a score
 * ("a 3-0 lead").
 */
const BARE = /^\s*[:,]?\s*(?:[^\d\s]+\s+){0,3}?(?:un|una|a|an)\s+(\d{1,2}(?:[.,]\d)?)(?!\s*[-–:]\s*\d)(?=\s*(?:$|[^\p{L}\d\s%/]|(?:y|e|and|pero|but|in|en|on|tonight|today|hoy|anoche|sobre|out)(?![\p{L}])))/u
/** Right before a name, in a grading post: "un 9 a Ruiz", "un 8 para Finaz", "a 9 to Carter". */
const BEFORE = /(?<![\p{L}])(?:un|una|a|an)\s+(\d{1,2}(?:[.,]\d)?)\s+(?:a|al|para|to|for)\s*$/u

interface Spot { e: string; start: number; end: number }

const patterns = new WeakMap<EntityTerms, { e: string; re: RegExp }[]>()
function termPatterns(entities: EntityTerms): { e: string; re: RegExp }[] {
  const hit = patterns.get(entities)
  if (hit) return hit
  const out: { e: string; re: RegExp }[] = []
  for (const [e, terms] of Object.entries(entities)) {
    const words = (terms ?? []).filter((t): t is string => typeof t === 'string').map((t) => fold(t.replace(/^[@#]/, '')).trim()).filter(Boolean)
    if (!words.length) continue
    // Longest first, so "ana ruiz" wins over "ruiz"; a leading @ or # belongs to the mention.
    const alt = [...new Set(words)].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')
    out.push({ e, re: new RegExp(`(?<![\\p{L}\\p{N}_])[@#]?(?:${alt})(?![\\p{L}\\p{N}_])`, 'gu') })
  }
  patterns.set(entities, out)
  return out
}

function spots(text: string, entities: EntityTerms): Spot[] {
  const all: Spot[] = []
  for (const { e, re } of termPatterns(entities)) for (const m of text.matchAll(re)) all.push({ e, start: m.index!, end: m.index! + m[0].length })
  all.sort((a, b) => a.start - b.start || b.end - a.end)
  // Overlapping names (one entity's term inside another's): the first, longest one.
  return all.filter((s, i) => i === 0 || s.start >= all[i - 1].end)
}

const grade = (ratio: number): Grade => ({ score: Math.round((2 * ratio - 1) * 1000) / 1000, label: ratio >= 0.6 ? 'positive' : ratio <= 0.4 ? 'negative' : 'neutral' })
const num = (s: string) => Number(s.replace(',', '.'))

/**
 * The grades a post gives (entity id → reading), or null when it gives none; `grading`: the post has a grading word
 * (GRADING). Called only for posts naming entities, and cheap to refuse: most have no grading word beside a digit,
 * no "<" / ">" and no "N/10".
 */
export function readGrades(raw: string, entities: EntityTerms, grading: boolean): Record<string, Grade> | null {
  // Most posts name no grade: quick looks at the raw text before folding it and finding the names.
  const ranked = raw.includes('>') || raw.includes('<')
  if (!ranked && !(raw.includes('/') && SLASH_ANY.test(raw)) && !(grading && DIGIT.test(raw))) return null
  const text = fold(raw)
  const ss = spots(text, entities)
  if (ss.length < 1) return null
  const out: Record<string, Grade> = {}
  // A ranking: names joined only by ">" (or "<"): the best first (last), the worst last (first).
  for (let i = 0; i < ss.length - 1; ) {
    let j = i
    let dir = ''
    while (j < ss.length - 1) {
      const between = text.slice(ss[j].end, ss[j + 1].start).trim()
      if ((between !== '>' && between !== '<') || (dir && between !== dir)) break
      dir = between
      j++
    }
    if (j > i) {
      const chain = ss.slice(i, j + 1).map((s) => s.e)
      if (dir === '<') chain.reverse()
      chain.forEach((e, k) => (out[e] = grade(1 - k / (chain.length - 1))))
      i = j + 1
    } else i++
  }
  ss.forEach((s, k) => {
    if (out[s.e]) return
    const after = text.slice(s.end, k + 1 < ss.length ? ss[k + 1].start : text.length)
    const slash = SLASH.exec(after)
    if (slash) {
      const r = num(slash[1]) / Number(slash[2])
      if (r >= 0 && r <= 1) out[s.e] = grade(r)
      return
    }
    if (!grading) return
    const before = BEFORE.exec(text.slice(k > 0 ? ss[k - 1].end : 0, s.start))
    const bare = before ?? BARE.exec(after)
    if (bare && num(bare[1]) <= 10) out[s.e] = grade(num(bare[1]) / 10)
  })
  return Object.keys(out).length ? out : null
}
