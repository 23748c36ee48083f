/**
 * Run-time scoring of the sentiment and emotion heads together. Both heads' weights are
 * interleaved per hash bucket (one cache line per feature instead of two), and the sum of a
 * token's own features (unigram + ~15 char n-grams) is cached on the token, so a post costs
 * one vector add per token plus its context features: that is what keeps the analysis near wink-nlp's
 * tokenising speed. Numerically identical to LinearHead.probs over expandIds().
 */
import type { Extracted, TokInfo } from './features.ts'
import { HASH_SIZE } from './hash.ts'
import type { LinearHead } from './model.ts'

export class Scorer {
  readonly K: number
  private readonly table: Float32Array
  private readonly acc: Float64Array
  /** One bit per bucket: set when it has any weight. Most run-time bigrams were never seen in
   * training; this 32 KB bitmap stays in cache and spares a miss into the 10 MB table. */
  private readonly live: Uint32Array

  constructor(private readonly heads: LinearHead[]) {
    this.K = heads.reduce((n, h) => n + h.C, 0)
    this.table = new Float32Array(HASH_SIZE * this.K)
    let off = 0
    for (const h of heads) {
      for (let i = 0; i < HASH_SIZE; i++) for (let c = 0; c < h.C; c++) this.table[i * this.K + off + c] = h.w[i * h.C + c]
      off += h.C
    }
    this.acc = new Float64Array(this.K)
    this.live = new Uint32Array(HASH_SIZE >>> 5)
    for (let i = 0; i < HASH_SIZE; i++)
      for (let k = 0; k < this.K; k++)
        if (this.table[i * this.K + k] !== 0) {
          this.live[i >>> 5] |= 1 << (i & 31)
          break
        }
  }

  private tokenVector(t: TokInfo, negated: boolean): Float32Array {
    const K = this.K
    const v = new Float32Array(K)
    const add = (id: number) => {
      if ((this.live[id >>> 5] & (1 << (id & 31))) === 0) return
      for (let k = 0; k < K; k++) v[k] += this.table[id * K + k]
    }
    // Same features as expandIds(): the unigram plain or negated, plus the char n-grams.
    add(negated ? t.neg : t.uni)
    for (let j = 0; j < t.chars.length; j++) add(t.chars[j])
    if (negated) t.vn = v
    else t.vp = v
    return v
  }

  /** Softmax probabilities per head, written into `outs[h]`. */
  score(x: Extracted, outs: Float64Array[]): void {
    const K = this.K
    const acc = this.acc
    const table = this.table
    acc.fill(0)
    const ids = x.ids
    const live = this.live
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]
      if ((live[id >>> 5] & (1 << (id & 31))) === 0) continue
      const base = id * K
      for (let k = 0; k < K; k++) acc[k] += table[base + k]
    }
    for (let i = 0; i < x.toks.length; i++) {
      const t = x.toks[i]
      const v = (x.negs[i] ? t.vn : t.vp) ?? this.tokenVector(t, x.negs[i])
      for (let k = 0; k < K; k++) acc[k] += v[k]
    }
    let off = 0
    for (let h = 0; h < this.heads.length; h++) {
      const head = this.heads[h]
      const out = outs[h]
      for (let c = 0; c < head.C; c++) out[c] = acc[off + c]
      for (let d = 0; d < head.denseSize; d++) {
        const val = x.dense[d]
        if (val !== 0) for (let c = 0; c < head.C; c++) out[c] += val * head.dw[d * head.C + c]
      }
      let max = -Infinity
      for (let c = 0; c < head.C; c++) if (out[c] > max) max = out[c]
      let sum = 0
      for (let c = 0; c < head.C; c++) sum += out[c] = Math.exp(out[c] - max)
      for (let c = 0; c < head.C; c++) out[c] /= sum
      off += head.C
    }
  }
}
