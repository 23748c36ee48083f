/**
 * The learner behind `npm run train`: multinomial logistic regression over hashed sparse ids plus
 * the dense features, AdaGrad SGD with L2, a fixed seed (same rows → same weights), optional Polyak
 * averaging; plus the fold and scoring helpers the trainer's cross-validation uses.
 */
import { DENSE } from '../src/nlp/features.ts'
import { LinearHead } from '../src/nlp/model.ts'
import { rng } from './data.ts'

export const SEED = 20260101

/** One training post: sparse ids, dense features, class index, weight (`base` × class weight). */
export interface Row { ids: Int32Array; dense: Float64Array; y: number; w: number; base: number; lex: number; lang: string; src: string }
/** `average`: return the mean of the weights after each epoch (Polyak averaging), steadier on small data. */
export interface TrainParams { epochs: number; l2: number; lr: number; classPower: number; average?: boolean }

/** Class weights ∝ (1/frequency)^power, mean 1: power 0 = none, 1 = fully balanced (per language). */
function weigh(data: Row[], C: number, power: number): void {
  for (const lang of new Set(data.map((r) => r.lang))) {
    const sel = data.filter((r) => r.lang === lang)
    const n = new Array(C).fill(0)
    for (const r of sel) n[r.y] += r.base
    const tot = n.reduce((a, b) => a + b, 0)
    const w = n.map((k) => (k ? (tot / (C * k)) ** power : 0))
    for (const r of sel) r.w = w[r.y] * r.base
  }
}

export function trainHead(classes: readonly string[], data: Row[], p: TrainParams): LinearHead {
  const C = classes.length
  const head = new LinearHead([...classes], DENSE.length)
  weigh(data, C, p.classPower)
  const g2 = new Float32Array(head.w.length).fill(1e-6)
  const dg2 = new Float32Array(head.dw.length).fill(1e-6)
  const order = data.map((_, i) => i)
  const rand = rng(SEED)
  const prob = new Float64Array(C)
  const sum = p.average ? new Float32Array(head.w.length) : null
  const dsum = p.average ? new Float32Array(head.dw.length) : null
  for (let ep = 0; ep < p.epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      ;[order[i], order[j]] = [order[j], order[i]]
    }
    for (const k of order) {
      const r = data[k]
      if (r.w === 0) continue
      head.probs(r.ids, r.dense, prob)
      for (let c = 0; c < C; c++) {
        const g = (prob[c] - (c === r.y ? 1 : 0)) * r.w
        for (let q = 0; q < r.ids.length; q++) {
          const at = r.ids[q] * C + c
          const grad = g + p.l2 * head.w[at]
          g2[at] += grad * grad
          head.w[at] -= (p.lr * grad) / Math.sqrt(g2[at])
        }
        for (let d = 0; d < DENSE.length; d++) {
          const v = r.dense[d]
          if (v === 0) continue
          const at = d * C + c
          const grad = g * v + p.l2 * head.dw[at]
          dg2[at] += grad * grad
          head.dw[at] -= (p.lr * grad) / Math.sqrt(dg2[at])
        }
      }
    }
    if (sum && dsum) {
      for (let i = 0; i < sum.length; i++) sum[i] += head.w[i]
      for (let i = 0; i < dsum.length; i++) dsum[i] += head.dw[i]
    }
  }
  if (sum && dsum) {
    for (let i = 0; i < sum.length; i++) head.w[i] = sum[i] / p.epochs
    for (let i = 0; i < dsum.length; i++) head.dw[i] = dsum[i] / p.epochs
  }
  return head
}

export const argmax = (v: ArrayLike<number>) => {
  let b = 0
  for (let i = 1; i < v.length; i++) if (v[i] > v[b]) b = i
  return b
}

/** Fold of each row: shuffled with the fixed seed, position mod k. */
export function folds(n: number, k: number, seed = SEED): Int32Array {
  const order = Array.from({ length: n }, (_, i) => i)
  const rand = rng(seed)
  for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j], order[i]] }
  const fold = new Int32Array(n)
  order.forEach((i, pos) => (fold[i] = pos % k))
  return fold
}

/** Out-of-fold probabilities: `trainable(r)` rows join every fold's training; `scored(r)` rows get predictions. */
export function outOfFold(classes: readonly string[], data: Row[], fold: Int32Array, k: number, p: TrainParams): Float64Array[] {
  const oof: Float64Array[] = new Array(data.length)
  for (let f = 0; f < k; f++) {
    const head = trainHead(classes, data.filter((_, i) => fold[i] !== f), p)
    data.forEach((r, i) => fold[i] === f && (oof[i] = head.probs(r.ids, r.dense)))
  }
  return oof
}

/** Emotion label from probabilities the way the analyser does it: top emotion unless below `min`. */
export function emotionLabel(probs: ArrayLike<number>, classes: readonly string[], min: number): string {
  let best = -1
  for (let c = 0; c < classes.length; c++) if (classes[c] !== 'others' && (best < 0 || probs[c] > probs[best])) best = c
  return probs[best] >= min ? classes[best] : 'others'
}
