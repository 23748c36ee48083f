/**
 * Run-time scoring of the sentiment and emotion heads together. The shipped weights are 8-bit
 * (model.ts), so the table keeps them as Int8, both heads interleaved per hash bucket: 2.6 MB
 * instead of 10 MB of floats, which mostly stays in the CPU cache. A token's own features
 * (unigram + ~15 char n-grams) are summed once per token and kept in one pooled array indexed by
 * the token's slot, so a post costs one short vector add per token plus its context features.
 * Same result as LinearHead.probs over expandIds() (to float rounding).
 */
import type { Extracted } from './features.ts'
import { HASH_SIZE } from './hash.ts'
import type { LinearHead } from './model.ts'

export class Scorer {
  readonly K: number
  private readonly table: Int8Array
  /** Per column: the weight of one Int8 step (each head's quantisation scale). */
  private readonly scale: Float64Array
  private readonly acc: Float64Array
  /** One token's sum while it is built (fill). */
  private readonly sum: Int32Array
  /** One bit per bucket: set when it has any weight. Most run-time n-grams were never seen in
   * training; this 32 KB bitmap stays in cache and spares a miss into the table. */
  private readonly live: Uint32Array
  /** Token sums (in Int8 steps) per slot, plain then negated: [slot][neg][K]. Int16 (half of Float32's
   * bytes: this pool is read once per token, mostly from memory) saturated at ±32767, which only a
   * "word" of more than 250 characters could reach. */
  private pool = new Int16Array(0)
  /** Per slot×2 + neg: 1 once the sum is in `pool`. */
  private filled = new Uint8Array(0)
  private generation = -1
  /** What the touching loads read, kept so the compiler cannot drop them. */
  private touched = 0
  /** Row offsets of the post being scored (score). */
  private rows = new Int32Array(256)

  constructor(private readonly heads: LinearHead[]) {
    this.K = heads.reduce((n, h) => n + h.C, 0)
    const K = this.K
    this.table = new Int8Array(HASH_SIZE * K)
    this.scale = new Float64Array(K)
    this.live = new Uint32Array(HASH_SIZE >>> 5)
    let off = 0
    for (const h of heads) {
      // Heads loaded from the weights file carry their scale; others (training, tests) are quantised here.
      let s = h.scale
      if (!s) {
        let max = 0
        for (let i = 0; i < h.w.length; i++) max = Math.max(max, Math.abs(h.w[i]))
        s = max / 127 || 1
      }
      for (let c = 0; c < h.C; c++) this.scale[off + c] = s
      for (let i = 0; i < HASH_SIZE; i++)
        for (let c = 0; c < h.C; c++) {
          const q = Math.round(h.w[i * h.C + c] / s)
          this.table[i * K + off + c] = q
          if (q !== 0) this.live[i >>> 5] |= 1 << (i & 31)
        }
      off += h.C
    }
    this.acc = new Float64Array(K)
    this.sum = new Int32Array(K)
  }

  /** Sum of a token's static features into the pool (same features as expandIds()). */
  private fill(x: Extracted, i: number, at: number): void {
    const t = x.toks[i]
    const K = this.K
    const sum = this.sum
    const table = this.table
    sum.fill(0)
    let base = (x.negs[i] ? t.neg : t.uni) * K
    for (let k = 0; k < K; k++) sum[k] += table[base + k]
    const chars = t.chars
    for (let j = 0; j < chars.length; j++) {
      base = chars[j] * K
      for (let k = 0; k < K; k++) sum[k] += table[base + k]
    }
    for (let k = 0; k < K; k++) this.pool[at + k] = Math.max(-32767, Math.min(32767, sum[k]))
  }

  private grow(slots: number): void {
    let n = Math.max(4096, this.filled.length >>> 1)
    while (n < slots) n *= 2
    const pool = new Int16Array(n * 2 * this.K)
    pool.set(this.pool)
    const filled = new Uint8Array(n * 2)
    filled.set(this.filled)
    this.pool = pool
    this.filled = filled
  }

