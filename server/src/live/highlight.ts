/**
 * Marks entity terms in a post's text for the live feed. Matching folds case and accents like the entity matcher
 * (ingest/src/entities.ts), on word boundaries; the runs keep the original text.
 */
import { escapeRegExp } from '@pulso/ingest'

/** Lower-case and strip accents one UTF-16 unit at a time, so indices in the folded text are indices in the original. */
function fold(text: string): string {
  let out = ''
  for (const ch of text) {
    const f = ch.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()
    // Keep the length: a character whose folding changes length (rare ligatures) stays as it was.
    out += f.length === ch.length ? f : ch
  }
  return out
}


/** One regex for a set of terms: words also match as #hashtag and @mention; "quoted phrases" match whole. */
export function termPattern(terms: string[]): RegExp | null {
  const alts = terms
    .map((t) => fold(t.replace(/"/g, '').trim()))
    .filter(Boolean)
    .map((t) => (/^[#@]/.test(t) ? escapeRegExp(t) : `[#@]?${escapeRegExp(t)}`))
    // Longest first, so "elena ruiz" wins over "ruiz".
    .sort((a, b) => b.length - a.length)
  if (!alts.length) return null
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alts.join('|')})(?![\\p{L}\\p{N}_])`, 'gu')
}

export function highlight(text: string, pattern: RegExp | null): { text: string; mark: boolean }[] {
  if (!pattern) return [{ text, mark: false }]
  const runs: { text: string; mark: boolean }[] = []
  let last = 0
  for (const m of fold(text).matchAll(pattern)) {
    const start = m.index ?? 0
    if (start > last) runs.push({ text: text.slice(last, start), mark: false })
    runs.push({ text: text.slice(start, start + m[0].length), mark: true })
    last = start + m[0].length
  }
  if (last < text.length) runs.push({ text: text.slice(last), mark: false })
  return runs
}
