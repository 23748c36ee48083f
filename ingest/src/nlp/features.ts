/**
 * One pass over wink-nlp tokens that yields everything the scorers need: hashed sparse
 * features (words with negation marking, character n-grams and word pairs as the weights file's meta
 * says — 4-grams and pairs since issue 15 —, emoji, hashtags and their camelCase words),
 * a few dense lexicon/style features, the lexicon's own scores, and the normalised words for
 * the intent rules. Shared by training and run time so both see exactly the same features.
 */
import { bucket, hashPair, hashString } from './hash.ts'
import { charGrams, EMPTY, hashtagWords } from './grams.ts'
import type { LexEntry, Lexicon } from './lexicon.ts'
import { normalizeWord } from './normalize.ts'
import type { Tokens } from './tokenize.ts'
import { CUES } from './cues.ts'
import { CONTRAST, INTENSIFIERS, NEGATION_SCOPE, NEGATORS, SCOPE_BREAKERS, STOP_EN, STOP_ES } from './words.ts'

export { DENSE, Role, type Extracted, type TokInfo } from './feature-types.ts'
import { DENSE, Role, ROLE, TokInfo, tokBits, type Extracted } from './feature-types.ts'

const SPANISH = /[ñáéíóú¿¡]/i
/** Char n-gram lengths [min, max]: a model setting (chosen by the trainer's cross-validation, saved in
 * the weights file's meta), since the weights only make sense for the n-grams they were trained on. */
export type Grams = readonly [number, number]
export const DEFAULT_GRAMS: Grams = [3, 5]
export const F_BIAS = bucket(hashString('^BIAS'))
const F_URL = bucket(hashString('^URL'))
const F_MENTION = bucket(hashString('^MENTION'))
const F_NUM = bucket(hashString('^NUM'))
// Word-list evidence as sparse features too: per-hit polarity after negation, and the binned total.
const F_LEX_POS = bucket(hashString('^LEX+'))
const F_LEX_NEG = bucket(hashString('^LEX-'))
const F_LEX_BIN = [-3, -2, -1, 0, 1, 2, 3].map((b) => bucket(hashString(`^LEXBIN${b}`)))
const NEG_STRESS = new Set(['at', 'all', 'whatsoever', 'absoluto', 'absoluta'])
const PUNCT: Record<string, number> = { '!': 1, '¡': 2, '?': 3, '¿': 4 }
const BOUND_PUNCT = new Set([',', '.', ';', ':', '!', '?', '¡', '¿', '…', '...', '|', '\n'])

const newExtracted = (): Extracted => ({
  ids: [], toks: [], negs: [], pols: [], clause: [], bis: [], mentions: [], mentionAt: [], dense: new Float64Array(DENSE.length), lexScore: 0, lexEmotions: new Float64Array(6), words: [],
  generation: 0, slots: 0, cues: 0, spanishMarks: 0, langVotes: 0, negators: 0, wordCount: 0, signals: 0,
})

export class FeatureExtractor {
  /** Per-lexeme info indexed by wink-nlp's lexeme id; as bounded as wink-nlp's own cache (tokenize.ts). */
  private byId: (TokInfo | undefined)[] = []
  private generation = 0
  private slots = 0
  /** What the touching loads read, kept so the compiler cannot drop them. */
  private touched = 0
  private readonly x = newExtracted()
  /** `bigrams`: add hashed word-pair features (a model setting, saved in the weights file's meta). */
  constructor(private readonly lexicon: Lexicon, private readonly grams: Grams = DEFAULT_GRAMS, private readonly bigrams = false) {}

  /** Info for the token at position `i`, from the cache or built once for its lexeme. */
  private info(tokens: Tokens, i: number): TokInfo {
    const id = tokens.ids[i]
    const byId = this.byId
    const t = id < byId.length ? byId[id] : undefined
    if (t !== undefined) return t
    // Filled up to the id: a write far past the end (wink's ids start high) makes it a hash table (dictionary elements).
    while (byId.length <= id) byId.push(undefined)
    return (byId[id] = this.build(tokens.value(id), tokens.kind(i)))
  }

