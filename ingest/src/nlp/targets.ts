/**
 * Per-entity (target) sentiment: when a post names several monitored entities, each is scored from the
 * words that speak of it. Mentions (the entity's terms among the post's words, or its @handle) cut the post
 * into spans: an entity gets the words from the clause boundary before its mention (punctuation or a contrast
 * word: pero, but, mientras, while, sino…) to the boundary before the next entity's mention, so in
 * "Ruiz arrasó, Vidal hizo el ridículo" Ruiz gets "arrasó" and Vidal "hizo el ridículo". Entities joined only
 * by "y / and / o / or / ni" share their span. A comparison or a win between two mentions ("X mejor que Y",
 * "X is worse than Y", "X le ganó a Y", "X beat Y") gives the two opposite signs. Each span is scored with the
 * sentiment head on its tokens alone (negation already marked per token), nudged by the word list.
 */
import { SENTIMENT_LABELS, type SentimentLabel } from '@pulso/types'
import { applyTemperature } from './calibrate.ts'
import type { Extracted } from './features.ts'
import { saysComplaint } from './intent.ts'
import { blendLexicon } from './model.ts'
import { normalizeWord } from './normalize.ts'
import type { Scorer } from './scorer.ts'

/** Entity id → terms as configured ("BancoSol", "banco sol", "@bancosol"). */
export type EntityTerms = Record<string, readonly string[]>

interface Compiled {
  ids: string[]
  /** First normalised word → terms starting with it: [entity index, remaining words]. */
  first: Map<string, [number, string[]][]>
}

