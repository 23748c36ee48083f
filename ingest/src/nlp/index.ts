/**
 * Pulso's post analyser: language, sentiment, six emotions, intent/nature and irony, in process.
 * wink-nlp tokenises; a small trained linear model (ingest/data/nlp/model.json.gz, rebuilt by
 * `npm run train`) scores sentiment and emotions from hashed n-grams plus word-list features;
 * cue rules give intent and nature. Without the weights file it falls back to the word list alone.
 */
import path from 'node:path'
import { EMOTIONS, SENTIMENT_LABELS, type Analysis, type Emotion, type Lang, type SentimentLabel } from '@pulso/types'
import { DEFAULT_GRAMS, FeatureExtractor, type Extracted, type Grams } from './features.ts'
import { bucket, hashString } from './hash.ts'
import { classifyIntent } from './intent.ts'
import { detectIrony } from './irony.ts'
import { detectLang, fromSourceLang } from './lang.ts'
import { Lexicon } from './lexicon.ts'
import { blendLexicon, LinearHead, loadModel } from './model.ts'
import { NLP_DATA_DIR } from '../paths.ts'
import { Scorer } from './scorer.ts'
import { Tokenizer } from './tokenize.ts'

export interface Analyzer {
  analyze(text: string, lang?: string): Analysis
}

export interface AnalyzerOptions {
  /** Weights file; default ingest/data/nlp/model.json.gz. `null` forces the word-list-only scorer. */
  modelFile?: string | null
  /** Posts longer than this many characters are cut before tokenising (default 2000): keeps latency bounded. */
  maxChars?: number
  /** wink-nlp is rebuilt after this many unseen lexemes (default 100k, see tokenize.ts). */
  maxUnseenTokens?: number
}

export const LANG_FEATURE: Record<Lang, number> = { es: bucket(hashString('^LANG=es')), en: bucket(hashString('^LANG=en')), other: bucket(hashString('^LANG=other')) }

/** Everything the scorers need from one text: shared by the analyser, training and evaluation. */
export class Featurizer {
  readonly tokenizer: Tokenizer
  readonly extractor: FeatureExtractor
  constructor(readonly lexicon = Lexicon.load(), maxUnseen?: number, readonly maxChars = 2000, grams: Grams = DEFAULT_GRAMS) {
    this.tokenizer = new Tokenizer(maxUnseen)
    this.extractor = new FeatureExtractor(lexicon, grams)
  }
  run(text: string, sourceLang?: string): { x: Extracted; lang: Lang } {
    let t = text.length > this.maxChars ? text.slice(0, this.maxChars) : text
    // Phones type the typographic apostrophe: "don’t" must split and negate like "don't" (wink knows only ').
    if (t.includes('\u2019')) t = t.replaceAll('\u2019', "'")
    const x = this.extractor.extract(this.tokenizer.tokenize(t))
    const lang = fromSourceLang(sourceLang) ?? detectLang(x.langVotes + x.spanishMarks, x.wordCount > 0 ? 'es' : 'other')
    x.ids.push(LANG_FEATURE[lang])
    return { x, lang }
  }
}

const round = (v: number) => Math.round(v * 1000) / 1000

export function createAnalyzer(opts: AnalyzerOptions = {}): Analyzer {
  const file = opts.modelFile === undefined ? path.join(NLP_DATA_DIR, 'model.json.gz') : opts.modelFile
  const m = file ? loadModel(file) : null
  const featurizer = new Featurizer(Lexicon.load(), opts.maxUnseenTokens, opts.maxChars, (m?.meta.charGrams as Grams | undefined) ?? DEFAULT_GRAMS)
  const sentimentHead = m?.heads.sentiment ? LinearHead.fromFile(m.heads.sentiment) : null
  const emotionHead = m?.heads.emotion ? LinearHead.fromFile(m.heads.emotion) : null
  // Thresholds tuned on dev splits by the trainer (see scripts/train.ts); defaults for the fallback.
  const emotionMin = Number(m?.meta.emotionMin ?? 0.3)
  const lexBlend = (m?.meta.lexBlend ?? {}) as Record<string, number>
  // Both heads are scored in one pass; the word-list fallback is used when either is missing.
  const scorer = sentimentHead && emotionHead ? new Scorer([sentimentHead, emotionHead]) : null
  const sp = new Float64Array(3)
  const ep = new Float64Array(emotionHead?.C ?? 7)
  const outs = [sp, ep]
  const emoIndex = emotionHead ? EMOTIONS.map((e) => emotionHead.classes.indexOf(e)) : []

  return {
    analyze(text: string, lang?: string): Analysis {
      const raw = typeof text === 'string' ? text : ''
      const { x, lang: l } = featurizer.run(raw, lang)
      // Nothing to score (empty, whitespace, stray punctuation): stay neutral rather than report the bias.
      const useModel = scorer !== null && x.signals > 0
      if (useModel) {
        scorer.score(x, outs)
        blendLexicon(sp, x.lexScore, lexBlend[l] ?? 0)
      }
      // Sentiment.
      let score: number
      let label: SentimentLabel
      let confidence: number
      if (useModel) {
        // classes are SENTIMENT_LABELS order: negative, neutral, positive
        score = sp[2] - sp[0]
        let best = 0
        for (let c = 1; c < 3; c++) if (sp[c] > sp[best]) best = c
        label = SENTIMENT_LABELS[best]
        confidence = sp[best]
      } else {
        score = Math.tanh(x.lexScore / 3)
        label = score > 0.2 ? 'positive' : score < -0.2 ? 'negative' : 'neutral'
        confidence = x.signals > 0 ? 0.4 + 0.5 * Math.abs(score) : 0.34
      }
      // Emotions: model probabilities, or saturated word-list sums.
      const emotions = { anger: 0, disgust: 0, fear: 0, joy: 0, sadness: 0, surprise: 0 }
      let emotion: Emotion | null = null
      let top = 0
      for (let e = 0; e < 6; e++) {
        const v = useModel ? ep[emoIndex[e]] : 1 - Math.exp(-x.lexEmotions[e] / 3)
        emotions[EMOTIONS[e]] = round(v)
        if (v > top) { top = v; emotion = EMOTIONS[e] }
      }
      if (top < emotionMin) emotion = null
      // The rules only need the joined words when some word can start a cue (cues.ts).
      const joined = x.cues === 0 ? ' ' : ` ${x.words.join(' ')} `
      const { intent, nature } = classifyIntent(joined, raw.includes('?') || raw.includes('¿'), label, score, x.cues)
      return {
        lang: l,
        sentiment: { score: round(score), label, confidence: round(confidence) },
        emotions,
        emotion,
        intent,
        nature,
        irony: detectIrony(joined, raw, x.dense[0], x.dense[1], x.cues),
      }
    },
  }
}
