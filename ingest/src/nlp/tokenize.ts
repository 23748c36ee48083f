/**
 * wink-nlp as the tokeniser, called directly: its own tokenizer (split on spaces, category regexes,
 * punctuation peeling, recursive splitting, contraction expansion, its token types for emoji,
 * hashtags, mentions, URLs...) fed by a small document object of ours instead of `readDoc()`.
 * `readDoc` builds a document (rdd, wrapper closures, Doc API object) per post and a token
 * reader per `tokens().out()`; for a tokenize-only pipe that scaffolding costs about as much as
 * the tokenising itself. Here a post costs wink's tokenizer plus one Map lookup per token.
 *
 * Unseen tokens: wink-nlp adds every token missing from its (English) lexicon to a per-instance
 * cache that never shrinks. We keep wink's lexicon read-only and give unseen tokens ids in a cache
 * of ours, which is simply cleared once it holds `maxUnseen` tokens: memory stays flat over
 * endless streams, with no wink instance to rebuild.
 */
import { createRequire } from 'node:module'
import model from 'wink-eng-lite-web-model'
import { SpanMemo } from './chunks.ts'
import { FNV_SEED, fnvStep, hashString } from './hash.ts'
import { checkCategories, fastChunk } from './wink-fast.ts'

const require = createRequire(import.meta.url)
// wink-nlp's internals (CommonJS, no typings): the same modules readDoc() uses.
const winkTokenizer = require('wink-nlp/src/tokenizer.js')
const compileTRex = require('wink-nlp/src/compile-trex.js')
const WinkCache = require('wink-nlp/src/cache.js')

/** Token kinds we care about, wink-nlp's token categories (`its.type`). */
export type TokenKind = 'word' | 'number' | 'emoji' | 'emoticon' | 'hashtag' | 'mention' | 'url' | 'email' | 'punctuation' | 'symbol' | 'other'

/**
 * One post's tokens: one id per token. An id's text and kind never change (until `generation`
 * changes), so callers cache what they derive per id and ask for `value`/`kind` only on a miss.
 * Valid until the next `tokenize()` call (reused object).
 */
export interface Tokens {
  /** wink-nlp's lexeme id per token ("can't" gives two: "ca", "n't"); unseen tokens get ids past wink's lexicon. */
  readonly ids: number[]
  /** Text of a token id. */
  value(id: number): string
  /** Kind of the token at position `i`. */
  kind(i: number): TokenKind
  /** Changes whenever the unseen-token cache is cleared (those ids are then reused). */
  readonly generation: number
}

/** Clear the unseen-token cache once it holds this many tokens (~150 B each with the per-id caches). */
export const DEFAULT_MAX_UNSEEN = 100_000

// One read-only copy of wink's English model per process: `core()` deep-copies it, and we never
// add to it (unseen tokens live in our cache), so every Tokenizer can share it.
interface Shared { cache: any; tokenize: (doc: object, text: string) => void; intrinsic: number; lexemes: string[]; byHash: SpanMemo; catNames: string[] }
let shared: Shared | undefined
function loadShared(): Shared {
  if (shared) return shared
  const core = (model as any).core()
  const cache = WinkCache(core, (model as any).featureFn)
  const lexemes: string[] = core.features.lexeme.list
  const intrinsic: number = core.features.lexeme.intrinsicSize
  // wink's lexemes, the last id of a repeated text kept (a Map only to build the table below). Contractions
  // ("can't" → "ca" "n't") are stored as -1 - id and expanded by wink's own lookup().
  const known = new Map<string, number>()
  for (let id = 0; id < intrinsic; id++) {
    const t = cache.lookup(lexemes[id])
    known.set(lexemes[id], t.length > 1 ? -1 - id : id)
  }
  // Probed by FNV hash (the one the tokenizer computes while scanning): a new chunk's look-up misses after one
  // typed-array probe, where a miss in an 87k-entry Map hashed the fresh string and walked a bucket chain.
  const byHash = new SpanMemo(known.size)
  for (const [text, id] of known) byHash.set(text, fnv(text), id)
  checkCategories(core.tcat.hash)
  const trex = compileTRex(core.trex)
  const tokenize = winkTokenizer(trex, core.tcat.hash, core.preserve)
  return (shared = { cache, tokenize, intrinsic, lexemes, byHash, catNames: core.tcat.list })
}

export class Tokenizer implements Tokens {
  private readonly s = loadShared()
  /** Unseen tokens: text → id (ids from `s.intrinsic` up, by FNV hash as for wink's lexicon), and back. */
  private readonly unseenIds: SpanMemo
  private unseenText: string[] = []
  private unseenCat: number[] = []
  /** How many times the unseen-token cache was cleared (exposed for benchmarks and tests). */
  rebuilds = 0
  ids: number[] = []

  constructor(private readonly maxUnseen = DEFAULT_MAX_UNSEEN) {
    // Chunks outnumber lexemes ("hola", "hola,", "¡hola"): room for two per unseen lexeme.
    this.chunks = new SpanMemo(2 * maxUnseen)
    // A post may add tokens past `maxUnseen` before the next clear: room for a long one.
    this.unseenIds = new SpanMemo(maxUnseen + 4096)
  }

  /** Tokens held in the unseen-token cache. */
  get unseen(): number {
    return this.unseenText.length
  }
  get generation(): number {
    return this.rebuilds
  }

