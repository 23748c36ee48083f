/**
 * `npm run eval:nlp`: macro-F1 on the shared val/dev splits for Pulso's analyser, beside the
 * `sentiment` package (AFINN-165) and wink-nlp's own sentiment run on the same posts, plus
 * per-class precision/recall for intent and nature on ingest/data/nlp/intent.jsonl, reported
 * separately for its 'dev' half (rules were written looking at it) and 'heldout' half (never tuned on).
 */
import { EMOTIONS, INTENTS, NATURES, SENTIMENT_LABELS } from '@pulso/types'
import Sentiment from 'sentiment'
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { createAnalyzer } from '../src/nlp/index.ts'
import { emotionSplit, readIntentSet, readIronySet, readTsv, scores, sentimentSplit, type Example } from './data.ts'

const ours = createAnalyzer()
const wordList = createAnalyzer({ modelFile: null })
const afinn = new Sentiment()
const wink = winkNLP(model)
const polarity = (s: number) => (s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral')
const f = (v: number) => v.toFixed(3)

function sentimentRow(name: string, ex: Example[]) {
  const gold = ex.map((e) => e.label)
  const m = (pred: string[]) => f(scores(gold, pred, SENTIMENT_LABELS).macroF1)
  return {
    dataset: name,
    n: ex.length,
    pulso: m(ex.map((e) => ours.analyze(e.text, e.lang).sentiment.label)),
    pulso_wordlist: m(ex.map((e) => wordList.analyze(e.text, e.lang).sentiment.label)),
    afinn_sentiment: m(ex.map((e) => polarity(afinn.analyze(e.text).comparative))),
    wink_sentiment: m(ex.map((e) => polarity(wink.readDoc(e.text).out(wink.its.sentiment) as unknown as number))),
  }
}

const EMO = [...EMOTIONS, 'others']
function emotionRow(name: string, ex: Example[]) {
  const gold = ex.map((e) => e.label)
  const counts = new Map<string, number>()
  for (const g of gold) counts.set(g, (counts.get(g) ?? 0) + 1)
  const majority = [...counts].sort((a, b) => b[1] - a[1])[0][0]
  const m = (pred: string[]) => f(scores(gold, pred, EMO).macroF1)
  return {
    dataset: name,
    n: ex.length,
    pulso: m(ex.map((e) => ours.analyze(e.text, e.lang).emotion ?? 'others')),
    pulso_wordlist: m(ex.map((e) => wordList.analyze(e.text, e.lang).emotion ?? 'others')),
    majority_baseline: m(gold.map(() => majority)),
  }
}

console.log('\nSentiment macro-F1 (negative/neutral/positive). Baselines: score > 0 positive, < 0 negative, else neutral.')
console.table([
  sentimentRow('umsab_es_val', sentimentSplit('es', 'val')),
  sentimentRow('umsab_en_val', sentimentSplit('en', 'val')),
  sentimentRow('tweeteval_en_val*', readTsv('sentiment/tweeteval_en_val.tsv', 'en')),
])
console.log('* tweeteval_en_val shares most of its posts with the UMSAB en train split used for training: optimistic, shown for reference only.')

console.log('\nEmotion macro-F1 over 7 classes (six emotions + others = no dominant emotion):')
console.table([emotionRow('emoevent_es_dev', emotionSplit('es', 'dev')), emotionRow('emoevent_en_dev', emotionSplit('en', 'dev'))])

const intentSet = readIntentSet()
for (const split of ['dev', 'heldout'] as const) {
  const ex = intentSet.filter((e) => e.split === split)
  const res = ex.map((e) => ours.analyze(e.text, e.lang))
  const si = scores(ex.map((e) => e.intent), res.map((r) => r.intent), INTENTS)
  // Nature is scored on the complaints and claims of the gold set.
  const cc = ex.map((e, i) => [e, res[i]] as const).filter(([e]) => e.nature)
  const sn = scores(cc.map(([e]) => e.nature!), cc.map(([, r]) => r.nature ?? 'none'), NATURES)
  console.log(`\nIntent on intent.jsonl '${split}' (${ex.length} posts, ${split === 'dev' ? 'rules were tuned on these' : 'never used for tuning'}): macro-F1 ${f(si.macroF1)}, accuracy ${f(si.acc)}; nature macro-F1 ${f(sn.macroF1)} on ${cc.length} complaints/claims`)
  console.table(Object.fromEntries([...Object.entries(si.per), ...Object.entries(sn.per)].map(([c, v]) => [c, { precision: f(v.p), recall: f(v.r), f1: f(v.f1), n: v.n }])))
}

// Irony: the flag is precision-first ("right more often than not" means: when it says ironic, it is). The set was
// written after the rules, by people who knew them, so read recall as a floor of what it misses, not a benchmark.
const irony = readIronySet()
const flagged = irony.map((e) => ours.analyze(e.text, e.lang).irony)
const tp = irony.filter((e, i) => e.irony && flagged[i]).length
const nFlagged = flagged.filter(Boolean).length
const nIronic = irony.filter((e) => e.irony).length
console.log(`\nIrony on irony.jsonl (${irony.length} posts, ${nIronic} ironic): precision ${f(nFlagged ? tp / nFlagged : 0)} (${tp}/${nFlagged} flags right), recall ${f(tp / nIronic)}`)