  private build(raw: string, kind: string): TokInfo {
    const role = ROLE[kind] ?? Role.Skip
    const word = role === Role.Word
    let norm = raw
    let elongated = false
    let shout = false
    if (role === Role.Emoji) norm = raw.replace(/\uFE0F/g, '').toLowerCase()
    else if (word || role === Role.Hashtag || role === Role.Mention) {
      const n = normalizeWord(role === Role.Word ? raw : raw.slice(1))
      norm = n.text
      elongated = n.elongated
      shout = n.shout
    }
    const text = role === Role.Word || role === Role.Hashtag || role === Role.Emoji
    const h = hashString(role === Role.Hashtag ? '#' + norm : norm)
    const bits = tokBits(
      role,
      role === Role.Punct ? PUNCT[raw] ?? 0 : 0,
      elongated,
      shout,
      text && SPANISH.test(raw),
      word && NEGATORS.has(norm),
      word && SCOPE_BREAKERS.has(norm),
      role === Role.Punct ? BOUND_PUNCT.has(raw) : word && CONTRAST.has(norm),
      word ? Number(STOP_ES.has(norm)) - Number(STOP_EN.has(norm)) : 0,
      word ? INTENSIFIERS.get(norm) ?? 1 : 1,
    )
    const entry = text ? this.lexicon.lookup(norm) : undefined
    const phrases = word ? this.lexicon.phrases.get(norm) : undefined
    const chars = word ? charGrams(norm, this.grams) : role === Role.Hashtag ? hashtagWords(raw) : EMPTY
    return new TokInfo(bits, text ? CUES.mask(norm) : 0, h | 0, norm, entry, phrases, this.slots++, bucket(h), bucket(hashPair(h, 0x5bd1e995)), chars)
  }

  /** Does the phrase's `rest` follow position `i`? */
  private follows(tokens: Tokens, i: number, rest: string[]): boolean {
    if (i + rest.length >= tokens.ids.length) return false
    for (let j = 0; j < rest.length; j++) if (this.info(tokens, i + 1 + j).norm !== rest[j]) return false
    return true
  }