  value(id: number): string {
    return id < this.s.intrinsic ? this.s.lexemes[id] : this.unseenText[id - this.s.intrinsic]
  }

  kind(i: number): TokenKind {
    const id = this.ids[i]
    if (id < this.s.intrinsic) return this.s.cache.property(id, 'tokenType')
    return this.s.catNames[this.unseenCat[id - this.s.intrinsic]] as TokenKind
  }

  /** wink's lexicon entry for `text` (a negative id: a contraction wink's cache splits), or undefined. */
  private lexeme(text: string): number | undefined {
    return this.s.byHash.get(text, 0, text.length, fnv(text))
  }

  /** Id of a known token, or undefined (wink's lexicon first, then the unseen cache); `h`: fnv(text). */
  private find(text: string, h: number): number | undefined {
    return this.s.byHash.get(text, 0, text.length, h) ?? this.unseenIds.get(text, 0, text.length, h)
  }

  // The document interface wink's tokenizer writes to (dd-wrapper.js in wink-nlp): arrow
  // functions so wink can call them detached. Preceding spaces are not kept: we never rebuild text.
  private readonly doc = {
    _addToken: (text: string, category: number): boolean => {
      const h = fnv(text)
      let id = this.find(text, h)
      if (id === undefined) {
        id = this.s.intrinsic + this.unseenText.length
        // Full only within a huge post: a repeat then gets another id (same text, same features).
        if (!this.unseenIds.full) this.unseenIds.set(text, h, id)
        this.unseenText.push(text)
        this.unseenCat.push(category)
      } else if (id < 0) id = -1 - id // a contraction added whole keeps its own lexeme, as in wink
      this.ids.push(id)
      return true
    },
    _addTokenIfInCache: (text: string): number => {
      const id = this.lexeme(text)
      if (id === undefined) return 0
      if (id >= 0) this.ids.push(id)
      else {
        const t = this.s.cache.lookup(text)
        for (let k = 0; k < t.length; k += 4) this.ids.push(t[k])
      }
      return 99
    },
    isLexeme: (text: string): boolean => this.lexeme(text) !== undefined,
  }

  /** Memo of wink's output per space-separated chunk ("hola," → ids of "hola" ","): wink
   * tokenises chunks independently, so a repeated chunk costs one probe instead of wink's
   * lexicon lookups, category regexes and punctuation peeling. Cleared with the unseen cache. */
  private readonly chunks: SpanMemo
  /** Chunk outputs of more than one token: the memo stores -1 - index into this list. */
  private multi: number[][] = []

  tokenize(text: string): Tokens {
    if (this.unseenText.length > this.maxUnseen || this.chunks.full) this.clear()
    this.ids.length = 0
    // wink's own first step (tokenizer.js) is `split` on runs of spaces (dropped) or of line
    // breaks (kept as tokens); we scan for the same runs and hash each chunk on the way.
    const n = text.length
    let i = 0
    while (i < n) {
      let c = text.charCodeAt(i)
      if (isSpace(c)) {
        i++
        continue
      }
      const start = i
      let h = FNV_SEED
      const br = isBreak(c)
      do {
        h = fnvStep(h, c)
        if (++i === n) break
        c = text.charCodeAt(i)
      } while (br ? isBreak(c) : !isSpace(c) && !isBreak(c))
      this.chunk(text, start, i, h)
    }
    return this
  }

  private chunk(text: string, start: number, end: number, h: number): void {
    const ids = this.ids
    const hit = this.chunks.get(text, start, end, h)
    if (hit !== undefined) {
      if (hit >= 0) ids.push(hit)
      else {
        const m = this.multi[-1 - hit]
        for (let k = 0; k < m.length; k++) ids.push(m[k])
      }
      return
    }
    const t = text.slice(start, end)
    const first = ids.length
    this.winkChunk(t, h)
    if (this.chunks.full) return // a huge post filled it: memoise again after the next clear
    if (ids.length - first === 1) this.chunks.set(t, h, ids[first])
    else {
      this.chunks.set(t, h, -1 - this.multi.length)
      this.multi.push(ids.slice(first))
    }
  }

  /** wink's tokenizer on one chunk, unless wink-fast.ts knows its outcome (most new chunks: plain words, "word,",
   * "#tag", "@handle", "2024"); a chunk in wink's lexicon takes wink's own cache path. `h`: fnv(t). */
  private winkChunk(t: string, h: number): void {
    if (this.s.byHash.get(t, 0, t.length, h) !== undefined || !fastChunk(t, this.doc._addToken)) this.s.tokenize(this.doc, t)
  }

  private clear(): void {
    this.unseenIds.clear()
    this.unseenText = []
    this.unseenCat = []
    this.chunks.clear()
    this.multi = []
    this.rebuilds++
  }
}

/** FNV-1a of a whole string as the chunk scan computes it (signed: what SpanMemo stores). */
const fnv = (text: string): number => hashString(text) | 0

// wink's splitter: `([ \u00a0\u2002-\u2005\u2009\u200a\u202f\u205f]+|[\n\r\t]+)`.
const isSpace = (c: number): boolean => c === 32 || (c > 127 && (c === 0xa0 || (c >= 0x2002 && c <= 0x2005) || c === 0x2009 || c === 0x200a || c === 0x202f || c === 0x205f))
const isBreak = (c: number): boolean => c === 10 || c === 13 || c === 9
