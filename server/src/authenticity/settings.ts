import { z } from 'zod'

/**
 * The `authenticity:` section of config/pulso.yaml: every key optional, over AUTHENTICITY_DEFAULTS. Each default says
 * why it is what it is (README "Authenticity"); none was fitted on evaluation data.
 */
export interface AuthenticitySettings {
  /** Copies of one script arrive within minutes; the same words an hour apart are more likely a shared slogan. */
  clusterWindowS: number
  /** k: two people can write the same short line by chance; three distinct accounts rarely do. */
  minClusterAuthors: number
  /**
   * Near-identical = both 32-bit SimHashes of the normalised text (character 3-grams and words) differ in at most
   * this many bits. A changed word or an added emoji moves 0–5 bits; unrelated posts on the same topic differ by ≥ 8.
   */
  maxHammingBits: number
  /**
   * A script floods the conversation while it runs; a phrase people repeat on their own is a few % of it. A group of
   * near-identical posts counts as a cluster only when it is at least this share of the entity's posts over its span.
   */
  minClusterShare: number
  /** Shorter normalised texts ("jajaja", "yes!") are not judged as copies: people write them alike on their own. */
  minWords: number
  /** An account created this many days before its post is "new" (the banner says "created this month"). */
  newAccountDays: number
  /** Below this many posts in a window, shares are noise: the verdict stays organic ("too few posts"). */
  minPosts: number
  coordinated: { copyShare: number; newAccountShare: number }
  mixed: { copyShare: number; newAccountShare: number; topAuthorShare: number; burstiness: number }
  /** label: alerts carry the verdict; hold: a coordinated alert is held (no webhook) as "suspected coordinated". */
  alertGate: 'off' | 'label' | 'hold'
  /** Posts read per entity and window at most (newest first): bounds the work of one read. */
  maxPostsPerEntity: number
  /**
   * The wall's tile: span shown, bucket width, how often it is recomputed, and the span of its verdict. The verdict
   * is over the last minute because the room asks whether *this* jump is real: a 40-second campaign is a few % of
   * ten minutes and would never show.
   */
  wall: { windowS: number; bucketS: number; everyS: number; verdictS: number }
}

export const AUTHENTICITY_DEFAULTS: AuthenticitySettings = {
  clusterWindowS: 600,
  minClusterAuthors: 3,
  maxHammingBits: 5,
  minClusterShare: 0.1,
  minWords: 5,
  newAccountDays: 30,
  minPosts: 20,
  // Half the volume from scripts is a manufactured storm whatever else happens; a majority of brand-new accounts is
  // one too, but only next to some copying or lock-step posting (a new network fills with new accounts honestly).
  coordinated: { copyShare: 0.5, newAccountShare: 0.6 },
  // Organic reactions copy little (quotes and slogans: a few %), few come from brand-new accounts, no 1% of authors
  // writes a third of them, and independent people do not post in lock-step (burstiness ~1–2).
  mixed: { copyShare: 0.15, newAccountShare: 0.3, topAuthorShare: 0.3, burstiness: 5 },
  alertGate: 'label',
  maxPostsPerEntity: 5000,
  wall: { windowS: 600, bucketS: 30, everyS: 5, verdictS: 60 },
}

const share = z.number().min(0).max(1)
export const authenticitySchema = z.strictObject({
  clusterWindowS: z.number().int().min(10).max(3600).optional(),
  minClusterAuthors: z.number().int().min(2).max(100).optional(),
  maxHammingBits: z.number().int().min(0).max(10).optional(),
  minClusterShare: share.optional(),
  minWords: z.number().int().min(1).max(50).optional(),
  newAccountDays: z.number().min(1).max(3650).optional(),
  minPosts: z.number().int().min(1).max(10_000).optional(),
  coordinated: z.strictObject({ copyShare: share, newAccountShare: share }).partial().optional(),
  mixed: z.strictObject({ copyShare: share, newAccountShare: share, topAuthorShare: share, burstiness: z.number().min(1).max(1000) }).partial().optional(),
  alertGate: z.enum(['off', 'label', 'hold']).optional(),
  maxPostsPerEntity: z.number().int().min(100).max(100_000).optional(),
  wall: z.strictObject({ windowS: z.number().int().min(60).max(6 * 3600), bucketS: z.number().int().min(5).max(3600), everyS: z.number().min(1).max(600), verdictS: z.number().int().min(10).max(6 * 3600) }).partial().optional(),
})

/** The section over the defaults (nested groups merged key by key). */
export function resolveAuthenticity(s: z.infer<typeof authenticitySchema> | undefined): AuthenticitySettings {
  const d = AUTHENTICITY_DEFAULTS
  return {
    ...d,
    ...s,
    coordinated: { ...d.coordinated, ...s?.coordinated },
    mixed: { ...d.mixed, ...s?.mixed },
    wall: { ...d.wall, ...s?.wall },
  }
}
