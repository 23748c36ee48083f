/**
 * The key of a cue (cues.ts): one part of it that any match must carry at the start of one of the post's words. A
 * post none of whose words starts with a key of some list cannot match that list, so the list's regex is skipped;
 * the rarer the keys, the more posts skip it. Keys only decide what is skipped, never what a cue matches.
 */
import { NEGATORS, STOP_EN, STOP_ES } from './words.ts'

/**
 * A cue split at its spaces outside parentheses: each part must match at a word start. A leading group of whole
 * words with a count ("(?:\\S+ ){0,2}claim", "(?:more )?nice") is a part of its own: every one of its
 * alternatives ends with a space, so what follows it starts a word too, and can be the key.
 */
export function segments(cue: string): string[] {
  const out: string[] = []
  let depth = 0
  let from = 0
  let open = -1
  for (let i = 0; i < cue.length; i++) {
    const ch = cue[i]
    if (ch === '\\') i++
    else if (ch === '(') {
      if (depth++ === 0) open = i
    } else if (ch === ')') {
      if (--depth === 0 && open === from) {
        const end = wordsGroupEnd(cue, open, i)
        if (end > 0) {
          out.push(cue.slice(from, end))
          from = end
          i = end - 1
        }
      }
    } else if (ch === ' ' && depth === 0) {
      out.push(cue.slice(from, i))
      from = i + 1
    }
  }
  out.push(cue.slice(from))
  return out.filter((s) => s !== '')
}

/** End of `(?:a |b c ){m,n}` opened at `open` and closed at `close`, counter included, when every alternative is
 * plain words ending with a space and a counter follows; 0 otherwise (nested groups and classes are not read). */
function wordsGroupEnd(cue: string, open: number, close: number): number {
  const body = cue.slice(open, close)
  if (!body.startsWith('(?:') || /[()[\]]/.test(body.slice(3))) return 0
  if (!body.slice(3).split('|').every((alt) => alt.endsWith(' ') && !alt.endsWith('\\ '))) return 0
  const counter = /^(?:[?*+]|\{\d+(?:,\d*)?\})\??/.exec(cue.slice(close + 1))
  return counter ? close + 1 + counter[0].length : 0
}

/** A part without its lookarounds ("should(?! (?:i|we) )" → "should"): they match no characters, so the part's
 * match still starts with what is left, and a space inside one does not make the part span words. */
export function withoutLookarounds(part: string): string {
  let out = ''
  for (let i = 0; i < part.length; i++) {
    if (part[i] === '\\') {
      out += part.slice(i, i + 2)
      i++
    } else if (/^\(\?<?[=!]/.test(part.slice(i, i + 4))) {
      let depth = 0
      for (; i < part.length; i++) {
        if (part[i] === '\\') i++
        else if (part[i] === '(') depth++
        else if (part[i] === ')' && --depth === 0) break
      }
    } else out += part[i]
  }
  return out
}

// A part that could itself match a space (".", "\s", "[^x]", or a space inside a group) is no key.
export const MAY_SPAN = /\\[sSWD]|(?<!\\)\.|\[\^| /
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
 * parts that are not function words (" is broken" → "broken", "voy a denunciar" → "denunciar", "it 'd be" → "'d"); the
 * first part when none is safe (its list then always runs). Any match of the cue has its key matching at the start of
 * one of the post's words, whichever part is chosen.
 */
export function keyWord(cue: string): string {
  const parts = segments(cue).map(withoutLookarounds)
  // An optional part ("(?:a|my)?") may match no word at all: never a key.
  const safe = parts.filter((p) => p !== '' && !MAY_SPAN.test(p) && !/[?*]$/.test(p) && !/^[?*+{]/.test(p))
  // Between function words of one length, a negator ("no", "not") is in more posts: "no va " → "va".
  const better = (p: string, best: string) => prefixLength(p) > prefixLength(best) || (prefixLength(p) === prefixLength(best) && NEGATORS.has(best) && !NEGATORS.has(p))
  const longest = (ps: string[]) => ps.reduce<string | undefined>((best, p) => (best === undefined || better(p, best) ? p : best), undefined)
  const rare = safe.filter((p) => !isCommon(p))
  return longest(rare.filter((p) => prefixLength(p) >= 3)) ?? longest(rare.filter((p) => prefixLength(p) >= 2)) ?? longest(safe) ?? parts[0]
}

/** The characters a key can start with; null: cannot tell (a class, an escape, a nested group, an optional start). */
export function firstChars(key: string): (string | null)[] {
  const group = /^\(\?:([^()]*)\)/.exec(key)
  if (group && /^[?*{]/.test(key.slice(group[0].length))) return [null]
  const alts = group ? group[1].split('|') : [key]
  return alts.map((a) => (a === '' || /^[\\[(.|?*+{]/.test(a) || /^.[?*{]/.test(a) ? null : a[0]))
}
