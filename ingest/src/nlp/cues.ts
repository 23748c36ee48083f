/**
 * Cue-phrase lists (intent, nature, irony) as regexes over " word word ... ", with a cheap
 * pre-check. Each list gets one bit; a word's mask says which lists have a cue whose key word
 * (see keyWord) matches the start of that word. The mask is computed once per distinct word (features.ts caches
 * it), OR-ed over a post, and a list whose bit is unset cannot match, so its regex is skipped:
 * most posts match no cue at all, and scanning a dozen long alternations per post was the
 * analyser's largest cost after tokenising.
 */

import { NEGATORS, STOP_EN, STOP_ES } from './words.ts'

/** A cue split at its spaces outside parentheses: each part must match at a word start. */
export function segments(cue: string): string[] {
  const out: string[] = []
  let depth = 0
  let from = 0
  for (let i = 0; i < cue.length; i++) {
    const ch = cue[i]
    if (ch === '\\') i++
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (ch === ' ' && depth === 0) {
      out.push(cue.slice(from, i))
      from = i + 1
    }
  }
  out.push(cue.slice(from))
  return out.filter((s) => s !== '')
}

// A part that could itself match a space (".", "\s", "[^x]", or a space inside a group) is no key.
const MAY_SPAN = /\\[sSWD]|(?<!\\)\.|\[\^| /
/** Parts whose alternatives are all function words ("no", "the", "(?:mi|el|la)") are in nearly every post. */
const FUNCTION_WORDS = new Set([...STOP_ES, ...STOP_EN, ...NEGATORS])
const isCommon = (part: string) => part.replace(/[()?:]/g, '').split('|').every((w) => FUNCTION_WORDS.has(w))

/** How long a prefix a part asks of a word: its leading letters, or its first group's shortest alternative. A key
 * matches every word that starts with it, so "a" (in "voy a denunciar") would wake its list for "and", "are", "al"… */
function prefixLength(part: string): number {
  const group = /^\(\?:([^()]*)\)/.exec(part)
  if (group) return Math.min(...group[1].split('|').map((alt) => /^[\p{L}'’]*/u.exec(alt)![0].length))
  return /^[\p{L}'’]*/u.exec(part)![0].length
}

/**
 * The part of a cue used as its key: the safe part (one that cannot span a space) asking the longest prefix, preferring
 * parts that are not function words (" is broken" → "broken", "voy a denunciar" → "denunciar"); the first part when
 * none is safe (its list then always runs). Any match of the cue has its key matching at the start of one of the
 * post's words, whichever part is chosen.
 */
export function keyWord(cue: string): string {
  const parts = segments(cue)
  // An optional part ("(?:a|my)?") may match no word at all: never a key.
  const safe = parts.filter((p) => !MAY_SPAN.test(p) && !/[?*]$/.test(p))
  const longest = (ps: string[]) => ps.reduce<string | undefined>((best, p) => (best === undefined || prefixLength(p) > prefixLength(best) ? p : best), undefined)
  return longest(safe.filter((p) => !isCommon(p) && prefixLength(p) >= 3)) ?? longest(safe) ?? parts[0]
}

export class Cue {
  constructor(
    readonly re: RegExp,
    private readonly bit: number,
  ) {}
  /** Same as `re.test(joined)`, skipped when the post's mask rules a match out. */
  test(joined: string, mask: number): boolean {
    if ((mask & this.bit) === 0) return false
    this.re.lastIndex = 0
    return this.re.test(joined)
  }
  /** Number of matches (the regex has the g flag), 0 when ruled out by the mask. */
  count(joined: string, mask: number): number {
    if ((mask & this.bit) === 0) return 0
    return joined.match(this.re)?.length ?? 0
  }
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
    return new Cue(new RegExp(`${start} (?:${list.join('|')})${suffix}`, flags), 1 << b)
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

/** The characters a key can start with; null: cannot tell (a class, an escape, a nested group, an optional start). */
export function firstChars(key: string): (string | null)[] {
  const group = /^\(\?:([^()]*)\)/.exec(key)
  if (group && /^[?*{]/.test(key.slice(group[0].length))) return [null]
  const alts = group ? group[1].split('|') : [key]
  return alts.map((a) => (a === '' || /^[\\[(.|?*+{]/.test(a) || /^.[?*{]/.test(a) ? null : a[0]))
}

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
