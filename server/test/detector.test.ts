import { beforeEach, describe, expect, it } from 'vitest'
import {
  createCountDetector,
  createShareDetector,
  DEFAULTS,
  parseOptionFlags,
  resolveOptions,
  severityOf,
  type Decision,
} from '../src/alerts/detector/index.ts'
import { logGamma, poissonUpperTail } from '../src/alerts/detector/baselines.ts'
import { parseNabCsv, scoreSeries } from '../src/alerts/detector/nab.ts'

// --- seeded noise: social counts are negative-binomial (a Poisson whose rate itself jitters, gamma-mixed) ---
function rng(seed: number) {
  let a = seed >>> 0
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
  // Marsaglia–Tsang, shape ≥ 1
  const gamma = (shape: number) => {
    const d = shape - 1 / 3
    const c = 1 / Math.sqrt(9 * d)
    for (;;) {
      const x = normal()
      const v = (1 + c * x) ** 3
      if (v > 0 && Math.log(1 - uniform()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v
    }
  }
  const poisson = (lambda: number) => {
    if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()))
    let k = 0
    for (let p = uniform(), l = Math.exp(-lambda); p > l; p *= uniform()) k++
    return k
  }
  /** NB with mean mu and variance mu + phi·mu² */
  const negBinomial = (mu: number, phi: number) => poisson((mu * gamma(1 / phi)) * phi)
  return { uniform, negBinomial }
}

/** Realistic over-dispersion measured on the NAB tweet series is φ ≈ 0.02–0.05; use the noisy end. */
const PHI = 0.05

function feed(values: number[], opts = {}, authors?: (v: number) => number): { i: number; d: Decision }[] {
  const det = createCountDetector(opts)
  const out: { i: number; d: Decision }[] = []
  values.forEach((v, i) => {
    const d = det.update(i * 1000, v, authors?.(v))
    if (d) out.push({ i, d })
  })
  return out
}

describe('count detector: steady streams stay quiet', () => {
  for (const seconds of [1, 5]) {
    for (const rate of [1, 10, 1000, 100_000]) {
      it(`${rate}/interval at ${seconds}-s intervals for 10 min, then catches a surge`, () => {
        const r = rng(rate * 7 + seconds)
        const n = 600 / seconds
        const steady = Array.from({ length: n }, () => r.negBinomial(rate, PHI))
        expect(feed(steady)).toEqual([])
        expect(feed(steady, {}, (v) => Math.ceil(v * 0.7))).toEqual([])
        // The same detector is armed: a noisy fivefold surge (at least +30 posts) right after is caught within
        // 4 intervals (usually 2: the jump, then persistence) and its onset is the surge's first interval.
        const surge = Array.from({ length: 10 }, () => r.negBinomial(Math.max(rate * 5, rate + 30), PHI))
        const alerts = feed([...steady, ...surge])
        expect(alerts.length).toBeGreaterThan(0)
        expect(alerts[0].i - n).toBeLessThanOrEqual(3)
        expect(alerts[0].d.onset).toBeGreaterThanOrEqual(n * 1000)
        expect(alerts[0].d.onset).toBeLessThanOrEqual(alerts[0].d.t)
      })
    }
  }
})

describe('count detector: behaviour', () => {
  let r = rng(42)
  beforeEach(() => {
    r = rng(42)
  })
  const base = () => Array.from({ length: 100 }, () => r.negBinomial(50, 0.02))

  it('fires on a huge single interval at once, with a high severity and the right numbers', () => {
    const alerts = feed([...base(), 1500])
    expect(alerts).toHaveLength(1)
    expect(alerts[0].i).toBe(100)
    expect(alerts[0].d.value).toBe(1500)
    expect(Math.abs(alerts[0].d.expected - 50)).toBeLessThan(10)
    expect(alerts[0].d.severity).toBeGreaterThanOrEqual(4)
  })

  it('needs persistence for a moderate jump: one blip is silent, two in a row fire', () => {
    const s = base()
    // ~2.8× the level: above the threshold but below threshold × instantFactor
    expect(feed([...s, 140, 50, 50])).toEqual([])
    const two = feed([...s, 140, 142])
    expect(two.map((a) => a.i)).toEqual([101])
    expect(two[0].d.onset).toBe(100_000)
    expect(feed([...s, 140], { persistence: 1 }).map((a) => a.i)).toEqual([100])
  })

  it('stays silent during cooldown, then alerts again', () => {
    const s = base()
    const calm = (k: number) => Array.from({ length: k }, () => 50)
    const soon = feed([...s, 1500, ...calm(10), 1500])
    expect(soon.map((a) => a.i)).toEqual([100])
    const later = feed([...s, 1500, ...calm(DEFAULTS.cooldown + 5), 1500])
    expect(later.map((a) => a.i)).toEqual([100, 100 + DEFAULTS.cooldown + 6])
  })

  it('gates: minimum volume and unique authors', () => {
    // A quiet stream of zeros: a handful of posts is a big relative move but below minCount.
    expect(feed([...Array(50).fill(0), 5, 6, 7])).toEqual([])
    expect(feed([...Array(50).fill(0), 30, 30]).length).toBe(1)
    // One account flooding: 1500 posts from 2 authors never alerts; from 900 authors it does.
    expect(feed([...base(), 1500], {}, (v) => (v > 500 ? 2 : v))).toEqual([])
    expect(feed([...base(), 1500], {}, (v) => Math.round(v * 0.6)).length).toBe(1)
  })

  it('treats zeros in a busy stream as a collection gap, so the recovery is not a surge', () => {
    const recovery = () => Array.from({ length: 20 }, () => r.negBinomial(50, 0.02))
    expect(feed([...base(), ...Array(30).fill(0), ...recovery()])).toEqual([])
    // A real collapse to a trickle becomes the new baseline, and the return from it is a surge.
    expect(feed([...base(), ...Array(30).fill(1), ...recovery()]).length).toBe(1)
  })

  it('absorbs a lasting level shift instead of alerting forever', () => {
    const s = [...base(), ...Array.from({ length: 300 }, () => r.negBinomial(400, 0.02))]
    expect(feed(s).length).toBe(1)
  })
})

