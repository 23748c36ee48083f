/**
 * Cue-phrase lists (intent, nature, irony) as regexes over " word word ... ", with a cheap
 * pre-check. Each list gets one bit; a word's mask says which lists have a cue whose key word
 * (cue-keys.ts) matches the start of that word. The mask is computed once per distinct word (features.ts caches
 * it), OR-ed over a post, and a list whose bit is unset cannot match, so its regex is skipped:
 * most posts match no cue at all, and scanning a dozen long alternations per post was the
 * analyser's largest cost after tokenising.
 */

import { firstChars, keyWord, MAY_SPAN } from './cue-keys.ts'

export class Cue {
  /** The post's words the regex last ran on, and its answer: the rules ask some lists twice per post. */
  private lastText = ''
  private lastAnswer = false
  constructor(
    readonly re: RegExp,
    private readonly bit: number,
    /** The same cues as `re` for test(), split by first letter (byFirstLetter). */
    private readonly quick: RegExp = re,
  ) {}
  /** Same as `re.test(joined)`, skipped when the post's mask rules a match out. */
  test(joined: string, mask: number): boolean {
    if ((mask & this.bit) === 0) return false
    if (joined === this.lastText) return this.lastAnswer
    this.quick.lastIndex = 0
    this.lastAnswer = this.quick.test(joined)
    this.lastText = joined
    return this.lastAnswer
  }
  /** Number of matches (the regex has the g flag), 0 when ruled out by the mask. */
  count(joined: string, mask: number): number {
    if ((mask & this.bit) === 0) return 0
    return joined.match(this.re)?.length ?? 0
  }
}

/**
 * The cues as one alternation grouped by their first letter ("no funciona|no sirve|nadie…" → "n(?:o funciona|o
 * sirve|adie…)|…"), for a yes/no test: the regex engine tried each of a list's ~150 cues at every word start, and
 * now tries only those starting with that word's letter (a cue opening with a group, class or escape stays as it
 * is). Whether the alternation matches does not depend on its order, so only test() uses it: count() keeps the
 * written order, which decides which of two overlapping cues a global match takes.
 */
export function byFirstLetter(list: string[]): string {
  const groups = new Map<string, string[]>()
  const rest: string[] = []
  for (const cue of list) {
    if (/^[\p{L}\p{N}' ]/u.test(cue) && cue.charCodeAt(0) < 0xd800 && !/^.[?*+{]/u.test(cue) && !hasTopLevelBar(cue)) groups.set(cue[0], [...(groups.get(cue[0]) ?? []), cue.slice(1)])
    else rest.push(cue)
  }
  return [...[...groups].map(([c, tails]) => `${c}(?:${tails.join('|')})`), ...rest].join('|')
}

/** Does a cue have a "|" outside parentheses (then its first letter is not that of all its alternatives)? */
function hasTopLevelBar(cue: string): boolean {
  let depth = 0
  for (let i = 0; i < cue.length; i++) {
    if (cue[i] === '\\') i++
    else if (cue[i] === '(') depth++
    else if (cue[i] === ')') depth--
    else if (cue[i] === '|' && depth === 0) return true
  }
  return false
}

export class CueIndex {
  private firsts: RegExp[] = []
  private always = 0
  /** First letter → bits of the lists with a key starting with it; `anyFirst`: lists with a key that may start with
   * anything (a class, an escape). A new word only runs the key regexes of the lists its first letter can start. */
  private byFirst = new Map<string, number>()
  private anyFirst = 0

  /** Registers a list; `suffix` is appended to the regex (e.g. " " for whole-phrase matches),
   * `start` is "^" for cues that only count as the post's first words. */
  add(list: string[], flags = '', suffix = '', start = ''): Cue {
    const b = this.firsts.length
    if (b >= 31) throw new Error('CueIndex: at most 31 lists')
    const heads = list.map(keyWord)
    if (heads.some((h) => MAY_SPAN.test(h))) this.always |= 1 << b
    for (const h of heads) for (const c of firstChars(h)) {
      if (c === null) this.anyFirst |= 1 << b
      else this.byFirst.set(c, (this.byFirst.get(c) ?? 0) | (1 << b))
    }
    this.firsts.push(new RegExp(`^ (?:${heads.join('|')})`))
    const quick = new RegExp(`${start} (?:${byFirstLetter(list)})${suffix}`, flags.replace('g', ''))
    return new Cue(new RegExp(`${start} (?:${list.join('|')})${suffix}`, flags), 1 << b, quick)
  }

  /** Bits of the lists that have a cue starting like `word` (a normalised word). */
  mask(word: string): number {
    let m = this.always
    const maybe = (this.anyFirst | (this.byFirst.get(word[0]) ?? 0)) & ~m
    if (maybe === 0) return m
    const s = ' ' + word
    for (let b = 0; b < this.firsts.length; b++) if (maybe & (1 << b) && this.firsts[b].test(s)) m |= 1 << b
    return m
  }
}

/** The one index shared by intent.ts and irony.ts, so a word's mask covers both. */
export const CUES = new CueIndex()

/**
 * A post's words as the cue regexes read them, " w1 w2 … wn ", built at most once per post (one join), and any run
 * of them [from, to) as a slice of that string: the per-entity spans test the same rules on their own words, and a
 * join per span (or a template around a join, a cons string the first regex then copies flat) cost more than the
 * regexes. `reset` with each post's words (the array may be reused: the text is rebuilt lazily).
 */
export class SpacedWords {
  private words: readonly string[] = []
  private text = ''
  /** Index of the space before word k; at[n] is the closing space. */
  private readonly at: number[] = []
  /** '', the words, '': joined by spaces. */
  private readonly parts: string[] = []
  private built = false

  /** A new one for these words (the caller that analyses many posts keeps one and resets it instead). */
  static of(words: readonly string[]): SpacedWords {
    const s = new SpacedWords()
    s.reset(words)
    return s
  }

  reset(words: readonly string[]): void {
    this.words = words
    this.built = false
  }

  private build(): void {
    const w = this.words
    const at = this.at
    const parts = this.parts
    let p = 0
    parts[0] = ''
    for (let k = 0; k < w.length; k++) {
      at[k] = p
      p += w[k].length + 1
      parts[k + 1] = w[k]
    }
    at[w.length] = p
    parts[w.length + 1] = ''
    parts.length = w.length + 2
    // One join with empty ends gives one flat string: slices of it are views, and no regex flattens a cons string.
    this.text = w.length ? parts.join(' ') : '  '
    this.built = true
  }

  /** " w1 … wn " for every word of the post. */
  all(): string {
    if (!this.built) this.build()
    return this.text
  }

  /** " wi … wj " for words [from, to): the same string as joining them, as a view into `all()`. */
  range(from: number, to: number): string {
    if (to <= from) return '  '
    if (!this.built) this.build()
    return from === 0 && to === this.words.length ? this.text : this.text.slice(this.at[from], this.at[to] + 1)
  }
}