  extract(tokens: Tokens): Extracted {
    if (tokens.generation !== this.generation) {
      this.byId = []
      this.slots = 0
      this.generation = tokens.generation
    }
    const x = this.x
    const { ids, dense, lexEmotions, words, toks, negs, pols, clause, bis, mentions, mentionAt } = x
    // Written by index and cut to length at the end: `length = 0` would let V8 drop each array's backing store, and
    // every post would regrow all nine (the analyser's largest allocation).
    let nI = 0, nT = 0, nM = 0
    let clauseNo = 0
    dense.fill(0)
    lexEmotions.fill(0)
    ids[nI++] = F_BIAS
    let lexScore = 0
    let negLeft = 0
    let prevIntensity = 1
    let spanishMarks = 0
    let negators = 0
    // Words already scored as part of a lexicon phrase.
    let skipLex = 0
    let wordCount = 0
    let signals = 0
    let langVotes = 0
    let cues = 0
    // Raw hash of the previous word-like token (0 after punctuation): word pairs never span a clause.
    let prevH = 0
    const bigrams = this.bigrams
    const n = tokens.ids.length
    // Touch every token's cached info first (two dependent loads each, mostly from memory): the misses overlap.
    const tokIds = tokens.ids
    const byId = this.byId
    let touch = 0
    for (let i = 0; i < n; i++) {
      const id = tokIds[i]
      const t = id < byId.length ? byId[id] : undefined
      if (t !== undefined) touch |= t.bits
    }
    this.touched = touch
    for (let i = 0; i < n; i++) {
      const t = this.info(tokens, i)
      const role = t.role
      if (role === Role.Punct) {
        negLeft = 0
        prevH = 0
        if (t.bound) clauseNo++
        const p = t.punct
        if (p === 0) continue
        if (p <= 2) dense[10]++
        else dense[11]++
        if (p === 1 || p === 3) { ids[nI++] = t.uni; signals++ }
        else spanishMarks++
        continue
      }
      if (role === Role.Url) { dense[16] = 1; ids[nI++] = F_URL; signals++; continue }
      if (role === Role.Mention) { dense[17]++; ids[nI++] = F_MENTION; signals++; mentions[nM] = t.norm; mentionAt[nM++] = nT; continue }
      if (role === Role.Number) { ids[nI++] = F_NUM; signals++; continue }
      if (role === Role.Skip) continue
      signals++
      words[nT] = t.norm
      cues |= t.cues
      if (t.spanishMark) spanishMarks++
      langVotes += t.langVote
      if (role === Role.Hashtag) dense[18]++
      else if (role === Role.Word) wordCount++
      else dense[15]++
      if (t.elongated) dense[12]++
      if (t.shout) dense[13]++
      // Emoji express the writer's own feeling: negation words do not flip them.
      // "at all", "whatsoever", "en absoluto" only stress a negation: marked, they learned the negative
      // contexts they mostly close ("don't like it at all") and pulled "not bad at all" negative.
      const negated = negLeft > 0 && role !== Role.Emoji && !NEG_STRESS.has(t.norm)
      if (t.bound) clauseNo++
      toks[nT] = t
      negs[nT] = negated
      clause[nT] = clauseNo
      let bi = -1
      if (bigrams) {
        if (prevH !== 0) ids[nI++] = bi = bucket(hashPair(prevH, t.h))
        prevH = t.h
      }
      bis[nT] = bi
      let pol = 0
      // Lexicon: phrase first (longest wins), else the word itself.
      let entry = skipLex > 0 ? undefined : t.entry
      if (skipLex > 0) skipLex--
      const phrases = skipLex === 0 ? t.phrases : undefined
      if (phrases) for (const p of phrases) if (this.follows(tokens, i, p.rest)) { entry = p.entry; skipLex = p.rest.length }
      if (entry) {
        let p = entry.polarity * prevIntensity * (t.elongated ? 1.3 : 1) * (t.shout ? 1.2 : 1)
        // "not bad" is mildly positive, "no me gusta" clearly negative: flip and damp.
        if (negated) p = -p * 0.6
        lexScore += p
        pol = p
        if (p !== 0) ids[nI++] = p > 0 ? F_LEX_POS : F_LEX_NEG
        if (p > 0) { dense[0] += p; dense[2]++ } else if (p < 0) { dense[1] -= p; dense[3]++ }
        if (entry.emotion >= 0 && !negated) lexEmotions[entry.emotion] += Math.max(1, Math.abs(entry.polarity)) * (t.elongated || t.shout ? 1.3 : 1)
      }
      pols[nT++] = pol
      if (t.breaker) negLeft = 0
      else if (t.negator) { negLeft = NEGATION_SCOPE; negators++ }
      else if (negLeft > 0) negLeft--
      prevIntensity = t.intensity
    }
    ids[nI++] = F_LEX_BIN[3 + Math.max(-3, Math.min(3, Math.round(lexScore / 2)))]
    ids.length = nI
    toks.length = negs.length = words.length = pols.length = clause.length = bis.length = nT
    mentions.length = mentionAt.length = nM
    for (let e = 0; e < 6; e++) dense[4 + e] = lexEmotions[e]
    dense[14] = negators
    dense[19] = Math.log1p(wordCount)
    // Squash counts so a 10k-character post does not dominate the linear model.
    for (let k = 0; k < dense.length - 1; k++) dense[k] = Math.log1p(dense[k])
    x.lexScore = lexScore
    x.generation = this.generation
    x.slots = this.slots
    x.cues = cues
    x.spanishMarks = spanishMarks
    x.langVotes = langVotes
    x.negators = negators
    x.wordCount = wordCount
    x.signals = signals
    return x
  }
}

export { expandIds } from './grams.ts'
