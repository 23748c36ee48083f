/**
 * The shapes the feature extractor hands to the scorers: per-lexeme info (built once, cached by wink-nlp's
 * lexeme id) and one post's features. Kept apart from features.ts, which builds them.
 */
import type { LexEntry } from './lexicon.ts'
import { INTENSIFIERS } from './words.ts'

/** Dense feature slots (names kept for the weights file and debugging). */
export const DENSE = ['lexPos', 'lexNeg', 'nPos', 'nNeg', 'anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'exclaim', 'question', 'elongated', 'shout', 'negators', 'emoji', 'url', 'mention', 'hashtag', 'length'] as const

/** Token roles, from wink-nlp's token kind (small ints: compared on every token). */
export const enum Role { Word, Hashtag, Emoji, Punct, Url, Mention, Number, Skip }
export const ROLE: Record<string, Role> = { word: Role.Word, hashtag: Role.Hashtag, emoji: Role.Emoji, emoticon: Role.Emoji, punctuation: Role.Punct, url: Role.Url, email: Role.Url, mention: Role.Mention, number: Role.Number }

/** The word list's distinct intensities: a token keeps a small index into this (0: none, 1). */
const INTENSITIES = [1, ...new Set([...INTENSIFIERS.values()].filter((v) => v !== 1))]
const ELONGATED = 1 << 6, SHOUT = 1 << 7, SPANISH_MARK = 1 << 8, NEGATOR = 1 << 9, BREAKER = 1 << 10, BOUND = 1 << 11

/** `TokInfo.bits` from its parts (bits 0-2 role, 3-5 punct, 6-11 flags, 12-13 langVote + 1, 14-18 intensity index). */
export function tokBits(role: Role, punct: number, elongated: boolean, shout: boolean, spanishMark: boolean, negator: boolean, breaker: boolean, bound: boolean, langVote: number, intensity: number): number {
  const k = INTENSITIES.indexOf(intensity)
  if (k < 0 || k > 31 || langVote < -1 || langVote > 1 || punct > 7) throw new Error('tokBits: value out of range')
  return role | (punct << 3) | (elongated ? ELONGATED : 0) | (shout ? SHOUT : 0) | (spanishMark ? SPANISH_MARK : 0) | (negator ? NEGATOR : 0) | (breaker ? BREAKER : 0) | (bound ? BOUND : 0) | ((langVote + 1) << 12) | (k << 14)
}

/**
 * Everything derived from one lexeme, computed once and cached by wink-nlp lexeme id. Read for every token of every
 * post, mostly from memory: the small fields sit packed in one int (`bits`) and every field holds a small int or a
 * pointer, so the record is 10 fields (2 cache lines) instead of 19 (3); a field that ever holds a double (an
 * unsigned hash, an intensity of 1.5) makes V8 box it in every record. The getters keep the old names.
 */
export class TokInfo {
  constructor(
    /** tokBits(): role, punct, flags, langVote, intensity. */
    readonly bits: number,
    /** Cue lists this word can start (cues.ts): lets the intent/irony rules skip most regexes. */
    readonly cues: number,
    /** Raw hash of the normalised word (signed: a Smi), for word pairs. */
    readonly h: number,
    readonly norm: string,
    readonly entry: LexEntry | undefined,
    readonly phrases: { rest: string[]; entry: LexEntry }[] | undefined,
    /** Dense number per cached token (per tokenizer generation): where the Scorer pools its sums. */
    readonly slot: number,
    /** Buckets of the unigram plain and negated. */
    readonly uni: number,
    readonly neg: number,
    /** Static extra buckets: char n-grams for words, the camelCase words of a hashtag. */
    readonly chars: Int32Array,
  ) {}
  get role(): Role {
    return this.bits & 7
  }
  /** Punctuation only: 1 "!", 2 "¡", 3 "?", 4 "¿", else 0. */
  get punct(): number {
    return (this.bits >>> 3) & 7
  }
  /** The token had a letter repeated 3+ times; all upper case. */
  get elongated(): boolean {
    return (this.bits & ELONGATED) !== 0
  }
  get shout(): boolean {
    return (this.bits & SHOUT) !== 0
  }
  get spanishMark(): boolean {
    return (this.bits & SPANISH_MARK) !== 0
  }
  /** Closed-class roles, looked up once per word rather than once per occurrence. */
  get negator(): boolean {
    return (this.bits & NEGATOR) !== 0
  }
  get breaker(): boolean {
    return (this.bits & BREAKER) !== 0
  }
  /** Ends a clause for per-entity sentiment: , . ; : ! ? and contrast words (pero, but, mientras, while…). */
  get bound(): boolean {
    return (this.bits & BOUND) !== 0
  }
  /** Function-word vote for language detection: +1 Spanish, -1 English, 0 neither/both. */
  get langVote(): number {
    return ((this.bits >>> 12) & 3) - 1
  }
  get intensity(): number {
    return INTENSITIES[this.bits >>> 14]
  }
}

/**
 * One post's features. The extractor reuses this object (and its arrays) for the next post,
 * so per-post work allocates almost nothing: copy what must outlive the next `extract()`.
 */
export interface Extracted {
  /** Context features: bias, punctuation, URL/mention/number markers, word-list bins, language. */
  ids: number[]
  /** Word/hashtag/emoji tokens and whether each is in a negation scope; their own features
   * (unigram, char n-grams) are fixed per token, so scorers can cache their weight sums. */
  toks: TokInfo[]
  negs: boolean[]
  /** Per token, for per-entity sentiment (targets.ts): word-list polarity after negation, clause number,
   * word-pair feature bucket (-1 none). */
  pols: number[]
  clause: number[]
  bis: number[]
  /** @mentions (normalised, without "@") and the token index they precede: entities are often named so. */
  mentions: string[]
  mentionAt: number[]
  dense: Float64Array
  /** Lexicon polarity sum (signed) and per-emotion sums, before any model. */
  lexScore: number
  lexEmotions: Float64Array
  /** Tokenizer generation (token slots are reassigned when it changes) and slots handed out so far. */
  generation: number
  slots: number
  /** Normalised words, hashtags without "#", emoji; for rules and language votes. */
  words: string[]
  /** OR of the words' cue masks (cues.ts). */
  cues: number
  /** Votes from letters only Spanish uses (ñ, accents, ¿ ¡). */
  spanishMarks: number
  /** Sum of function-word votes: > 0 leans Spanish, < 0 English. */
  langVotes: number
  negators: number
  wordCount: number
  /** Tokens that carry any signal (words, emoji, hashtags, ! ?, URLs, mentions, numbers). */
  signals: number
}
