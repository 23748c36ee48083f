/**
 * A multinomial logistic-regression head over hashed sparse features plus a few dense ones.
 * Weights are stored sparse (only buckets that training touched) as base64 typed arrays in a
 * gzipped JSON file, so the shipped file stays small and loads synchronously in a few ms.
 */
import fs from 'node:fs'
import zlib from 'node:zlib'
import { HASH_SIZE } from './hash.ts'

export interface HeadFile {
  classes: string[]
  denseSize: number
  /** Sorted bucket indices that carry weights, delta-encoded Int32, base64. */
  idx: string
  /** idx.length × classes Int8 weights, base64; weight = value × scale. */
  w: string
  scale: number
  /** denseSize × classes Float32 weights, base64. */
  dense: string
}

export class LinearHead {
  readonly C: number
  /** Dense table HASH_SIZE × C: lookups are one multiply-add per feature and class. */
  readonly w: Float32Array
  readonly dw: Float32Array
  /** Set when the weights came from a file: they are then exact multiples of it (8-bit steps). */
  scale?: number

  constructor(readonly classes: string[], readonly denseSize: number, w?: Float32Array, dw?: Float32Array) {
    this.C = classes.length
    this.w = w ?? new Float32Array(HASH_SIZE * this.C)
    this.dw = dw ?? new Float32Array(denseSize * this.C)
  }

  /** Class scores (logits) into `out`. Duplicate ids simply count twice (term frequency). */
  logits(ids: ArrayLike<number>, dense: ArrayLike<number>, out: Float64Array): Float64Array {
    const C = this.C
    out.fill(0)
    for (let i = 0; i < ids.length; i++) {
      const base = ids[i] * C
      for (let c = 0; c < C; c++) out[c] += this.w[base + c]
    }
    for (let k = 0; k < this.denseSize; k++) {
      const v = dense[k]
      if (v === 0) continue
      for (let c = 0; c < C; c++) out[c] += v * this.dw[k * C + c]
    }
    return out
  }

  /** Softmax probabilities in place. */
  probs(ids: ArrayLike<number>, dense: ArrayLike<number>, out = new Float64Array(this.C)): Float64Array {
    this.logits(ids, dense, out)
    let max = -Infinity
    for (let c = 0; c < this.C; c++) if (out[c] > max) max = out[c]
    let sum = 0
    for (let c = 0; c < this.C; c++) sum += out[c] = Math.exp(out[c] - max)
    for (let c = 0; c < this.C; c++) out[c] /= sum
    return out
  }

  /** Sparse, 8-bit quantised: buckets whose weights all round to 0 are dropped (most of the
   * hash table is tiny L2-shrunk noise), which keeps the shipped file around a megabyte. */
  toFile(): HeadFile {
    let max = 0
    for (let i = 0; i < this.w.length; i++) max = Math.max(max, Math.abs(this.w[i]))
    const scale = max / 127 || 1
    const idx: number[] = []
    const vals: number[] = []
    let prev = 0
    for (let i = 0; i < HASH_SIZE; i++) {
      let any = false
      for (let c = 0; c < this.C; c++) if (Math.round(this.w[i * this.C + c] / scale) !== 0) any = true
      if (!any) continue
      idx.push(i - prev)
      prev = i
      for (let c = 0; c < this.C; c++) vals.push(Math.round(this.w[i * this.C + c] / scale))
    }
    const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64')
    return { classes: this.classes, denseSize: this.denseSize, idx: b64(Int32Array.from(idx)), w: b64(Int8Array.from(vals)), scale, dense: b64(this.dw) }
  }

  static fromFile(f: HeadFile): LinearHead {
    const buf = (s: string) => {
      const b = Buffer.from(s, 'base64')
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)
    }
    const idx = new Int32Array(buf(f.idx))
    const vals = new Int8Array(buf(f.w))
    const C = f.classes.length
    const head = new LinearHead(f.classes, f.denseSize, undefined, new Float32Array(buf(f.dense)))
    head.scale = f.scale
    let at = 0
    for (let j = 0; j < idx.length; j++) {
      at += idx[j]
      for (let c = 0; c < C; c++) head.w[at * C + c] = vals[j * C + c] * f.scale
    }
    return head
  }
}

export interface ModelFile {
  version: 1
  trainedAt: string
  hashBits: number
  heads: Record<string, HeadFile>
  /** Tuned on val/dev splits; documented in the weights file so runs are auditable. */
  meta: Record<string, unknown>
}

export function saveModel(file: string, m: ModelFile): void {
  fs.writeFileSync(file, zlib.gzipSync(JSON.stringify(m), { level: 9 }))
}

export function loadModel(file: string): ModelFile | null {
  if (!fs.existsSync(file)) return null
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as ModelFile
}

/**
 * Nudge sentiment probabilities [neg, neu, pos] toward the word list's verdict: multiply by
 * exp(±beta·tanh(lexScore/3)) and renormalise. The trained head under-weights the word list on
 * English (few training posts per word); beta is tuned on the val splits by the trainer.
 */
export function blendLexicon(p: Float64Array, lexScore: number, beta: number): void {
  if (beta === 0 || lexScore === 0) return
  const s = Math.tanh(lexScore / 3) * beta
  p[0] *= Math.exp(-s)
  p[2] *= Math.exp(s)
  const sum = p[0] + p[1] + p[2]
  for (let c = 0; c < 3; c++) p[c] /= sum
}

