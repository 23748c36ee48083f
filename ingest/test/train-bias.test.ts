// The trainer's per-class decision offsets (scripts/bias.ts): they must fix a systematic lean towards one class,
// and the nested check must refuse them when the probabilities carry no lean to fix.
import { describe, expect, it } from 'vitest'
import { biasedLabel, chooseBias, fitBias, withOffsets } from '../scripts/bias.ts'
import { rng } from '../scripts/data.ts'

/** Balanced gold labels; probabilities that favour the true class by `signal`, plus `lean` toward positive. */
function posts(n: number, signal: number, lean: number, seed: number) {
  const rand = rng(seed)
  const gold: number[] = [], probs: Float64Array[] = [], fold: number[] = []
  for (let i = 0; i < n; i++) {
    const y = i % 3
    const z = [0, 1, 2].map((c) => (c === y ? signal : 0) + (c === 2 ? lean : 0) + (rand() - 0.5) * 2)
    const e = z.map(Math.exp), s = e[0] + e[1] + e[2]
    gold.push(y)
    probs.push(Float64Array.from(e.map((v) => v / s)))
    fold.push(Math.floor(rand() * 5))
  }
  return { gold, probs, fold }
}

describe('per-class decision offsets', () => {
  it('pull back a class the probabilities over-predict, and the nested check keeps them', () => {
    const { gold, probs, fold } = posts(1800, 0.6, 0.8, 7)
    const b = fitBias(gold, probs)
    expect(b[2]).toBeLessThan(b[0]) // positive loses ground to negative
    const predicted = (bs: number[]) => probs.filter((p) => biasedLabel(p, bs) === 'positive').length / probs.length
    expect(predicted([0, 0, 0])).toBeGreaterThan(0.45) // the lean: far more than a third called positive
    expect(predicted(b)).toBeLessThan(predicted([0, 0, 0]) - 0.05)
    const r = chooseBias(gold, probs, fold, 5)
    expect(r.nested).toBeGreaterThan(r.plain + 0.02)
    expect(r.bias).toEqual(b)
  })

  it('are refused when there is no lean to fix (nested no better than none)', () => {
    const { gold, probs, fold } = posts(1800, 0.8, 0, 11)
    const r = chooseBias(gold, probs, fold, 5)
    expect(r.bias).toEqual(r.nested > r.plain ? fitBias(gold, probs) : [0, 0, 0])
    expect(Math.abs(r.nested - r.plain)).toBeLessThan(0.02)
  })

  it('shift log-probabilities and renormalise', () => {
    const q = withOffsets(Float64Array.from([0.2, 0.3, 0.5]), [0.1, 0, -0.2])
    expect(q[0] + q[1] + q[2]).toBeCloseTo(1, 12)
    expect(Math.log(q[0] / q[2])).toBeCloseTo(Math.log(0.2 / 0.5) + 0.3, 12)
  })
})
