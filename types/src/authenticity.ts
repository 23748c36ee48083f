/** Is this surge real? Signals and verdict for one entity over a window (issue 20; see README "Authenticity"). */
export type AuthenticityVerdict = 'organic' | 'mixed' | 'coordinated'

/** Posts by different authors whose normalised text is near-identical, within the cluster window. */
export interface CopyCluster {
  /** Posts in the cluster. */
  size: number
  /** Distinct authors in it. */
  authors: number
  /** Up to 20 of their handles (ids when an author has no handle). */
  handles: string[]
  /** The earliest post's text, as written. */
  sample: string
  /** First and last post, ms. */
  first: number
  last: number
  /** Up to 200 post ids, earliest first (the evidence export lists them). */
  ids: string[]
}

/** An account worth a look: new, in copy clusters, or among the heaviest posters of the window. */
export interface SuspectAccount {
  id: string
  handle: string
  /** When the network says the account was created (ms), null when it did not say. */
  createdAt: number | null
  posts: number
  /** Its posts that sit in copy clusters. */
  copies: number
  /** Created within `newAccountDays` before its post. */
  newAccount: boolean
}

export interface Authenticity {
  entity: string
  from: number
  to: number
  /** Posts in the window (reposts included: they are volume) and their distinct authors. */
  posts: number
  authors: number
  /** Share of posts in copy-paste clusters of at least k distinct authors (reposts are never copies). */
  copyShare: number
  /** Share of posts by accounts created within `newAccountDays` before posting, and how many such accounts. */
  newAccountShare: number
  newAccounts: number
  /** An account this young (days before its post) counted as new. */
  newAccountDays: number
  /** Share of posts by the top 1% of authors (at least one author), and posts per author. */
  topAuthorShare: number
  postsPerAuthor: number
  /** Per-second volume's dispersion around its own trend: ~1 when posts arrive independently, higher in lock-step. */
  burstiness: number
  verdict: AuthenticityVerdict
  /** Which thresholds decided the verdict, e.g. "copyShare 0.72 ≥ 0.5". */
  reasons: string[]
  evidence: { clusters: CopyCluster[]; accounts: SuspectAccount[] }
}

/** Posts per time bucket: suspect = in a copy cluster or by a new account; organic = the rest. */
export interface AuthenticityBucket {
  t: number
  organic: number
  suspect: number
  /** Of the suspect posts, those in copy-paste clusters (the volume chart's organic-only line leaves them out). */
  copies: number
}

/** What the wall's authenticity tile reads: each entity's window, its last minute, and organic/suspect buckets. */
export interface AuthenticityBoard {
  at: number
  from: number
  to: number
  bucketS: number
  /** An account this young counts as new (the banner says "created this month" at 30). */
  newAccountDays: number
  /** Per entity: the whole window (buckets, clusters), and the last `verdictS` seconds (the tile's verdict: now). */
  entities: { authenticity: Authenticity; recent: Authenticity; buckets: AuthenticityBucket[] }[]
}
