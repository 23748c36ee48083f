/**
 * The shipped sentiment/emotion word list (ingest/data/nlp/lexicon.tsv, written for this project).
 * Entries are single normalised words, "prefix*" stems (Spanish inflects a lot: odio/odiamos/odian)
 * or short phrases ("fed up"). Lookups are exact first, then the longest matching prefix.
 */
import fs from 'node:fs'
import path from 'node:path'
import { EMOTIONS, type Emotion } from '@pulso/types'
import { NLP_DATA_DIR } from '../paths.ts'

export interface LexEntry {
  polarity: number
  /** Index into EMOTIONS, or -1. */
  emotion: number
}

export class Lexicon {
  private exact = new Map<string, LexEntry>()
  private prefixes = new Map<string, LexEntry>()
  /** First word → phrases starting with it (rest of the words, entry). */
  readonly phrases = new Map<string, { rest: string[]; entry: LexEntry }[]>()
  /** First three letters of every prefix entry → those prefixes, longest first: a word starting otherwise has no
   * prefix entry (most words); one that does is compared with a few prefixes instead of sliced at every length. */
  private prefixStarts = new Map<string, string[]>()

  constructor(tsv: string, private readonly langs: string[] = ['es', 'en', 'any']) {
    for (const line of tsv.split('\n')) {
      if (!line.trim() || line.startsWith('#')) continue
      const [lang, term, pol, emo] = line.split('\t')
      if (!langs.includes(lang)) continue
      const entry: LexEntry = { polarity: Number(pol), emotion: EMOTIONS.indexOf(emo as Emotion) }
      const words = term.split(' ')
      if (words.length > 1) {
        const list = this.phrases.get(words[0]) ?? []
        list.push({ rest: words.slice(1), entry })
        this.phrases.set(words[0], list)
      } else if (term.endsWith('*')) {
        const p = term.slice(0, -1)
        this.prefixes.set(p, entry)
        const start = this.prefixStarts.get(p.slice(0, 3)) ?? []
        start.push(p)
        start.sort((a, b) => b.length - a.length)
        this.prefixStarts.set(p.slice(0, 3), start)
      } else this.exact.set(term, entry)
    }
  }

  static load(file = path.join(NLP_DATA_DIR, 'lexicon.tsv')): Lexicon {
    return new Lexicon(fs.readFileSync(file, 'utf8'))
  }

  /** Entry for one normalised word (callers cache the result per word). */
  lookup(word: string): LexEntry | undefined {
    const hit = this.exact.get(word)
    if (hit) return hit
    const starts = word.length < 3 ? undefined : this.prefixStarts.get(word.slice(0, 3))
    if (!starts) return undefined
    // The longest prefix entry the word starts with (two entries of one length cannot both be its prefix).
    for (let k = 0; k < starts.length; k++) if (word.startsWith(starts[k])) return this.prefixes.get(starts[k])
    return undefined
  }
}