describe('share detector', () => {
  let r = rng(7)
  beforeEach(() => {
    r = rng(7) // each test draws the same noise whether run alone or with the others
  })
  const binomial = (n: number, p: number) => Array.from({ length: n }).filter(() => r.uniform() < p).length

  function run(points: [number, number][], opts = {}) {
    const det = createShareDetector(opts)
    return points.flatMap(([hits, total], i) => {
      const d = det.update(i, hits, total)
      return d ? [{ i, d }] : []
    })
  }

  it('a steady negative share stays quiet at small and large volume, and a jump fires', () => {
    for (const total of [25, 400, 5000]) {
      const steady = Array.from({ length: 300 }, () => [binomial(total, 0.2), total] as [number, number])
      expect(run(steady)).toEqual([])
      const jump = Array.from({ length: 3 }, () => [binomial(total, 0.6), total] as [number, number])
      const alerts = run([...steady, ...jump])
      expect(alerts.length).toBe(1)
      expect(alerts[0].i).toBeLessThanOrEqual(301)
      expect(alerts[0].d.expected).toBeCloseTo(0.2, 1)
    }
  })

  it('ignores tiny volumes, empty intervals and shifts below minShift', () => {
    const steady = Array.from({ length: 60 }, () => [binomial(10_000, 0.3), 10_000] as [number, number])
    expect(run([...steady, [8, 10], [9, 10]])).toEqual([]) // below minTotal
    expect(run([...steady, [0, 0], [0, 0]])).toEqual([])
    // +5 points on 10 000 posts: statistically clear (z ≈ 10), but below a minShift of 6 points
    expect(run([...steady, [3500, 10_000], [3500, 10_000]], { minShift: 0.06 })).toEqual([])
    expect(run([...steady, [3500, 10_000], [3500, 10_000]]).length).toBe(1)
  })

  it('rejects impossible input', () => {
    expect(() => createShareDetector().update(0, 5, 3)).toThrow(RangeError)
  })
})

describe('severity and options', () => {
  it('severity climbs one step per doubling beyond the threshold, capped at 5', () => {
    expect([5, 9.9, 10, 20, 40, 80, 1e9].map((s) => severityOf(s, 5))).toEqual([1, 1, 2, 3, 4, 5, 5])
  })
  it('validates knobs and parses CLI flags', () => {
    expect(() => resolveOptions({ threshold: -1 })).toThrow(RangeError)
    expect(() => resolveOptions({ baseline: 0 })).toThrow(RangeError)
    expect(resolveOptions({ minHistory: 1000 }).minHistory).toBe(DEFAULTS.baseline)
    expect(parseOptionFlags(['--threshold=6', 'a.csv'])).toEqual({ opts: { threshold: 6 }, rest: ['a.csv'] })
    expect(() => parseOptionFlags(['--nope=1'])).toThrow(/unknown/)
  })
})

describe('NAB helpers', () => {
  it('parses CSV and scores hits, episodes and probation', () => {
    const rows = Array.from({ length: 100 }, (_, i) => `2015-03-01 ${String(Math.floor(i / 12)).padStart(2, '0')}:${String((i % 12) * 5).padStart(2, '0')}:00,${i}`)
    const s = parseNabCsv(['timestamp,value', ...rows].join('\n'))
    expect(s.values).toHaveLength(100)
    const t = s.times
    const score = scoreSeries(
      t,
      [t[5], t[40], t[41], t[60], t[90], t[95]], // t[5] is in probation; t[40], t[41] one episode
      [[t[2], t[8]], [t[58], t[70]], [t[80], t[85]]], // first window ends in probation → not scored
      { episodeGap: 60 * 60 * 1000 },
    )
    expect(score).toMatchObject({ windows: 2, hits: 1, falseEpisodes: 2 })
    expect(score.delays).toEqual([(t[60] - t[58]) / 3_600_000])
  })

  it('Poisson tail matches a direct sum', () => {
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10)
    const direct = (k: number, l: number) => {
      let p = Math.exp(-l), cdf = 0
      for (let i = 0; i < k; i++, p *= l / i) cdf += p
      return 1 - cdf
    }
    for (const [k, l] of [[3, 2], [10, 4.5], [1, 0.3], [40, 20]]) expect(poissonUpperTail(k, l)).toBeCloseTo(direct(k, l), 9)
    expect(poissonUpperTail(1673, 60)).toBeLessThan(1e-300 + 1e-100)
  })
})
