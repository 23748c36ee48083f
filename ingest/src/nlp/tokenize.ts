/**
 * wink-nlp as the tokeniser, trimmed to tokenisation only (empty pipe): the full pipeline
 * (sbd, pos, ner, sentiment) is 3-4x slower and we score posts with our own model.
 *
 * wink-nlp adds every unseen token (very common in Spanish text: wink's lexicon is English)
 * to a per-instance cache that never shrinks. To keep memory flat over millions of posts we
 * watch that cache and rebuild the instance once it has grown by `maxUnseen` lexemes.
 */
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'

/** Token kinds we care about, from wink-nlp's `its.type`. */
export type TokenKind = 'word' | 'number' | 'emoji' | 'emoticon' | 'hashtag' | 'mention' | 'url' | 'email' | 'punctuation' | 'symbol' | 'other'

/**
 * One post's tokens, read from wink-nlp in a single pass: only the lexeme id per token.
 * A lexeme's text and kind never change, so callers cache what they derive per id and ask for
 * `value`/`kind` only on a cache miss. Valid until the next `tokenize()` call (reused object).
 */
export interface Tokens {
  /** wink-nlp's lexeme id per token ("can't" gives two: "ca", "n't"). */
  readonly ids: number[]
  /** Text of a lexeme (wink-nlp's own lexeme list: no copy). */
  value(id: number): string
  /** Kind of the token at position `i`; reads every kind of the post in one go, at most once. */
  kind(i: number): TokenKind
  /** Changes whenever wink-nlp is rebuilt (lexeme ids are then reassigned). */
  readonly generation: number
}

/** Rebuild wink-nlp after this many lexemes were added for unseen tokens (~100 B each). */
export const DEFAULT_MAX_UNSEEN = 100_000

type Nlp = ReturnType<typeof winkNLP>

// wink-eng-lite-web-model's metaCER() re-stringifies a module-level value on every call, so the
// string doubles in escapes each time an instance is built: after ~20 rebuilds it throws
// "Invalid string length". We only call it once per process and hand the result to every rebuild.
let metaCER: unknown
const metaCEROnce = () => (metaCER ??= (model as any).metaCER())

export class Tokenizer implements Tokens {
  private nlp!: Nlp
  private its!: Nlp['its']
  /** wink-nlp's internal lexeme list: we only read its length to bound the cache. */
  private lexemes!: unknown[]
  private intrinsic = 0
  private checkEvery = 0
  /** How many times the wink-nlp instance was rebuilt (exposed for benchmarks and tests). */
  rebuilds = 0

  constructor(private readonly maxUnseen = DEFAULT_MAX_UNSEEN) {
    this.build()
  }

  private build(): void {
    // `core()` deep-copies the bundled model, so a new instance starts with a clean cache.
    // We wrap it to keep a handle on the copy and observe how much the cache has grown.
    let core: any
    const wrapped = { ...model, core: () => (core = (model as any).core()), metaCER: metaCEROnce }
    this.nlp = winkNLP(wrapped as any, [])
    this.its = this.nlp.its
    this.lexemes = core.features.lexeme.list
    this.intrinsic = core.features.lexeme.intrinsicSize
  }

  /** Lexemes wink-nlp has added for unseen tokens since the last rebuild. */
  get unseen(): number {
    return this.lexemes.length - this.intrinsic
  }

  // Current post (see Tokens): reused across calls so a post allocates only its id list.
  ids: number[] = []
  private doc: ReturnType<Nlp['readDoc']> | null = null
  private kinds: TokenKind[] | null = null
  get generation(): number {
    return this.rebuilds
  }

  value(id: number): string {
    return this.lexemes[id] as string
  }

  kind(i: number): TokenKind {
    return (this.kinds ??= this.doc!.tokens().out(this.its.type) as TokenKind[])[i]
  }

  tokenize(text: string): Tokens {
    // Checking the length is cheap, but there is no need to do it on every post.
    if (++this.checkEvery >= 256) {
      this.checkEvery = 0
      if (this.unseen > this.maxUnseen) {
        this.build()
        this.rebuilds++
      }
    }
    // `its.uniqueId` is the cheapest accessor (one array read per token); values and kinds
    // come from the lexeme id (see value/kind), so wink-nlp is walked once, not three times.
    this.doc = this.nlp.readDoc(text)
    this.kinds = null
    this.ids = this.doc.tokens().out(this.its.uniqueId) as unknown as number[]
    return this
  }
}