const compiled = new WeakMap<EntityTerms, Compiled>()
/** Terms compiled once per entities object (the pipeline passes the same config object for every post). */
export function compileTerms(entities: EntityTerms): Compiled {
  const hit = compiled.get(entities)
  if (hit) return hit
  const ids = Object.keys(entities)
  const first = new Map<string, [number, string[]][]>()
  ids.forEach((id, e) => {
    for (const term of entities[id] ?? []) {
      if (typeof term !== 'string') continue
      const words = term.replace(/^[@#]/, '').split(/\s+/).map((w) => normalizeWord(w).text).filter(Boolean)
      if (!words.length) continue
      const list = first.get(words[0]) ?? []
      list.push([e, words.slice(1)])
      first.set(words[0], list)
    }
  })
  const c = { ids, first }
  compiled.set(entities, c)
  return c
}

/** A mention: entity index, token range [start, end) (end = start for an @handle before token `start`). */
interface Mention { e: number; start: number; end: number }

export function findMentions(x: Extracted, c: Compiled): Mention[] {
  const out: Mention[] = []
  const w = x.words
  for (let k = 0; k < x.mentions.length; k++) {
    const list = c.first.get(x.mentions[k])
    const m = list?.find(([, rest]) => rest.length === 0)
    if (m) out.push({ e: m[0], start: x.mentionAt[k], end: x.mentionAt[k] })
  }
  for (let i = 0; i < w.length; i++) {
    const list = c.first.get(w[i])
    if (!list) continue
    for (const [e, rest] of list) {
      let ok = i + rest.length < w.length || rest.length === 0
      for (let j = 0; ok && j < rest.length; j++) ok = w[i + 1 + j] === rest[j]
      if (ok) { out.push({ e, start: i, end: i + 1 + rest.length }); i += rest.length; break }
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end)
}

const JOINERS = new Set(['y', 'e', 'o', 'u', 'ni', 'and', 'or', 'nor', '&', 'ni'])
const BETTER = /^(?:mejor|mejores|superior|better|stronger|smarter|por encima|far above|way above|mas (?:fuerte|claro|solido|preparado|honesto|serio|convincente)|more (?:convincing|honest|serious|prepared))$/
const WORSE = /^(?:peor|peores|inferior|worse|weaker|por debajo|far below|way below|mas (?:debil|corrupto|flojo|mentiroso)|more (?:corrupt|dishonest))$/
// Winning verbs, active and participle: "A ha destrozado a B" (+), "A humillado por B" / "A got schooled by B" (-).
const WIN = /^(?:gano|gana|arraso|derroto|derrota|derrotado|aplasto|aplasta|aplastado|humillo|humilla|humillado|destrozo|destroza|destrozado|barrio|supero|supera|superado|vencio|vence|vencido|beat|beats|beaten|crushed|crushes|destroyed|destroys|defeated|defeats|outperformed|outshone|owned|demolished|trounced|schooled|wiped|humiliated|outclassed|dominated|thrashed)$/
const LOSE = /^(?:perdio|pierde|lost|loses)$/
const PASSIVE = /^(?:por|by)$/
const NEG = /^(?:no|not|n't|nunca|never)$/
/** A span made only of these is an ellipsis ("…, Zoomcell never has", "…, Ruiz sí", "…, BancoSol no"): it
 * answers the previous clause, with the opposite reading. */
const ELLIPSIS = new Set(['no', 'not', "n't", 'nt', 'never', 'nunca', 'tampoco', 'ni', 'si', 'yes', 'does', 'do', 'did', 'has', 'have', 'had', 'is', 'was', 'will', 'can', 'too', 'tambien', 'lo', 'hace', 'el', 'ella', 'either', 'neither', 'al', 'menos', 'at', 'least', 'con', 'with', 'en', 'on', 'in', 'a', 'to', 'for', 'para', 'the', 'la', 'de', 'of'])

/** +1: the first of two entities comes out better ("A mejor que B", "A beat B"), -1 worse, 0 no comparison. */
export function compare(words: string[], from: number, to: number): number {
  let sign = 0
  let negated = false
  for (let i = from; i < to && sign === 0; i++) {
    const w = words[i]
    const two = i + 1 < to ? `${w} ${words[i + 1]}` : w
    if (NEG.test(w)) negated = true
    else if (BETTER.test(w) || BETTER.test(two)) sign = 1
    else if (WORSE.test(w) || WORSE.test(two)) sign = -1
    else if (WIN.test(w)) sign = i + 1 < to && PASSIVE.test(words[i + 1]) ? -1 : 1
    else if (LOSE.test(w)) sign = -1
  }
  return negated ? -sign : sign
}

/** Groups of mentions sharing a span, and each group's token range [from, to) in the post. */
export interface Span { entities: number[]; from: number; to: number; compare: number }

export function spans(x: Extracted, mentions: Mention[]): Span[] {
  const groups: { entities: number[]; start: number; end: number }[] = []
  for (const m of mentions) {
    const g = groups[groups.length - 1]
    const between = g ? x.words.slice(g.end, m.start) : []
    if (g && (g.entities.includes(m.e) || between.every((w) => JOINERS.has(w))) && (!between.length || x.clause[m.start] === x.clause[g.end - 1 < 0 ? 0 : g.end - 1])) {
      if (!g.entities.includes(m.e)) g.entities.push(m.e)
      g.end = Math.max(g.end, m.end)
    } else groups.push({ entities: [m.e], start: m.start, end: m.end })
  }
  const n = x.toks.length
  const out: Span[] = groups.map((g) => ({ entities: g.entities, from: 0, to: n, compare: 0 }))
  for (let k = 1; k < groups.length; k++) {
    const a = groups[k - 1]
    const b = groups[k]
    // Split at the last clause boundary before this mention ("Pobre Vidal, no dio una. Ruiz sobrado"), else
    // right before it; a comparison is read in the clause that leads to this mention ("Vidal, inferior a Ruiz").
    let split = b.start
    let crossed = false
    for (let j = Math.min(b.start, n - 1); j >= Math.max(1, a.end); j--) if (x.clause[j] !== x.clause[j - 1]) { split = j; crossed = true; break }
    out[k - 1].to = split
    out[k].from = split
    // A comparison or a win links two mentions in one clause ("A mejor que B"), not across a boundary.
    const c = compare(x.words, crossed ? split : a.end, b.start)
    if (c !== 0 && out[k - 1].compare === 0) { out[k - 1].compare = c; out[k].compare = -c }
  }
  return out
}

export interface Target { score: number; label: SentimentLabel }
const r3 = (v: number) => Math.round(v * 1000) / 1000
const fromProbs = (p: ArrayLike<number>): Target => {
  const best = p[2] > p[1] && p[2] > p[0] ? 2 : p[0] > p[1] ? 0 : 1
  return { score: r3(p[2] - p[0]), label: SENTIMENT_LABELS[best] }
}

const probs = new Float64Array(3)
function isEllipsis(x: Extracted, s: Span, skip: Uint8Array): boolean {
  let words = 0
  for (let i = s.from; i < s.to; i++) if (!skip[i]) { if (!ELLIPSIS.has(x.words[i])) return false; words++ }
  return words > 0
}
/**
 * Targets for every entity named in the post. One entity: the post's own reading (today's behaviour).
 * Several: each from its spans (see above); a span with no words of its own keeps the post's reading.
 * `beta`: the word-list pull on a span (blendLexicon), `temperature`: as for the post's confidence.
 */
export function scoreTargets(x: Extracted, c: Compiled, scorer: Scorer | null, post: Target, beta: number, temperature: number, head = 0): Record<string, Target> | undefined {
  const ms = findMentions(x, c)
  if (!ms.length) return undefined
  const out: Record<string, Target> = {}
  const named = new Set(ms.map((m) => m.e))
  if (named.size === 1 || !scorer) {
    for (const e of named) out[c.ids[e]] = post
    return out
  }
  const skip = new Uint8Array(x.toks.length)
  for (const m of ms) skip.fill(1, m.start, m.end)
  const sums = new Map<number, Float64Array>()
  let prev: Float64Array | null = null
  for (const s of spans(x, ms)) {
    let p: Float64Array
    if (s.compare !== 0) p = s.compare > 0 ? Float64Array.of(0.1, 0.1, 0.8) : Float64Array.of(0.8, 0.1, 0.1)
    else if (prev && isEllipsis(x, s, skip)) p = Float64Array.of(prev[2], prev[1], prev[0])
    else {
      if (scorer.span(x, s.from, s.to, skip, probs, head) === 0) continue
      let lex = 0
      for (let i = s.from; i < s.to; i++) if (!skip[i]) lex += x.pols[i]
      blendLexicon(probs, lex, beta)
      applyTemperature(probs, temperature)
      // Complaint wording in the span ("sin internet", "still waiting") is said of this entity: not neutral.
      if (probs[1] > probs[0] && probs[1] > probs[2] && saysComplaint(` ${x.words.slice(s.from, s.to).join(' ')} `)) [probs[0], probs[1]] = [probs[1], probs[0]]
      p = probs.slice()
    }
    prev = p
    for (const e of s.entities) {
      const acc = sums.get(e) ?? new Float64Array(3)
      for (let k = 0; k < 3; k++) acc[k] += p[k]
      sums.set(e, acc)
    }
  }
  for (const e of named) {
    const acc = sums.get(e)
    out[c.ids[e]] = acc ? fromProbs(acc.map((v) => v / (acc[0] + acc[1] + acc[2]))) : post
  }
  return out
}
