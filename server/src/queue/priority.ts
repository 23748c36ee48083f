/**
 * The queue's priority: 0–100, a weighted sum of seven components, each in [0, 1]. Defined twice on purpose:
 * `priority()` in TypeScript (unit-tested, used for reasons and for the page's own rows) and `prioritySql()` for
 * ClickHouse (so the whole queue is ranked and paginated by the store, live as reposts arrive). A test checks that
 * both agree on a grid of features. Weights and scales are documented in docs/queue.md.
 */
import type { Emotion, Nature, QueueIntent, QueueReason } from '@pulso/types'

export interface Features {
  intent: QueueIntent
  nature: Nature | null
  followers: number
  verified: boolean
  /** likes + replies + reposts (the larger of the reported count and the reposts seen). */
  engagement: number
  /** Reposts seen in the last velocity window, and in the window before it. */
  recent: number
  previous: number
  /** Negative emotion intensities in [0, 1]. */
  anger: number
  disgust: number
  fear: number
  sadness: number
  /** The author's customer tier and its value in [0, 1] (null / 0 when not a known customer). */
  tier: string | null
  tierValue: number
}

export type Weights = Record<'nature' | 'intent' | 'influence' | 'velocity' | 'engagement' | 'emotion' | 'customer', number>

/** They sum to 1, so the score is 100 only when every component is at its maximum. */
export const DEFAULT_WEIGHTS: Weights = { nature: 0.32, intent: 0.12, influence: 0.2, velocity: 0.16, engagement: 0.08, emotion: 0.07, customer: 0.05 }

/** A safety failure outranks a remark about price; a question or complaint with no nature found gets `none`. */
export const NATURE_VALUE: Record<Nature | 'none', number> = {
  safety: 1,
  product_failure: 0.75,
  claims_handling: 0.6,
  after_sales: 0.45,
  performance: 0.35,
  price: 0.2,
  none: 0.1,
}
/** A claim (refund, legal threat) is closest to escalating; a question is the mildest. */
export const INTENT_VALUE: Record<QueueIntent, number> = { claim: 1, complaint: 0.7, question: 0.4 }

// Scales: the count at which a log-scaled component reaches 1.
/** log10(followers) / 6: 100 followers → 0.33, 48k → 0.78, 1M → 1. */
const FOLLOWERS_DECADES = 6
const VERIFIED_BONUS = 0.15
/** ~55 reposts in the window (counting growth over the window before twice) → 1; 3 → 0.34, 10 → 0.6. */
const VELOCITY_DECADES = 1.75
/** 10k likes + replies + reposts → 1. */
const ENGAGEMENT_DECADES = 4

const NEGATIVE: Emotion[] = ['anger', 'disgust', 'fear', 'sadness']

export function components(f: Features): Weights {
  const growth = Math.max(0, f.recent - f.previous)
  return {
    nature: NATURE_VALUE[f.nature ?? 'none'],
    intent: INTENT_VALUE[f.intent],
    influence: Math.min(1, Math.log10(1 + f.followers) / FOLLOWERS_DECADES + (f.verified ? VERIFIED_BONUS : 0)),
    // Accelerating sharing counts twice: reposts now, plus how much now exceeds the window before.
    velocity: Math.min(1, Math.log10(1 + f.recent + growth) / VELOCITY_DECADES),
    engagement: Math.min(1, Math.log10(1 + f.engagement) / ENGAGEMENT_DECADES),
    emotion: Math.max(f.anger, f.disgust, f.fear, f.sadness),
    customer: f.tierValue,
  }
}

/** The raw score in [0, 100] (unrounded: ties and ordering use it; people see Math.round of it). */
export function priority(f: Features, w: Weights = DEFAULT_WEIGHTS): number {
  const c = components(f)
  const sum = (Object.keys(w) as (keyof Weights)[]).reduce((s, k) => s + w[k] * c[k], 0)
  return Math.min(100, 100 * sum)
}

/** `multiIf(col = 'a', 1, col = 'b', 0.5, dflt)`: on LowCardinality columns it compares dictionary codes, ~2× faster than transform(). */
const lookup = (col: string, values: Record<string, number>, dflt: number) =>
  `multiIf(${Object.entries(values)
    .map(([k, v]) => `${col} = '${k}', ${v.toFixed(6)}`)
    .join(', ')}, ${dflt.toFixed(6)})`

/**
 * The same score as a ClickHouse expression over columns named like Features (intent, nature ('' = none), followers,
 * verified, engagement, recent, previous, anger, disgust, fear, sadness, tier_value). Only constants are inlined.
 */
export function prioritySql(w: Weights = DEFAULT_WEIGHTS): string {
  const { none, ...natures } = NATURE_VALUE
  const parts: Record<keyof Weights, string> = {
    nature: lookup('nature', natures, none),
    intent: lookup('intent', INTENT_VALUE, 0),
    influence: `least(1., log10(1 + toFloat64(followers)) / ${FOLLOWERS_DECADES} + if(verified, ${VERIFIED_BONUS}, 0.))`,
    velocity: `least(1., log10(1 + toFloat64(recent) + greatest(0., toFloat64(recent) - toFloat64(previous))) / ${VELOCITY_DECADES})`,
    engagement: `least(1., log10(1 + toFloat64(engagement)) / ${ENGAGEMENT_DECADES})`,
    emotion: `toFloat64(greatest(anger, disgust, fear, sadness))`,
    customer: `toFloat64(tier_value)`,
  }
  const terms = (Object.keys(w) as (keyof Weights)[]).filter((k) => w[k] > 0).map((k) => `${w[k].toFixed(6)} * ${parts[k]}`)
  return `least(100., 100 * (${terms.join(' + ') || '0.'}))`
}

// Thresholds under which a component is not worth a reason on the wall.
const FOLLOWERS_REASON = 1000
const ENGAGEMENT_REASON = 100
const EMOTION_REASON = 0.3

/** What made the score, in a fixed order: nature and intent, reach, velocity, engagement, emotion, customer. */
export function reasons(f: Features, velocityMinutes: number): QueueReason[] {
  const out: QueueReason[] = [{ kind: 'nature', intent: f.intent, nature: f.nature }]
  if (f.followers >= FOLLOWERS_REASON) out.push({ kind: 'followers', n: f.followers })
  if (f.verified) out.push({ kind: 'verified' })
  if (f.recent > 0) out.push({ kind: 'reposts', n: f.recent, minutes: velocityMinutes })
  else if (f.engagement >= ENGAGEMENT_REASON) out.push({ kind: 'engagement', n: f.engagement })
  const e = strongestNegative(f)
  if (e && f[e as 'anger'] >= EMOTION_REASON) out.push({ kind: 'emotion', emotion: e })
  if (f.tier) out.push({ kind: 'customer', tier: f.tier })
  return out
}

export function strongestNegative(f: Pick<Features, 'anger' | 'disgust' | 'fear' | 'sadness'>): Emotion | null {
  let best: Emotion | null = null
  for (const e of NEGATIVE) if (f[e as 'anger'] > 0 && (!best || f[e as 'anger'] > f[best as 'anger'])) best = e
  return best
}
