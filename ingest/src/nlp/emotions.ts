/**
 * Emotion scores and the dominant emotion of a post. The emotion head's probabilities (or, without weights,
 * the word list's saturated sums); no dominant emotion when the top one is below the trainer's threshold,
 * unless the post carries an explicit cue from the word list (😡, "qué asco", "I'm terrified": a strong
 * entry, polarity 3, or two hits of one emotion), which then names the emotion. Sarcasm reads joy as anger.
 */
import { EMOTIONS, type Emotion, type EmotionScores } from '@pulso/types'

const round = (v: number) => Math.round(v * 1000) / 1000
const JOY = EMOTIONS.indexOf('joy')
const ANGER = EMOTIONS.indexOf('anger')
/** Word-list emotion sum that counts as an explicit cue (features.ts adds max(1, |polarity|) per hit). */
export const CUE_MIN = 3

export function readEmotions(probs: Float64Array | null, index: number[], lex: Float64Array, min: number, irony: boolean): { emotions: EmotionScores; emotion: Emotion | null } {
  const v = new Float64Array(6)
  for (let e = 0; e < 6; e++) v[e] = probs ? probs[index[e]] : 1 - Math.exp(-lex[e] / 3)
  if (irony && v[JOY] > v[ANGER]) [v[JOY], v[ANGER]] = [v[ANGER], v[JOY]]
  let top = 0
  let emotion: Emotion | null = null
  for (let e = 0; e < 6; e++) if (v[e] > top) { top = v[e]; emotion = EMOTIONS[e] }
  if (top < min) {
    emotion = null
    // An explicit cue names the emotion even when the model is unsure (the strongest cued emotion).
    let cue = -1
    for (let e = 0; e < 6; e++) if (lex[e] >= CUE_MIN && !(irony && e === JOY) && (cue < 0 || lex[e] > lex[cue])) cue = e
    if (cue >= 0) {
      emotion = EMOTIONS[cue]
      v[cue] = Math.max(v[cue], min)
    }
  }
  const emotions = { anger: 0, disgust: 0, fear: 0, joy: 0, sadness: 0, surprise: 0 }
  for (let e = 0; e < 6; e++) emotions[EMOTIONS[e]] = round(v[e])
  return { emotions, emotion }
}
