/**
 * The shapes the feature extractor hands to the scorers: per-lexeme info (built once, cached by wink-nlp's
 * lexeme id) and one post's features. Kept apart from features.ts, which builds them.
 */
import type { LexEntry } from './lexicon.ts'

/** Dense feature slots (names kept for the weights file and debugging). */
export const DENSE = ['lexPos', 'lexNeg', 'nPos', 'nNeg', 'anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'exclaim', 'question', 'elongated', 'shout', 'negators', 'emoji', 'url', 'mention', 'hashtag', 'length'] as const

/** Token roles, from wink-nlp's token kind (small ints: compared on every token). */
export const enum Role { Word, Hashtag, Emoji, Punct, Url, Mention, Number, Skip }
export const ROLE: Record<string, Role> = { word: Role.Word, hashtag: Role.Hashtag, emoji: Role.Emoji, emoticon: Role.Emoji, punctuation: Role.Punct, url: Role.Url, email: Role.Url, mention: Role.Mention, number: Role.Number }

/** Everything derived from one lexeme, computed once and cached by wink-nlp lexeme id. */
export interface TokInfo {
  role: Role
  /** Punctuation only: 1 "!", 2 "¡", 3 "?", 4 "¿", else 0. */
  punct: number
  norm: string
  elongated: boolean
  shout: boolean
  entry: LexEntry | undefined
  /** Raw hash of the normalised word, and its buckets plain/negated. */
  h: number
  uni: number
  neg: number
  /** Static extra buckets: char n-grams for words, the camelCase words of a hashtag. */
  chars: Int32Array
  spanishMark: boolean
  /** Closed-class roles, looked up once per word rather than once per occurrence. */
  negator: boolean
  breaker: boolean
  /** Ends a clause for per-entity sentiment: , . ; : ! ? and contrast words (pero, but, mientras, while…). */
  bound: boolean
  /** Function-word vote for language detection: +1 Spanish, -1 English, 0 neither/both. */
  langVote: number
  intensity: number
  phrases: { rest: string[]; entry: LexEntry }[] | undefined
  /** Cue lists this word can start (cues.ts): lets the intent/irony rules skip most regexes. */
  cues: number
  /** Dense number per cached token (per tokenizer generation): where the Scorer pools its sums. */
  slot: number
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
