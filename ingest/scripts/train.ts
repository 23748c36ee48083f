/**
 * `npm run train`: rebuilds ingest/data/nlp/model.json.gz from the shared train splits (corpora.ts).
 * Every setting (char n-grams, learning settings, class weighting, the word-list blend, the weight of the extra
 * emotion corpora, the "no dominant emotion" threshold, the confidence temperature) is chosen by 5-fold
 * cross-validation on the train splits only; val/dev are printed, never used to choose.
 * Deterministic: same data, same file.
 */
import path from 'node:path'
import { EMOTIONS, SENTIMENT_LABELS } from '@pulso/types'
import { DENSE, expandIds, type Grams } from '../src/nlp/features.ts'
import { Lexicon } from '../src/nlp/lexicon.ts'
import { HASH_BITS } from '../src/nlp/hash.ts'
import { Featurizer } from '../src/nlp/index.ts'
import { blendLexicon, saveModel, type LinearHead } from '../src/nlp/model.ts'
import { NLP_DATA_DIR } from '../src/paths.ts'
import { emotionTrain, sentimentTrain, type Sourced } from './corpora.ts'
import { emotionSplit, scores, sentimentSplit, type Example } from './data.ts'
import { argmax, emotionLabel, folds, outOfFold, SEED, trainHead, type Row, type TrainParams } from './learn.ts'
import { fitTemperature } from '../src/nlp/calibrate.ts'
import { chooseBias, withOffsets } from './bias.ts'
import { trainIntent } from './train-intent.ts'

const BIGRAMS = process.env.PULSO_TRAIN_BIGRAMS !== '0'
let featurizer = new Featurizer(Lexicon.load(), undefined, undefined, [4, 4], BIGRAMS)
const useGrams = (g: Grams) => (featurizer = new Featurizer(Lexicon.load(), undefined, undefined, g, BIGRAMS))
export function rows(ex: (Example & { src?: string; weight?: number })[], classes: readonly string[]): Row[] {
  return ex.map((e) => {
    const { x } = featurizer.run(e.text, e.lang)
    return { ids: Int32Array.from(expandIds(x)), dense: x.dense.slice(), y: classes.indexOf(e.label), w: 1, base: e.weight ?? 1, lex: x.lexScore, lang: e.lang, src: e.src ?? '' }
  })
}

const FOLDS = 5
/** Char n-gram lengths tried (they change every feature, so each re-reads the posts). */
// [3, 5] was tried too (CV level or lower for every setting, and twice the time): PULSO_TRAIN_GRAMS='[[4,4],[3,5]]'.
const GRAMS: Grams[] = JSON.parse(process.env.PULSO_TRAIN_GRAMS ?? '[[4,4]]')
/** Small grid; override with PULSO_TRAIN_GRID='[{"epochs":5,"l2":0.001,"lr":0.01,"classPower":0}]'. */
const GRID: TrainParams[] = process.env.PULSO_TRAIN_GRID ? JSON.parse(process.env.PULSO_TRAIN_GRID) : [
  { epochs: 4, l2: 1e-4, lr: 0.01, classPower: 0.5, average: true },
  { epochs: 5, l2: 1e-3, lr: 0.01, classPower: 1, average: true },
]
/** Weight of the posts from corpora other than UMSAB (its balance and labelling are the val splits'). */
const SOURCE_WEIGHTS = [0.3, 1]
const BETAS = [0, 0.5, 1, 1.5]
/** `PULSO_TRAIN_OFFSETS=0`: no per-class decision offsets (bias.ts). */
const OFFSETS = process.env.PULSO_TRAIN_OFFSETS !== '0'
const LANGS = ['es', 'en'] as const

function sentimentF1(rs: Row[], probs: Float64Array[], beta: number): number {
  const pred = probs.map((p0, i) => {
    const p = p0.slice()
    blendLexicon(p, rs[i].lex, beta)
    return SENTIMENT_LABELS[argmax(p)]
  })
  return scores(rs.map((r) => SENTIMENT_LABELS[r.y]), pred, SENTIMENT_LABELS).macroF1
}

/** CV score of a language: macro-F1 on its UMSAB posts (the val splits' source and balance) averaged with
 * macro-F1 on all its posts (the other corpora), each at its best blend. */
