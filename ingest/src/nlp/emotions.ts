/**
 * Emotion scores and the dominant emotion of a post. The emotion head's probabilities (or, without weights,
 * the word list's saturated sums); no dominant emotion when the top one is below the trainer's threshold,
 * unless the post carries an explicit cue from the word list (😡, "qué asco", "I'm terrified": a strong
 * entry, polarity 3, or two hits of one emotion), which then names the emotion; the cue also wins over a head
 * that leads it by less than CUE_MARGIN ("so disgusting, hair in my food": sadness 0.272, disgust 0.23).
 * Sarcasm reads joy as anger.
 */
import { EMOTIONS, type Emotion, type EmotionScores } from '@pulso/types'

const round = (v: number) => Math.round(v * 1000) / 1000
const JOY = EMOTIONS.indexOf('joy')
const ANGER = EMOTIONS.indexOf('anger')
/** Word-list emotion sum that counts as an explicit cue (features.ts adds max(1, |polarity|) per hit). */
export const CUE_MIN = 3
/**
 * The head's lead over the cued emotion below which the cue names the dominant emotion. Measured out of fold on
 * the emotion train corpora (scripts/emo-cue.ts: 5-fold, 3 fold seeds, the shipped settings): where a cue and the
 * head's top disagree the gold sides with the head (EmoEvent es 63 vs 154 posts, en 84 vs 154; E-c en 451 vs 469),
 * so the cue always winning cost EmoEvent macro-F1 −0.009 es / −0.020 en. Under a 0.05 lead it is a coin toss (the
 * EmoEvent posts it flips: gold with the cue 14 es / 26 en, with the head 15 / 28) and level everywhere (EmoEvent es
 * +0.000, en −0.001; E-c es +0.002, en +0.002; TweetEval en −0.001); a lead of 0.1 or more costs English EmoEvent
 * (−0.002 to −0.007), and so does a cap on the head's top probability instead (top < 0.35 … 0.6: −0.004 to −0.012).
 */
export const CUE_MARGIN = 0.05

export function readEmotions(probs: Float64Array | null, index: number[], lex: Float64Array, min: number, irony: boolean, margin = CUE_MARGIN): { emotions: EmotionScores; emotion: Emotion | null } {
  const v = new Float64Array(6)
  for (let e = 0; e < 6; e++) v[e] = probs ? probs[index[e]] : 1 - Math.exp(-lex[e] / 3)
  if (irony && v[JOY] > v[ANGER]) [v[JOY], v[ANGER]] = [v[ANGER], v[JOY]]
  let top = 0
  let emotion: Emotion | null = null
  for (let e = 0; e < 6; e++) if (v[e] > top) { top = v[e]; emotion = EMOTIONS[e] }
  // The strongest explicit cue (none for joy in a sarcastic post).
  let cue = -1
  for (let e = 0; e < 6; e++) if (lex[e] >= CUE_MIN && !(irony && e === JOY) && (cue < 0 || lex[e] > lex[cue])) cue = e
  if (top < min) {
    // An explicit cue names the emotion even when the model is unsure.
    emotion = cue >= 0 ? EMOTIONS[cue] : null
    if (cue >= 0) v[cue] = Math.max(v[cue], min)
  } else if (cue >= 0 && top - v[cue] < margin) {
    // …and when the model is not clearly surer of another one; the scores stay the model's.
    emotion = EMOTIONS[cue]
  }
  const emotions = { anger: 0, disgust: 0, fear: 0, joy: 0, sadness: 0, surprise: 0 }
  for (let e = 0; e < 6; e++) emotions[EMOTIONS[e]] = round(v[e])
  return { emotions, emotion }
}
