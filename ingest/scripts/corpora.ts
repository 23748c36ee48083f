/**
 * Training corpora for `npm run train`, read from the shared data (never copied): every file here is a
 * train split (the val/dev splits and the evaluation-only airline set are never read by training).
 */
import fs from 'node:fs'
import path from 'node:path'
import { sharedDataDir } from '../src/paths.ts'
import { readTsv, type Example } from './data.ts'

/** A training post and where it came from (the cross-validation scores per source). */
export interface Sourced extends Example { src: string }

const tag = (src: string, ex: Example[]): Sourced[] => ex.map((e) => ({ ...e, src }))

/** Text compared for duplicates: case, URLs, mentions, '#' and punctuation ignored (as the data README checks). */
export const dedupeKey = (t: string) => t.toLowerCase().replace(/https?:\/\/\S+|@\w+|#/g, '').replace(/[^\p{L}\p{N}\s]/gu, '').replace(/\s+/g, ' ').trim()

/** Sentiment: UMSAB (balanced, the val splits' own distribution) first, then the larger corpora without
 * the posts UMSAB already has (TASS 2020 and SemEval share ≈1,600 with it: left in, cross-validation would
 * score posts whose copies were trained on). */
export function sentimentTrain(): Sourced[] {
  const umsab = [...tag('umsab', readTsv('sentiment/umsab_es_train.tsv', 'es')), ...tag('umsab', readTsv('sentiment/umsab_en_train.tsv', 'en'))]
  const seen = new Set(umsab.map((e) => dedupeKey(e.text)))
  const fresh = (e: Sourced) => !seen.has(dedupeKey(e.text)) && (seen.add(dedupeKey(e.text)), true)
  return [
    ...umsab,
    ...[    ...tag('semeval', readTsv('sentiment/semeval2013-16_en_train.tsv', 'en')),
    ...tag('valence', readTsv('sentiment/semeval2018_valence_en_train.tsv', 'en')),
    ...tag('valence', readTsv('sentiment/semeval2018_valence_es_train.tsv', 'es')),
    ...tag('tass_general', readTsv('sentiment/tass_general_es_train.tsv', 'es')),
    ...tag('intertass', readTsv('sentiment/intertass2017_es_train.tsv', 'es')),
    ...['es', 'cr', 'mx', 'pe', 'uy'].flatMap((c) => tag(`tass2020_${c}`, readTsv(`sentiment/tass2020_${c}_es_train.tsv`, 'es'))),
    ].filter(fresh),
  ]
}

// SemEval-2018 E-c's eleven labels folded into Pulso's six emotions (love and optimism read as joy,
// pessimism as sadness; anticipation and trust have no counterpart and count as none).
const EC_MAP: Record<string, string> = { anger: 'anger', disgust: 'disgust', fear: 'fear', joy: 'joy', love: 'joy', optimism: 'joy', pessimism: 'sadness', sadness: 'sadness', surprise: 'surprise' }
const TWEETEVAL_MAP: Record<string, string> = { anger: 'anger', joy: 'joy', optimism: 'joy', sadness: 'sadness' }

/** A multi-label E-c post becomes one example per distinct mapped emotion, each weighted 1/k. */
function ecTrain(lang: 'es' | 'en'): (Sourced & { weight: number })[] {
  const file = path.join(sharedDataDir(), 'nlp', `emotion/semeval2018_ec_${lang}_train.tsv`)
  const [head, ...lines] = fs.readFileSync(file, 'utf8').split('\n')
  const names = head.split('\t').slice(1)
  const out: (Sourced & { weight: number })[] = []
  for (const line of lines) {
    const cols = line.split('\t')
    if (cols.length < names.length + 1 || !cols[0]) continue
    const labels = [...new Set(names.filter((n, i) => cols[i + 1].trim() === '1' && EC_MAP[n]).map((n) => EC_MAP[n]))]
    if (!labels.length) labels.push('others')
    for (const label of labels) out.push({ text: cols[0], label, lang, src: 'ec', weight: 1 / labels.length })
  }
  return out
}

/** Emotion: EmoEvent (the dev splits' own labels, "others" included) plus E-c and TweetEval emotion. */
export function emotionTrain(): (Sourced & { weight: number })[] {
  const one = (e: Sourced) => ({ ...e, weight: 1 })
  return [
    ...tag('emoevent', readTsv('emotion/emoevent_es_train.tsv', 'es')).map(one),
    ...tag('emoevent', readTsv('emotion/emoevent_en_train.tsv', 'en')).map(one),
    ...ecTrain('es'),
    ...ecTrain('en'),
    ...tag('tweeteval', readTsv('emotion/tweeteval_en_train.tsv', 'en')).map((e) => ({ ...e, label: TWEETEVAL_MAP[e.label], weight: 1 })).filter((e) => e.label),
  ]
}