function langScore(data: Row[], oof: Float64Array[], l: string): { f: number; beta: number } {
  const all = data.map((r, i) => ({ r, p: oof[i] })).filter(({ r }) => r.lang === l)
  const um = all.filter(({ r }) => r.src === 'umsab')
  let best = { f: -1, beta: 0 }
  for (const beta of BETAS) {
    const f = (sentimentF1(um.map((s) => s.r), um.map((s) => s.p), beta) + sentimentF1(all.map((s) => s.r), all.map((s) => s.p), beta)) / 2
    if (f > best.f) best = { f, beta }
  }
  return best
}

const weighSources = (data: Row[], sw: number) => data.map((r) => ({ ...r, base: r.src === 'umsab' ? 1 : sw }))

function main(): void {
  const t0 = Date.now()
  const log = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${s}`)
  // Sentiment: one head per language (trained together, the 47k English posts swamped the Spanish ones in the
  // shared hash buckets: es val 0.59 vs 0.63 alone); each language's source weight, setting and word-list blend
  // chosen by its own cross-validation, the n-gram lengths by the sum of both.
  const sentEx = sentimentTrain()
  interface Best { f: number; p: TrainParams; sw: number; beta: number; oof: Float64Array[]; data: Row[]; fold: Int32Array }
  let bestG = { f: -1, grams: GRAMS[0], per: {} as Record<string, Best> }
  for (const g of GRAMS) {
    useGrams(g)
    const all = rows(sentEx, SENTIMENT_LABELS)
    const per: Record<string, Best> = {}
    for (const l of LANGS) {
      const data0 = all.filter((r) => r.lang === l)
      const fold = folds(data0.length, FOLDS)
      for (const sw of SOURCE_WEIGHTS) for (const p of GRID) {
        const data = weighSources(data0, sw)
        const oof = outOfFold(SENTIMENT_LABELS, data, fold, FOLDS, p)
        const s = langScore(data, oof, l)
        log(`sentiment ${l} grams ${g.join('-')} sources ${sw} ${JSON.stringify(p)} ${FOLDS}-fold CV ${s.f.toFixed(3)} (blend ${s.beta})`)
        if (!per[l] || s.f > per[l].f) per[l] = { f: s.f, p, sw, beta: s.beta, oof, data, fold }
      }
    }
    if (per.es.f + per.en.f > bestG.f) bestG = { f: per.es.f + per.en.f, grams: g, per }
  }
  useGrams(bestG.grams)
  const lexBlend: Record<string, number> = {}
  const temperature: Record<string, number> = {}
  const offsets: Record<string, number[]> = {}
  const sentiment: Record<string, LinearHead> = {}
  for (const l of LANGS) {
    const b = bestG.per[l]
    lexBlend[l] = b.beta
    // Per-class decision offsets for macro-F1 (bias.ts), fitted on the UMSAB posts' out-of-fold probabilities, kept
    // only when the nested CV says they help; meta `sentimentOffsets`, for the post-level label only: the run time
    // picks the label from the blended probabilities times the offsets, while the score and the confidence stay the
    // tempered probabilities (offsets inside the probabilities raised es ECE 0.052 → 0.079). Folded into the head's
    // bias weights instead, they also moved the per-entity spans and flipped a tricky case of targets.test.ts.
    // The temperature is fitted on the probabilities without them.
    const blended = b.data.map((r, i) => { const p = b.oof[i].slice(); blendLexicon(p, r.lex, b.beta); return p })
    const um = b.data.map((r, i) => i).filter((i) => b.data[i].src === 'umsab')
    const nb = chooseBias(um.map((i) => b.data[i].y), um.map((i) => blended[i]), um.map((i) => b.fold[i]), FOLDS)
    offsets[l] = OFFSETS ? nb.bias : [0, 0, 0]
    log(`sentiment ${l} per-class offsets: UMSAB ${FOLDS}-fold CV macro-F1 ${nb.plain.toFixed(4)} without, ${nb.nested.toFixed(4)} nested with → ${JSON.stringify(offsets[l])}`)
    temperature[l] = fitTemperature(blended, b.data.map((r) => r.y))
    sentiment[l] = trainHead(SENTIMENT_LABELS, b.data, b.p)
    const val = rows(sentimentSplit(l, 'val'), SENTIMENT_LABELS)
    const valProbs = val.map((r) => withOffsets(sentiment[l].probs(r.ids, r.dense), offsets[l]))
    log(`sentiment ${l}: ${JSON.stringify(b.p)} sources ${b.sw} blend ${b.beta} offsets ${JSON.stringify(offsets[l])} temperature ${temperature[l]} (CV); val macro-F1 ${sentimentF1(val, valProbs, b.beta).toFixed(3)} (reported, not used to choose)`)
  }

  // Emotion: EmoEvent's train posts are scored; the extra corpora join every fold at weight `extra`.
  const EMO = [...EMOTIONS, 'others'] as const
  const emoAll = rows(emotionTrain(), EMO)
  const scored = emoAll.filter((r) => r.src === 'emoevent')
  const emoFold = folds(scored.length, FOLDS)
  let bestE = { f: -1, p: GRID[0], min: 0.3, extra: 0 }
  // 0 (EmoEvent alone) scored 0.03 lower in CV than either of these (PULSO_TRAIN_EMO_EXTRA='[0,0.3,1]').
  const EXTRA: number[] = JSON.parse(process.env.PULSO_TRAIN_EMO_EXTRA ?? '[0.3,1]')
  for (const extra of EXTRA) {
    const extraRows = emoAll.filter((r) => r.src !== 'emoevent').map((r) => ({ ...r, base: r.base * extra }))
    for (const p of GRID) {
      const oof: Float64Array[] = new Array(scored.length)
      for (let k = 0; k < FOLDS; k++) {
        const head = trainHead(EMO, [...scored.filter((_, i) => emoFold[i] !== k), ...(extra ? extraRows : [])], p)
        scored.forEach((r, i) => emoFold[i] === k && (oof[i] = head.probs(r.ids, r.dense)))
      }
      for (const min of [0.2, 0.25, 0.3, 0.35, 0.4, 0.45]) {
        const f = LANGS.map((l) => {
          const sel = scored.map((r, i) => ({ r, i })).filter(({ r }) => r.lang === l)
          return scores(sel.map(({ r }) => EMO[r.y]), sel.map(({ i }) => emotionLabel(oof[i], EMO, min)), EMO).macroF1
        })
        if (f[0] + f[1] > bestE.f) bestE = { f: f[0] + f[1], p, min, extra }
      }
      log(`emotion extra ${extra} ${JSON.stringify(p)}: best so far ${FOLDS}-fold CV macro-F1 sum ${bestE.f.toFixed(3)} (extra ${bestE.extra}, min ${bestE.min})`)
    }
  }
  const emoFinal = emoAll.map((r) => (r.src === 'emoevent' ? r : { ...r, base: r.base * bestE.extra }))
  const emotion = trainHead(EMO, emoFinal, bestE.p)
  for (const l of LANGS) {
    const dev = rows(emotionSplit(l, 'dev'), EMO)
    log(`emotion ${l}: dev macro-F1 ${scores(dev.map((r) => EMO[r.y]), dev.map((r) => emotionLabel(emotion.probs(r.ids, r.dense), EMO, bestE.min)), EMO).macroF1.toFixed(3)} (reported, not used to choose)`)
  }

  const intent = trainIntent(rows, () => featurizer, sentiment, log)
  const file = path.join(NLP_DATA_DIR, 'model.json.gz')
  saveModel(file, {
    version: 1,
    trainedAt: 'deterministic',
    hashBits: HASH_BITS,
    heads: { sentiment: sentiment.en.toFile(), sentiment_es: sentiment.es.toFile(), emotion: emotion.toFile(), intent: intent.head.toFile() },
    meta: {
      seed: SEED, selection: `${FOLDS}-fold CV on train splits`, charGrams: bestG.grams, bigrams: BIGRAMS, sentimentParams: { es: bestG.per.es.p, en: bestG.per.en.p }, sentimentSourceWeight: { es: bestG.per.es.sw, en: bestG.per.en.sw }, lexBlend, sentimentTemperature: temperature, sentimentOffsets: offsets,
      emotionParams: bestE.p, emotionMin: bestE.min, emotionExtraWeight: bestE.extra, ...intent.meta, dense: DENSE,
      data: 'sentiment: UMSAB, SemEval-2013..16, SemEval-2018 valence, TASS (general, 2017, 2020) train; emotion: EmoEvent, SemEval-2018 E-c, TweetEval emotion train; intent: see intentData',
    },
  })
  log(`saved ${file}; char n-grams ${bestG.grams.join('-')}, emotion ${JSON.stringify(bestE.p)} min ${bestE.min} extra ${bestE.extra}`)
}

if (process.argv[1]?.endsWith('train.ts')) main()