  /**
   * Probabilities of head `h` (a sentiment head) over tokens [from, to) of the post last passed to score(),
   * skipping those flagged in `skip` (entity names): bias and language ids, the tokens' pooled sums and word
   * pairs. No dense or word-list features: they describe the whole post (adding the span's own lowered
   * per-entity accuracy on targets.jsonl, 0.70 → 0.65; the caller blends the span's word-list score instead).
   * Returns the number of tokens used (0: nothing to score).
   */
  span(x: Extracted, from: number, to: number, skip: Uint8Array, out: Float64Array, h = 0): number {
    const K = this.K
    const C = this.heads[h].C
    let off = 0
    for (let j = 0; j < h; j++) off += this.heads[j].C
    const acc = this.acc
    const table = this.table
    const pool = this.pool
    for (let c = 0; c < C; c++) acc[c] = 0
    // Bias and language ids (first and last context features), then each kept token and its word pair.
    let base = x.ids[0] * K + off
    for (let c = 0; c < C; c++) acc[c] += table[base + c]
    base = x.ids[x.ids.length - 1] * K + off
    for (let c = 0; c < C; c++) acc[c] += table[base + c]
    let used = 0
    for (let i = from; i < to; i++) {
      if (skip[i]) continue
      used++
      const at = (x.toks[i].slot * 2 + (x.negs[i] ? 1 : 0)) * K + off
      for (let c = 0; c < C; c++) acc[c] += pool[at + c]
      const bi = x.bis[i]
      if (bi >= 0) {
        base = bi * K + off
        for (let c = 0; c < C; c++) acc[c] += table[base + c]
      }
    }
    for (let c = 0; c < C; c++) out[c] = acc[c] * this.scale[off + c]
    let max = -Infinity
    for (let c = 0; c < C; c++) if (out[c] > max) max = out[c]
    let sum = 0
    for (let c = 0; c < C; c++) sum += out[c] = Math.exp(out[c] - max)
    for (let c = 0; c < C; c++) out[c] /= sum
    return used
  }

  /**
   * Softmax probabilities per head, written into `outs[h]`. `unused`: a head whose output the caller will not read (a
   * post reads one of the two sentiment heads, index.ts): when it is the first or the last head, its columns are left
   * out of the sums (3 of 19 adds per row) and its softmax is skipped; `outs[unused]` keeps its old values.
   */
  score(x: Extracted, outs: Float64Array[], unused = -1): void {
    const K = this.K
    const acc = this.acc
    const table = this.table
    const live = this.live
    acc.fill(0)
    // Slots are reassigned when the tokenizer clears its unseen cache: forget the old sums.
    if (x.generation !== this.generation) {
      this.generation = x.generation
      this.filled.fill(0)
      this.pool.fill(0)
    }
    if (x.slots * 2 > this.filled.length) this.grow(x.slots)
    const ids = x.ids
    const toks = x.toks
    const pool = this.pool
    // Touch every row this post reads before summing any: the loads are independent, so the CPU waits for their
    // cache misses (most rows are in memory: a 5 MB table, a pool of MBs) together instead of one after another.
    let touch = 0
    for (let i = 0; i < ids.length; i++) touch |= table[ids[i] * K]
    for (let i = 0; i < toks.length; i++) touch |= pool[(toks[i].slot * 2 + (x.negs[i] ? 1 : 0)) * K]
    this.touched = touch
    // Columns summed: [lo, hi), all but an unused first or last head's.
    const lo = unused === 0 ? this.heads[0].C : 0
    const hi = unused > 0 && unused === this.heads.length - 1 ? K - this.heads[unused].C : K
    // Rows are summed two at a time (one read and write of the accumulator per pair; the sums are of integers, exact
    // in any order): the row offsets are gathered first, skipping dead table rows and filling new tokens' pool rows.
    if (this.rows.length < ids.length + toks.length) this.rows = new Int32Array(2 * (ids.length + toks.length))
    const rows = this.rows
    let n = 0
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]
      if ((live[id >>> 5] & (1 << (id & 31))) !== 0) rows[n++] = id * K
    }
    sumPairs(acc, table, rows, 0, n, lo, hi)
    const t0 = n
    for (let i = 0; i < toks.length; i++) {
      const f = toks[i].slot * 2 + (x.negs[i] ? 1 : 0)
      const at = f * K
      if (this.filled[f] === 0) {
        this.fill(x, i, at)
        this.filled[f] = 1
      }
      rows[n++] = at
    }
    sumPairs(acc, pool, rows, t0, n, lo, hi)
    let off = 0
    for (let h = 0; h < this.heads.length; h++) {
      const head = this.heads[h]
      const out = outs[h]
      if (h === unused && (lo > 0 || hi < K)) {
        off += head.C
        continue
      }
      for (let c = 0; c < head.C; c++) out[c] = acc[off + c] * this.scale[off + c]
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

/** acc[lo, hi) += the rows of `t` starting at rows[from, to), two rows per pass. */
function sumPairs(acc: Float64Array, t: Int8Array | Int16Array, rows: Int32Array, from: number, to: number, lo: number, hi: number): void {
  let j = from
  for (; j + 1 < to; j += 2) {
    const a = rows[j]
    const b = rows[j + 1]
    for (let k = lo; k < hi; k++) acc[k] += t[a + k] + t[b + k]
  }
  if (j < to) for (let k = lo; k < hi; k++) acc[k] += t[rows[j] + k]
}
