/**
 * The two reference detectors the eval compares against. Deliberately textbook: each interval is tested
 * against the mean of the trailing window, with no persistence, cooldown or gates.
 */
import { Window } from './robust.ts'

export interface PointDetector {
  update(t: number, value: number): boolean
}

/** Fires when (x − mean) / std of the trailing `window` exceeds `z`. */
export function createZScoreDetector(window = 48, z = 4): PointDetector {
  const w = new Window(window)
  return {
    update(_t, x) {
      const v = w.values()
      w.push(x)
      if (v.length < window) return false
      const mean = v.reduce((a, b) => a + b, 0) / v.length
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1))
      return sd > 0 ? (x - mean) / sd > z : x > mean
    },
  }
}

/** Fires when P(X ≥ x) < `alpha` for X ~ Poisson(mean of the trailing `window`). */
export function createPoissonDetector(window = 48, alpha = 1e-3): PointDetector {
  const w = new Window(window)
  return {
    update(_t, x) {
      const v = w.values()
      w.push(x)
      if (v.length < window) return false
      const lambda = Math.max(v.reduce((a, b) => a + b, 0) / v.length, 1e-9)
      return poissonUpperTail(x, lambda) < alpha
    },
  }
}

/** P(X ≥ k) for X ~ Poisson(λ), summed in log space (λ reaches the thousands, where e^−λ underflows). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1
  if (k <= lambda) return 1 - lowerTail(k - 1, lambda)
  const logPmf = (i: number) => -lambda + i * Math.log(lambda) - logGamma(i + 1)
  const top = logPmf(k)
  let sum = 0
  for (let i = k; ; i++) {
    const term = Math.exp(logPmf(i) - top)
    sum += term
    if (term < 1e-12) break
  }
  return Math.exp(top) * sum
}

/** P(X ≤ k), used only when k ≤ λ (the tail is then ≥ ~0.5 and precision hardly matters). */
function lowerTail(k: number, lambda: number): number {
  let sum = 0
  for (let i = Math.max(0, Math.floor(k)); i >= 0; i--) {
    const term = Math.exp(-lambda + i * Math.log(lambda) - logGamma(i + 1))
    sum += term
    if (term < 1e-16 * sum) break
  }
  return Math.min(1, sum)
}

/** ln Γ(x) by the Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0. */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  x -= 1
  let a = c[0]
  const t = x + 7.5
  for (let i = 1; i < 9; i++) a += c[i] / (x + i)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}
