/**
 * Where each named entity is spoken of (per-entity sentiment, targets.ts). Mentions (the entity's terms among
 * the post's words, or its @handle) cut the post into spans: an entity gets the words from the clause boundary
 * before its mention (punctuation or a contrast word: pero, but, mientras, while, sino…) to the boundary before
 * the next entity's mention, so in "Ruiz arrasó, Vidal hizo el ridículo" Ruiz gets "arrasó" and Vidal "hizo el
 * ridículo". Entities joined only by "y / and / o / or / ni" in one clause share a span, and so does a list
 * that opens a clause ("Telcra, Movix y Fibranet: …"). When the later entity's clause has no words of its own
 * ("Lo mejor, Ferrer. Lo peor, Paredes"), the clause before its name is its label and goes with it.
 */
import { Role, type Extracted } from './features.ts'
import { NI } from './targets-clauses.ts'
import { Rel, relation } from './targets-rules.ts'
import { mayBeKey } from './key-bits.ts'

/** Compiled terms: entity ids, first normalised word → [entity index, remaining words], and the one-word terms of
 * four letters or more, looked for inside hashtags ("#MovixNoFunciona", "#VotaFerrer"). `firsts`: the first words' bits
 * (key-bits.ts), so most words skip the Map. */
export interface Compiled { ids: string[]; first: Map<string, [number, string[]][]>; inTags: [number, string][]; firsts: Uint32Array }

/** A mention: entity index, token range [start, end) (end = start for an @handle before token `start`). */
export interface Mention { e: number; start: number; end: number }

export function findMentions(x: Extracted, c: Compiled): Mention[] {
  const out: Mention[] = []
  const w = x.words
  for (let k = 0; k < x.mentions.length; k++) {
    const list = mayBeKey(c.firsts, x.mentions[k]) ? c.first.get(x.mentions[k]) : undefined
    if (!list) continue
    // The first term that is the handle alone (index loops: a closure made per post costs a __name call under keepNames).
    for (let j = 0; j < list.length; j++) if (list[j][1].length === 0) { out.push({ e: list[j][0], start: x.mentionAt[k], end: x.mentionAt[k] }); break }
  }
  for (let i = 0; i < w.length; i++) {
    const list = mayBeKey(c.firsts, w[i]) ? c.first.get(w[i]) : undefined
    if (!list) {
      // Inside a hashtag: a mention before it, so its other words ("NoFunciona") stay in the entity's span.
      if (x.toks[i].role === Role.Hashtag) for (const [e, term] of c.inTags) if (w[i].includes(term)) { out.push({ e, start: i, end: i }); break }
      continue
    }
    for (let j = 0; j < list.length; j++) {
      const [e, rest] = list[j]
      let ok = i + rest.length < w.length || rest.length === 0
      for (let r = 0; ok && r < rest.length; r++) ok = w[i + 1 + r] === rest[r]
      if (ok) { out.push({ e, start: i, end: i + 1 + rest.length }); i += rest.length; break }
    }
  }
  // Mostly in order already (handles and words are each found in order): sort only when not (same result, sort is stable).
  for (let k = 1; k < out.length; k++) if (out[k - 1].start > out[k].start || (out[k - 1].start === out[k].start && out[k - 1].end > out[k].end)) return out.sort(byPlace)
  return out
}
const byPlace = (a: Mention, b: Mention) => a.start - b.start || a.end - b.end

const JOINERS = new Set(['y', 'e', 'o', 'u', 'ni', 'and', 'or', 'nor', '&', 'tanto', 'como', 'both'])
const OBJECT = new Set(['a', 'al', 'to'])

/** Entities sharing a span, its token range [from, to), and how it relates to the span before. */
export interface Span { entities: number[]; from: number; to: number; rel: Rel; start: number; end: number; ni: boolean }

/** Does token `i` open a clause (first token, a boundary right before it, or an emoji: "…outage 🙄 Nettel has")? */
const opens = (x: Extracted, i: number) => i <= 0 || x.clause[i] !== x.clause[i - 1] || x.toks[i - 1].role === Role.Emoji

export function spans(x: Extracted, mentions: Mention[]): Span[] {
  const n = x.toks.length
  const groups: Span[] = []
  for (const m of mentions) {
    const g = groups[groups.length - 1]
    let join = false
    if (g) {
      let words = true
      let ni = false
      // "y a": "derrotó a Paredes y a Soto"
      for (let i = g.end; i < m.start && words; i++) { words = JOINERS.has(x.words[i]) || (i === m.start - 1 && i > g.end && OBJECT.has(x.words[i])); ni ||= NI.has(x.words[i]) }
      const last = x.clause[Math.max(0, g.end - 1)]
      const same = m.start >= n || x.clause[m.start] === last
      // One clause joined by "y / and", or a list opening its clause: "Ferrer, Paredes y Soto. Ninguno…".
      join = words && (same || (m.start === g.end && opens(x, g.start) && !g.entities.includes(m.e)))
      if (join && ni && g.start > 0 && NI.has(x.words[g.start - 1])) g.ni = true
    }
    if (join) {
      if (!g.entities.includes(m.e)) g.entities.push(m.e)
      g.end = Math.max(g.end, m.end)
    } else groups.push({ entities: [m.e], from: 0, to: n, rel: Rel.None, start: m.start, end: m.end, ni: false })
  }
  // Split between consecutive groups at the last clause boundary before the later mention, else right before it.
  const crossed: boolean[] = [false]
  for (let k = 1; k < groups.length; k++) {
    const a = groups[k - 1]
    const b = groups[k]
    let split = b.start
    crossed[k] = false
    for (let j = Math.min(b.start, n - 1); j >= Math.max(1, a.end); j--) if (opens(x, j)) { split = j; crossed[k] = true; break }
    a.to = b.from = split
  }
  // A later entity with no words of its own takes the clause before its name ("Lo peor, Paredes"); no
  // comparison is read across that label.
  const label: boolean[] = []
  for (let k = 1; k < groups.length; k++) {
    const a = groups[k - 1]
    const b = groups[k]
    if (!crossed[k] || ownWords(b, b.from, b.to) > 0) continue
    for (let j = b.from - 1; j >= Math.max(1, a.end); j--) if (opens(x, j)) { a.to = b.from = j; label[k] = true; break }
  }
  for (let k = 1; k < groups.length; k++) {
    const a = groups[k - 1]
    const b = groups[k]
    if (label[k]) continue
    // A comparison or a win links two mentions in one clause ("A mejor que B"), not across a boundary.
    const from = crossed[k] ? b.from : a.end
    const before = x.words[a.start - 1] ?? ''
    b.rel = relation(x.words, x.pols, x.negs, from, b.start, before, x.words[a.start - 2] ?? '', before === 'a' && opens(x, a.start - 1), a.ni)
  }
  return groups
}

/** Words in [from, to) outside the group's own mention. */
function ownWords(g: Span, from: number, to: number): number {
  return Math.max(0, to - from - (Math.min(to, g.end) - Math.max(from, g.start)))
}
