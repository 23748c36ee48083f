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
import { asksQuestion, classifyIntent, natureOf, saysComplaint } from './intent.ts'
import { SpacedWords } from './cues.ts'
import { readEmotions } from './emotions.ts'
import { chooseIntent, intentContext } from './stack.ts'
import { detectIrony, toldFailure } from './irony.ts'
import { detectLang, fromSourceLang } from './lang.ts'
import { Lexicon } from './lexicon.ts'
import { blendLexicon, LinearHead, loadModel } from './model.ts'
import { NLP_DATA_DIR } from '../paths.ts'
import { Scorer } from './scorer.ts'
import { Tokenizer } from './tokenize.ts'
import { applyTemperature } from './calibrate.ts'
import { compileTerms, scoreTargets, type EntityTerms } from './targets.ts'
import { GRADING, readGrades } from './targets-grades.ts'

export interface AnalyseOptions {
  /** Monitored entities and their terms: the result then has `targets`, one reading per entity named. */
  entities?: EntityTerms
}

export interface Analyzer {
  analyze(text: string, lang?: string, opts?: AnalyseOptions): Analysis
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
  constructor(readonly lexicon = Lexicon.load(), maxUnseen?: number, readonly maxChars = 2000, grams: Grams = DEFAULT_GRAMS, bigrams = false) {
    this.tokenizer = new Tokenizer(maxUnseen)
    this.extractor = new FeatureExtractor(lexicon, grams, bigrams)
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
const argmax3 = (a: number, b: number, c: number): number => (a >= b ? (a >= c ? 0 : 2) : b >= c ? 1 : 2)

export function createAnalyzer(opts: AnalyzerOptions = {}): Analyzer {
  const file = opts.modelFile === undefined ? path.join(NLP_DATA_DIR, 'model.json.gz') : opts.modelFile
  const m = file ? loadModel(file) : null
  const featurizer = new Featurizer(Lexicon.load(), opts.maxUnseenTokens, opts.maxChars, (m?.meta.charGrams as Grams | undefined) ?? DEFAULT_GRAMS, m?.meta.bigrams === true)
  const sentimentHead = m?.heads.sentiment ? LinearHead.fromFile(m.heads.sentiment) : null
  // Spanish has its own sentiment head since issue 15 (v1 weights have one head for both languages).
  const sentimentEs = m?.heads.sentiment_es ? LinearHead.fromFile(m.heads.sentiment_es) : null
  const emotionHead = m?.heads.emotion ? LinearHead.fromFile(m.heads.emotion) : null
  const intentHead = m?.heads.intent ? LinearHead.fromFile(m.heads.intent) : null
  // Settings chosen by the trainer's cross-validation on train splits (scripts/train.ts); defaults for the fallback.
  const emotionMin = Number(m?.meta.emotionMin ?? 0.3)
  const lexBlend = (m?.meta.lexBlend ?? {}) as Record<string, number>
  // Confidence calibration (temperature per language, fitted by cross-validation on the train splits).
  const temperature = (m?.meta.sentimentTemperature ?? {}) as Record<string, number>
  // Per-class decision offsets for macro-F1 (scripts/bias.ts, nested CV on train), per language, as factors on the
  // blended probabilities: they choose the label, never the score or the confidence (those stay calibrated).
  const offsets: Record<string, number[]> = {}
  for (const [k, v] of Object.entries((m?.meta.sentimentOffsets ?? {}) as Record<string, number[]>)) if (v.some((b) => b !== 0)) offsets[k] = v.map(Math.exp)
  const ruleWeight = Number(m?.meta.intentRuleWeight ?? 0)
  const sentWeight = Number(m?.meta.intentSentimentWeight ?? 0)
  // All heads are scored in one pass; the word-list fallback is used when sentiment or emotion is missing.
  const heads = [sentimentHead, emotionHead, intentHead, sentimentEs].filter((h): h is LinearHead => h !== null)
  const scorer = sentimentHead && emotionHead ? new Scorer(heads) : null
  const sp = new Float64Array(3)
  const ep = new Float64Array(emotionHead?.C ?? 7)
  const ip = new Float64Array(intentHead?.C ?? 6)
  const spEs = new Float64Array(3)
  const outs = heads.map((h) => (h === sentimentHead ? sp : h === emotionHead ? ep : h === intentHead ? ip : spEs))
  const esHead = sentimentEs ? heads.indexOf(sentimentEs) : 0
  const spaced = new SpacedWords()
  const emoIndex = emotionHead ? EMOTIONS.map((e) => emotionHead.classes.indexOf(e)) : []

  return {
    analyze(text: string, lang?: string, opts?: AnalyseOptions): Analysis {
      const raw = typeof text === 'string' ? text : ''
      const { x, lang: l } = featurizer.run(raw, lang)
      // Nothing to score (empty, whitespace, stray punctuation): stay neutral rather than report the bias.
      const useModel = scorer !== null && x.signals > 0
      let decided = -1
      // The rules only need the joined words when some word can start a cue (cues.ts).
      spaced.reset(x.words)
      const joined = x.cues === 0 ? ' ' : spaced.all()
      const irony = detectIrony(joined, raw, x.dense[0], x.cues)
      if (useModel) {
        // One sentiment head per post: the other's columns are not summed (Scorer.score).
        scorer.score(x, outs, sentimentEs ? (l === 'es' ? 0 : esHead) : -1)
        if (l === 'es' && sentimentEs) sp.set(spEs)
        blendLexicon(sp, x.lexScore, lexBlend[l] ?? 0)
        const o = offsets[l]
        decided = o ? argmax3(sp[0] * o[0], sp[1] * o[1], sp[2] * o[2]) : -1
        applyTemperature(sp, temperature[l] ?? 1)
        // Sarcasm: positive words about a negative situation mean the opposite (the flag is precision-first).
        if (irony && sp[2] > sp[0]) {
          ;[sp[0], sp[2]] = [sp[2], sp[0]]
          if (decided === 0 || decided === 2) decided = 2 - decided
        }
      }
      let score: number
      let label: SentimentLabel
      let confidence: number
      if (useModel) {
        // classes are SENTIMENT_LABELS order: negative, neutral, positive
        score = sp[2] - sp[0]
        let best = decided
        if (best < 0) {
          best = 0
          for (let c = 1; c < 3; c++) if (sp[c] > sp[best]) best = c
        }
        label = SENTIMENT_LABELS[best]
        confidence = sp[best]
      } else {
        score = Math.tanh(x.lexScore / 3) * (irony && x.lexScore > 0 ? -1 : 1)
        label = score > 0.2 ? 'positive' : score < -0.2 ? 'negative' : 'neutral'
        confidence = x.signals > 0 ? 0.4 + 0.5 * Math.abs(score) : 0.34
      }
      const { emotions, emotion } = readEmotions(useModel ? ep : null, emoIndex, x.lexEmotions, emotionMin, irony)
      const asks = (raw.includes('?') || raw.includes('¿')) && asksQuestion(raw)
      const rules = classifyIntent(joined, asks, label, score, x.cues)
      const ctx = intentContext(raw, joined, rules.intent, asks, label, x.cues)
      let intent = useModel && intentHead ? chooseIntent(ip, rules.intent, ctx, sp[0] - sp[2], ruleWeight, sentWeight) : rules.intent
      // Sarcasm about a service is a complaint whatever its words (a formal demand stays a claim): when it reads negative
      // or tells a failure ("…se cayó tres veces. Un genio el que la programó"), not sarcastic chatter ("Lunes. Qué ilusión 🙃").
      if (irony && (label === 'negative' || toldFailure(joined)) && intent !== 'claim' && intent !== 'suggestion') {
        intent = 'complaint'
        if (label === 'neutral') label = 'negative'
      }
      // Explicit complaint wording ("sin internet", "still waiting", "no funciona") says something fell short: a
      // neutral tone there is a negative reading. (Any complaint/claim intent instead: val es 0.634 → 0.611, en
      // 0.708 → 0.649, the intent head calls half the val tweets complaints.)
      if (label === 'neutral' && intent === 'complaint' && saysComplaint(joined, x.cues)) label = 'negative'
      const nature = intent === 'complaint' || intent === 'claim' ? natureOf(joined, x.cues) ?? (intent === 'claim' ? 'claims_handling' : 'product_failure') : null
      const entities = opts?.entities
      const targets = entities && typeof entities === 'object' ? scoreTargets(x, compileTerms(entities), useModel ? scorer : null, { score: round(score), label }, Math.max(1, lexBlend[l] ?? 0), temperature[l] ?? 1, l === 'es' ? esHead : 0, spaced) : undefined
      // A grade or ranking the author gives ("Ruiz: 9/10", "A > B") beats the words' reading of that entity.
      const grades = targets ? readGrades(raw.length > featurizer.maxChars ? raw.slice(0, featurizer.maxChars) : raw, entities!, GRADING.test(joined, x.cues)) : null
      if (grades) for (const e of Object.keys(grades)) if (targets![e]) targets![e] = grades[e]
      const sentiment = { score: round(score), label, confidence: round(confidence) }
      // Two literals rather than a spread of `{ targets }`: same keys in the same order, without copying an object per post.
      return targets ? { lang: l, sentiment, targets, emotions, emotion, intent, nature, irony } : { lang: l, sentiment, emotions, emotion, intent, nature, irony }
    },
  }
}
