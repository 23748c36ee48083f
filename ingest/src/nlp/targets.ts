/**
 * Per-entity (target) sentiment: when a post names several monitored entities, each is scored from the
 * words that speak of it. Spans (targets-spans.ts): each entity's clause, or its share of a clause split right
 * before the next name. Each span is scored with the sentiment head on its tokens alone (negation already
 * marked per token), nudged by the word list and a small stance list (targets-rules.ts); a positive span that
 * opens with praise and reports a failure is sarcasm ("Gracias Movix por cortarme la línea"). Then the words
 * linking two entities (targets-rules.ts) override: "A mejor que B", "A beat B", "A humillado por B", "not as
 * good as", "switched from A to B" give opposite signs; "Unlike A, B…", "…, no como en B", "A weak next to B"
 * and a short answer ("…, Zoomcell never has") read the other entity's clause the other way round; "…, B
 * también" agrees; "Ni A ni B…" is against both. Last, two entities spoken of in one post are read against
 * each other: each score moves away from the others' by `spread`, and a label needs `threshold` either way.
 */
import { SENTIMENT_LABELS, type SentimentLabel } from '@pulso/types'
import { applyTemperature } from './calibrate.ts'
import { SpacedWords } from './cues.ts'
import type { Extracted } from './features.ts'
import { saysComplaint } from './intent.ts'
import { detectIrony } from './irony.ts'
import { blendLexicon } from './model.ts'
import { normalizeWord } from './normalize.ts'
import type { Scorer } from './scorer.ts'
import { contrasts, ellipsis, negatedParallel, onlyUnlike, singlesOut } from './targets-clauses.ts'
import { Rel, winsOverPronoun } from './targets-rules.ts'
import { stance } from './targets-stance.ts'
import { findMentions, spans, type Compiled } from './targets-spans.ts'
import { keyBits } from './key-bits.ts'

/** Entity id → terms as configured ("BancoSol", "banco sol", "@bancosol"). */
export type EntityTerms = Record<string, readonly string[]>

