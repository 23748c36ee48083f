/** Confidence calibration: temperature scaling (one scalar per language) and expected calibration error. */

/** Probabilities raised to 1/T and renormalised (T > 1 softens, T < 1 sharpens), in place. */
export function applyTemperature(p: Float64Array | number[], t: number): void {
  if (t === 1) return
  let sum = 0
  for (let c = 0; c < p.length; c++) sum += p[c] = Math.pow(Math.max(p[c], 1e-12), 1 / t)
  for (let c = 0; c < p.length; c++) p[c] /= sum
}

/** The T in [0.5, 3] (step 0.05) that minimises the negative log-likelihood of `gold`. */
export function fitTemperature(probs: Float64Array[], gold: number[]): number {
  let best = { t: 1, nll: Infinity }
  for (let t = 0.5; t <= 3.0001; t += 0.05) {
    let nll = 0
    for (let i = 0; i < probs.length; i++) {
      const p = probs[i].slice()
      applyTemperature(p, t)
      nll -= Math.log(Math.max(p[gold[i]], 1e-12))
    }
    if (nll < best.nll) best = { t: Math.round(t * 100) / 100, nll }
  }
  return best.t
}

/** Expected calibration error over `bins` equal-width confidence bins: Σ (n_b / n) |accuracy_b − confidence_b|. */
export function ece(confidence: number[], correct: boolean[], bins = 10): number {
  const n = new Array(bins).fill(0), acc = new Array(bins).fill(0), conf = new Array(bins).fill(0)
  confidence.forEach((c, i) => {
    const b = Math.min(bins - 1, Math.floor(c * bins))
    n[b]++
    conf[b] += c
    if (correct[i]) acc[b]++
  })
  let e = 0
  for (let b = 0; b < bins; b++) if (n[b]) e += Math.abs(acc[b] - conf[b]) / confidence.length
  return e
}
