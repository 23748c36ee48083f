/**
 * `npm run eval:nlp`: Pulso's analyser (v2, data/nlp/model.json.gz) beside today's model (v1,
 * data/nlp/model-v1.json.gz), the word list alone, AFINN (`sentiment`) and wink-nlp, on the shared val/dev
 * splits (never used in training or selection) and the evaluation-only airline posts; then the project-written
 * sets: intent (per-class precision/recall, complaint-vs-rest on the held-back half), irony, per-entity sentiment.
 */
import path from 'node:path'
import { EMOTIONS, SENTIMENT_LABELS } from '@pulso/types'
import Sentiment from 'sentiment'
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { createAnalyzer } from '../src/nlp/index.ts'
import { ece } from '../src/nlp/calibrate.ts'
import { NLP_DATA_DIR } from '../src/paths.ts'
import { emotionSplit, readTsv, scores, sentimentSplit, type Example } from './data.ts'
import { evalWrittenSets } from './eval-sets.ts'

const v2 = createAnalyzer()
const v1 = createAnalyzer({ modelFile: path.join(NLP_DATA_DIR, 'model-v1.json.gz') })
const wordList = createAnalyzer({ modelFile: null })
const afinn = new Sentiment()
const wink = winkNLP(model)
const polarity = (s: number) => (s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral')
const f = (v: number) => v.toFixed(3)

function sentimentRow(name: string, ex: Example[]) {
  const gold = ex.map((e) => e.label)
  const m = (pred: string[]) => f(scores(gold, pred, SENTIMENT_LABELS).macroF1)
  const r2 = ex.map((e) => v2.analyze(e.text, e.lang).sentiment)
  const r1 = ex.map((e) => v1.analyze(e.text, e.lang).sentiment)
  const calib = (r: typeof r2) => f(ece(r.map((s) => s.confidence), r.map((s, i) => s.label === gold[i])))
  return {
    dataset: name, n: ex.length, pulso_v2: m(r2.map((s) => s.label)), pulso_v1: m(r1.map((s) => s.label)),
    ece_v2: calib(r2), ece_v1: calib(r1),
    wordlist: m(ex.map((e) => wordList.analyze(e.text, e.lang).sentiment.label)),
    afinn: m(ex.map((e) => polarity(afinn.analyze(e.text).comparative))),
    wink: m(ex.map((e) => polarity(wink.readDoc(e.text).out(wink.its.sentiment) as unknown as number))),
  }
}

const EMO = [...EMOTIONS, 'others']
function emotionRow(name: string, ex: Example[]) {
  const gold = ex.map((e) => e.label)
  const share = (pred: string[]) => f(pred.filter((p) => p === 'others').length / pred.length)
  const p2 = ex.map((e) => v2.analyze(e.text, e.lang).emotion ?? 'others')
  const p1 = ex.map((e) => v1.analyze(e.text, e.lang).emotion ?? 'others')
  return {
    dataset: name, n: ex.length, pulso_v2: f(scores(gold, p2, EMO).macroF1), pulso_v1: f(scores(gold, p1, EMO).macroF1),
    none_v2: share(p2), none_v1: share(p1), gold_others: share(gold),
  }
}

console.log('\nSentiment macro-F1 (negative/neutral/positive) and expected calibration error of the confidence (10 bins):')
console.table([
  sentimentRow('umsab_es_val', sentimentSplit('es', 'val')),
  sentimentRow('umsab_en_val', sentimentSplit('en', 'val')),
  sentimentRow('tweeteval_en_val*', readTsv('sentiment/tweeteval_en_val.tsv', 'en')),
])
console.log('* tweeteval_en_val shares most of its posts with the UMSAB en train split: optimistic, for reference only.')

console.log('\nEmotion macro-F1 over 7 classes (six emotions + others = no dominant emotion), share of "none" vs gold "others":')
console.table([emotionRow('emoevent_es_dev', emotionSplit('es', 'dev')), emotionRow('emoevent_en_dev', emotionSplit('en', 'dev'))])

// Evaluation-only (CC BY-NC-SA): read here to measure, never to train, tune or build word lists.
const airline = readTsv('eval-only/airline_customer_posts_en.tsv', 'en')
const complaintF1 = (an: typeof v2) => {
  const gold = airline.map((e) => (e.label.startsWith('negative') ? 'complaint' : 'rest'))
  const pred = airline.map((e) => { const i = an.analyze(e.text, 'en').intent; return i === 'complaint' || i === 'claim' ? 'complaint' : 'rest' })
  const s = scores(gold, pred, ['complaint', 'rest']).per.complaint
  return `F1 ${f(s.f1)} (precision ${f(s.p)}, recall ${f(s.r)})`
}
console.log(`\nComplaint vs rest on the evaluation-only airline posts (${airline.length}, complaint = negative; complaint or claim predicted): v2 ${complaintF1(v2)}; v1 ${complaintF1(v1)}`)

evalWrittenSets(v2, v1)
