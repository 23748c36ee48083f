/**
 * Per-class decision offsets for macro-F1 (log-probability added to negative and positive, neutral fixed at 0),
 * fitted on out-of-fold probabilities of a language's UMSAB train posts (the val splits' source and balance).
 * They ship only when a nested estimate says they help (offsets fitted on four folds' posts, applied to the fifth,
 * against no offsets on the same posts: a 2-parameter search on ≈1,800 posts can fit noise). Shipped as model meta
 * `sentimentOffsets` (per language, log-probability offsets for negative, neutral, positive), for the post-level
 * reading after the word-list blend and before the temperature.
 */
import { SENTIMENT_LABELS } from '@pulso/types'
import { scores } from './data.ts'
import { argmax } from './learn.ts'

const STEPS: number[] = []
for (let b = -5; b <= 5; b++) STEPS.push(b / 10)

/** Label of `p` with offsets `b` added to its log-probabilities. */
export function biasedLabel(p: ArrayLike<number>, b: readonly number[]): string {
  const q = [0, 0, 0]
  for (let c = 0; c < 3; c++) q[c] = Math.log(Math.max(p[c], 1e-12)) + b[c]
  return SENTIMENT_LABELS[argmax(q)]
}

const macroF1 = (gold: number[], probs: ArrayLike<number>[], b: readonly number[]) =>
  scores(gold.map((y) => SENTIMENT_LABELS[y]), probs.map((p) => biasedLabel(p, b)), SENTIMENT_LABELS).macroF1

/** The offsets on the grid with the best macro-F1 (ties keep the smaller change: zero first). */
export function fitBias(gold: number[], probs: ArrayLike<number>[]): number[] {
  let best = { f: macroF1(gold, probs, [0, 0, 0]), b: [0, 0, 0], size: 0 }
  for (const b0 of STEPS) for (const b2 of STEPS) {
    const f = macroF1(gold, probs, [b0, 0, b2])
    const size = Math.abs(b0) + Math.abs(b2)
    if (f > best.f + 1e-9 || (Math.abs(f - best.f) <= 1e-9 && size < best.size)) best = { f, b: [b0, 0, b2], size }
  }
  return best.b
}

/** Nested estimate: macro-F1 with offsets fitted without each fold, and without offsets; then the offsets fitted
 * on all posts, or zeros when the nested figure does not beat the plain one. */
export function chooseBias(gold: number[], probs: ArrayLike<number>[], fold: ArrayLike<number>, k: number): { plain: number; nested: number; bias: number[] } {
  const pred: string[] = new Array(gold.length)
  for (let f = 0; f < k; f++) {
    const tr = gold.map((_, i) => i).filter((i) => fold[i] !== f)
    const b = fitBias(tr.map((i) => gold[i]), tr.map((i) => probs[i]))
    gold.forEach((_, i) => fold[i] === f && (pred[i] = biasedLabel(probs[i], b)))
  }
  const plain = macroF1(gold, probs, [0, 0, 0])
  const nested = scores(gold.map((y) => SENTIMENT_LABELS[y]), pred, SENTIMENT_LABELS).macroF1
  return { plain, nested, bias: nested > plain ? fitBias(gold, probs) : [0, 0, 0] }
}

/** `p` with offsets `b` added to its log-probabilities, renormalised (a copy): what the run time does with them. */
export function withOffsets(p: Float64Array, b: readonly number[]): Float64Array {
  const q = p.slice()
  let sum = 0
  for (let c = 0; c < q.length; c++) sum += q[c] *= Math.exp(b[c])
  for (let c = 0; c < q.length; c++) q[c] /= sum
  return q
}