const compiled = new WeakMap<EntityTerms, Compiled>()
/** The last entities object and its terms: the pipeline passes the same one for every post (a WeakMap look-up per post cost more). */
let last: { entities: EntityTerms; c: Compiled } | undefined
/** Terms compiled once per entities object (the pipeline passes the same config object for every post). */
export function compileTerms(entities: EntityTerms): Compiled {
  if (last?.entities === entities) return last.c
  const hit = compiled.get(entities)
  if (hit) {
    last = { entities, c: hit }
    return hit
  }
  const ids = Object.keys(entities)
  const first = new Map<string, [number, string[]][]>()
  const inTags: [number, string][] = []
  ids.forEach((id, e) => {
    for (const term of entities[id] ?? []) {
      if (typeof term !== 'string') continue
      const words = term.replace(/^[@#]/, '').split(/\s+/).map((w) => normalizeWord(w).text).filter(Boolean)
      if (!words.length) continue
      const list = first.get(words[0]) ?? []
      list.push([e, words.slice(1)])
      first.set(words[0], list)
      if (words.length === 1 && words[0].length >= 4) inTags.push([e, words[0]])
    }
  })
  const c = { ids, first, inTags, firsts: keyBits(first.keys()) }
  compiled.set(entities, c)
  last = { entities, c }
  return c
}

/**
 * Settings chosen on the dev set (data/nlp/targets-dev.jsonl, `npx tsx ingest/scripts/eval-targets.ts --sweep`),
 * never on the test set (targets.jsonl). `stanceWeight`: the stance list's weight beside the word list's;
 * `spread`: how far each entity's score moves away from the others'; `threshold`: |score| needed for a label;
 * `contrastPull`: how far a faint reading after a contrast word moves to the opposite of the clause before.
 * (A log-odds nudge of every span towards positive, against the head's lean to negative on a clause's few
 * words, never helped on the dev set.)
 */
export const targetSettings = { stanceWeight: 1, spread: 1, threshold: 0.03, contrastPull: 0.5 }

export interface Target { score: number; label: SentimentLabel }
const r3 = (v: number) => Math.round(v * 1000) / 1000
const BETTER = Float64Array.of(0.1, 0.1, 0.8)
const WORSE = Float64Array.of(0.8, 0.1, 0.1)
const flip = (p: Float64Array) => Float64Array.of(p[2], p[1], p[0])
const probs = new Float64Array(3)
/**
 * Readings and sums of the post being read, in Float64Arrays reused across posts (none outlives scoreTargets):
 * a copy per span and a sum per entity were the per-entity path's commonest allocations.
 */
const scratch: Float64Array[] = []
let scratchUsed = 0
function take(): Float64Array {
  if (scratchUsed === scratch.length) scratch.push(new Float64Array(3))
  return scratch[scratchUsed++]
}
/** Entity-name flags per token, reused across posts (cleared per post). */
let skipped = new Uint8Array(256)

/** The span's own reading: head + word list + stance list, sarcasm and complaint wording. Null: no words. */
function readSpan(x: Extracted, from: number, to: number, skip: Uint8Array, scorer: Scorer, beta: number, temperature: number, head: number, spaced: SpacedWords): Float64Array | null {
  if (scorer.span(x, from, to, skip, probs, head) === 0) return null
  let lex = 0
  let pos = 0
  for (let i = from; i < to; i++) if (!skip[i]) { lex += x.pols[i]; if (x.pols[i] > 0) pos += x.pols[i] }
  lex += targetSettings.stanceWeight * stance(x.words, x.negs, x.pols, from, to, skip)
  blendLexicon(probs, lex, beta)
  applyTemperature(probs, temperature)
  if (pos > 0) {
    // Praise opening a failure is sarcasm about this entity ("Great job Zoomcell, another outage 🙄").
    const joined = spaced.range(from, to)
    // The flag is precision-first: a clear negative, not just the swapped (often faint) span reading.
    if (detectIrony(joined, joined, pos, x.cues)) return WORSE
  }
  // Complaint wording in the span ("sin internet", "still waiting") is said of this entity: not neutral.
  if (probs[1] > probs[0] && probs[1] > probs[2] && x.cues !== 0 && saysComplaint(spaced.range(from, to), x.cues)) [probs[0], probs[1]] = [probs[1], probs[0]]
  const copy = take()
  copy.set(probs)
  return copy
}

/**
 * Targets for every entity named in the post. One entity: the post's own reading (today's behaviour).
 * Several: each from its spans (see above); an entity whose spans have no words of their own is read against
 * the others, or keeps the post's reading when none has words ("Ruiz, Vidal"). `beta`: the word-list pull on a
 * span (blendLexicon), `temperature`: as for the post's confidence.
 */
export function scoreTargets(x: Extracted, c: Compiled, scorer: Scorer | null, post: Target, beta: number, temperature: number, head = 0, spaced = SpacedWords.of(x.words)): Record<string, Target> | undefined {
  const ms = findMentions(x, c)
  if (!ms.length) return undefined
  scratchUsed = 0
  const out: Record<string, Target> = {}
  // Entities named, in order of first mention (an array: two or three entries, a Set cost more).
  const named: number[] = []
  for (const m of ms) if (!named.includes(m.e)) named.push(m.e)
  if (named.length === 1 || !scorer) {
    for (const e of named) out[c.ids[e]] = post
    return out
  }
  if (skipped.length < x.toks.length) skipped = new Uint8Array(x.toks.length * 2)
  const skip = skipped
  skip.fill(0, 0, x.toks.length)
  for (const m of ms) skip.fill(1, m.start, m.end)
  const ss = spans(x, ms)
  // Loops rather than map / forEach here: under keepNames every closure made per post costs a __name() call.
  const ps: (Float64Array | null)[] = []
  for (let k = 0; k < ss.length; k++) ps.push(ss[k].ni ? WORSE : readSpan(x, ss[k].from, ss[k].to, skip, scorer, beta, temperature, head, spaced))
  let apart = -1
  for (let k = 0; k < ss.length; k++) {
    const s = ss[k]
    const prev = k > 0 ? ps[k - 1] : null
    let rel = s.rel !== Rel.None ? s.rel : prev ? ellipsis(x.words, s.from, s.to, skip) : Rel.None
    if (rel === Rel.None && prev && negatedParallel(x.words, x.negs, ss[k - 1].from, ss[k - 1].to, s.from, s.to, skip)) rel = Rel.SecondOpposite
    if (rel === Rel.FirstBetter || rel === Rel.FirstWorse) { ps[k - 1] = rel > 0 ? BETTER : WORSE; ps[k] = rel > 0 ? WORSE : BETTER }
    else if (rel === Rel.SecondOpposite && prev) ps[k] = flip(prev)
    else if (rel === Rel.SecondSame && prev) ps[k] = prev
    else if (k > 0 && winsOverPronoun(x.words, s.start, s.to)) { ps[k - 1] = WORSE; ps[k] = BETTER }
    // "Unlike A, B…" / "…, unlike A": A is the other way round from its neighbour (positive when that says little).
    else if (onlyUnlike(x.words, s.from, s.to, skip)) {
      const other = ps[k + 1] ?? (k > 0 ? ps[k - 1] : null)
      if (other) ps[k] = other[2] - other[0] < -0.2 ? BETTER : WORSE
    } else if (k > 0 && ss[k - 1].entities.length > 1 && s.entities.length === 1 && ss[k - 1].entities.includes(s.entities[0]) && (apart = singlesOut(x.words, ss[k - 1].start, s.start, s.to)) >= 0) {
      // The one set apart from the list reads its own words (positive when they say little), the rest the
      // opposite, or their own words after "los otros / the others".
      const own = apart > 0 ? readSpan(x, s.from, apart, skip, scorer, beta, temperature, head, spaced) : ps[k]
      ps[k] = own && Math.abs(own[2] - own[0]) > 0.2 ? own : BETTER
      const rest = apart > 0 ? readSpan(x, apart, s.to, skip, scorer, beta, temperature, head, spaced) : null
      ps[k - 1] = rest && Math.abs(rest[2] - rest[0]) > 0.2 ? rest : flip(ps[k]!)
      ss[k - 1].entities = ss[k - 1].entities.filter((e) => e !== s.entities[0])
    } else if (k > 0 && prev && ps[k] && Math.abs(ps[k]![2] - ps[k]![0]) < 0.3 && contrasts(x.words, s.from, s.to)) {
      // A contrast word says this entity fares unlike the one before: a faint reading is pulled towards the
      // opposite of that one (a clear one stands: "Telcra era mala, pero peor es Movix").
      const own = ps[k]!
      const w = targetSettings.contrastPull
      ps[k] = Float64Array.of((1 - w) * own[0] + w * prev[2], (1 - w) * own[1] + w * prev[1], (1 - w) * own[2] + w * prev[0])
    }
  }
  const sums = new Map<number, Float64Array>()
  for (let k = 0; k < ss.length; k++) {
    const p = ps[k]
    if (!p) continue
    for (const e of ss[k].entities) {
      // Set on the entity's first span only: the same insertion order, one Map write fewer per span.
      let acc = sums.get(e)
      if (!acc) {
        sums.set(e, (acc = take()))
        acc.fill(0)
      }
      for (let j = 0; j < 3; j++) acc[j] += p[j]
    }
  }
  // Read against each other: each score moves away from the mean of the others'.
  const scores = new Map<number, number>()
  for (const [e, acc] of sums) scores.set(e, (acc[2] - acc[0]) / (acc[0] + acc[1] + acc[2]))
  // An entity with no words of its own beside others that have some ("HOLLIS IS A FRAUD. Carter 2028!!") says
  // nothing by itself: it is read against them. When none has words, all keep the post's reading.
  if (scores.size > 0) for (const e of named) if (!scores.has(e)) scores.set(e, 0)
  const { spread, threshold } = targetSettings
  for (const e of named) {
    const s = scores.get(e)
    if (s === undefined) { out[c.ids[e]] = post; continue }
    let others = 0
    for (const [o, v] of scores) if (o !== e) others += v
    const f = scores.size > 1 ? s + spread * (s - others / (scores.size - 1)) : s
    const score = Math.max(-1, Math.min(1, f))
    out[c.ids[e]] = { score: r3(score), label: SENTIMENT_LABELS[score > threshold ? 2 : score < -threshold ? 0 : 1] }
  }
  return out
}
