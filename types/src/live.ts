import type { EmotionScores, Emotion, Intent } from './analysis.ts'
import type { EntityInfo } from './post.ts'
import type { SourceStatus } from './sources.ts'
import type { Authenticity } from './authenticity.ts'
import type { Incident, IncidentAction } from './incidents.ts'

/** One entity's figures for one second (sums, so seconds can be added up). */
export interface SeriesPoint {
  /** Start of the second, ms since epoch. */
  t: number
  entity: string
  posts: number
  authors: number
  sentimentSum: number
  positive: number
  negative: number
  emotions: EmotionScores
  intents: Record<Intent, number>
}

/** One entity over the rolling window (default the last 60 s). */
export interface EntityWindow {
  entity: string
  posts: number
  /** posts / window seconds */
  volume: number
  authors: number
  /** net sentiment in [-1, 1]: (positive − negative) / posts, per-entity labels where the post has them; null when no posts */
  sentiment: number | null
  positive: number
  negative: number
  /** shares of emotion intensity, summing to 1 (all 0 when no posts) */
  emotions: EmotionScores
  dominantEmotion: Emotion | null
  intents: Record<Intent, number>
}

export interface Tick {
  /** Server clock when the tick was computed, ms. */
  at: number
  /** created_at of the newest stored post, ms (null when none): the wall shows "data N s old" from it. */
  dataAt: number | null
  /**
   * Start of the earliest stored second of the last hour, ms (null when none): where the stored data begins. A span
   * before it is unknown, not quiet: the cards' trend says "collecting" until it covers the minute before. Absent from
   * servers that predate it.
   */
  dataSince?: number | null
  windowSeconds: number
  entities: EntityWindow[]
  /** Per-second points for the last few seconds (replace by t+entity on the client: late posts amend them). */
  points: SeriesPoint[]
  /** Where posts come from: state, rate, lag, errors, replay progress. */
  sources: SourceStatus[]
}

export interface AlertDriver {
  term: string
  kind: 'term' | 'hashtag' | 'author'
  observed: number
  expected: number
  /** observed / expected, smoothed */
  lift: number
  /** Log-likelihood ratio G² of the spike window against the baseline (the ranking; ≥ 3.84 is p < 0.05). */
  g?: number
}

/** A top post of a spike. Its count against the baseline: `observed` = posts in the spike window that are it or
 * echo it (repost, quote, reply), `expected` = the same in the baseline scaled to the spike's volume, as for terms. */
export interface AlertPost {
  id: string
  /** At most 280 characters. */
  text: string
  author: string
  url?: string
  reposts?: number
  likes?: number
  observed?: number
  expected?: number
}

export interface Alert {
  id: string
  entity: string
  /** 'volume' | 'authors' | 'negative_share' | 'emotion:anger' ... */
  metric: string
  severity: 1 | 2 | 3 | 4 | 5
  onset: number
  detectedAt: number
  observed: number
  expected: number
  drivers: AlertDriver[]
  /** The spike's top posts, with their echo against the baseline (issue 18; older alerts carry only id/text/author). */
  posts: AlertPost[]
  emotion: Emotion | null
  status: 'open' | 'acknowledged' | 'false_positive'
  /** Issue 20: how real the spike window's posts look (absent when the alert gate is off or the read failed). */
  authenticity?: Authenticity
  /** What the room is told it is: a public reaction, or suspected coordinated (coordinated verdict). */
  gate?: 'public_reaction' | 'suspected_coordinated'
  /** Held by the gate (`alertGate: hold`): suspected coordinated, so no webhook page went out. */
  held?: boolean
}

export interface Snapshot {
  entities: EntityInfo[]
  demo: boolean
  tick: Tick
  /** Per-second points for the last `historySeconds`. */
  history: SeriesPoint[]
  historySeconds: number
  alerts: Alert[]
  /** A replay's only (GET /api/replay): the incidents behind its alerts as they were at that second. A live wall
   * reads today's incidents over REST and the `incident` push. */
  incidents?: Incident[]
}

/** socket.io events, typed on both ends: `Server<ClientToServerEvents, ServerToClientEvents>`. */
export interface ServerToClientEvents {
  snapshot: (s: Snapshot) => void
  tick: (t: Tick) => void
  alert: (a: Alert) => void
  /** An incident opened or changed (issue 18); walls and the control page replace it by id. */
  incident: (i: Incident) => void
  /** A moment was marked, or deleted (`deleted: true`). Walls refetch its reaction over REST. */
  moment: (m: Moment) => void
  /** Top posts and rising terms, every few seconds (see server/src/store/feed.ts). */
  feed: (f: Feed) => void
  /** A client event was refused (bad payload, wrong role, failure) and the client sent no ack to answer. */
  'client:error': (e: { event: string; error: string }) => void
}

/** Every client event's answer, through its ack callback: `{ ok: true }` or why not. */
export type EventAnswer = { ok: true } | { ok: false; error: string }

/** Client → server events. Each takes an optional ack; the server validates every payload (server/src/realtime). */
export interface ClientToServerEvents {
  'alert:status': (p: { id: string; status: Alert['status'] }, ack?: (r: EventAnswer) => void) => void
  /** Act on an incident (admin): acknowledge, snooze, resolve, reopen, assign, note. */
  'incident:action': (p: { id: string } & IncidentAction, ack?: (r: EventAnswer) => void) => void
}

/** An operator's mark on the timeline ("Candidate B on pensions"). */
export interface Moment {
  id: string
  label: string
  /** When it happened, ms. */
  at: number
  /** The board (entity group) it belongs to; null = every board. */
  board: string | null
  by: string
  deleted?: boolean
}

/** One entity's posts and net sentiment ((positive − negative) / posts) over a span. */
export interface ReactionFigures {
  posts: number
  /** null when the span has no posts: nobody spoke, which is not a neutral reading (0). */
  net: number | null
}

/**
 * How each entity reacted to a moment: the `seconds` after it against the same `seconds` before, where `seconds` is
 * the after-window so far, up to N minutes (equal windows, so a fresh moment is not set against minutes of history).
 */
export interface MomentReaction {
  momentId: string
  minutes: number
  /** Length of each compared window, seconds (≤ minutes × 60). */
  seconds: number
  /** True while the after-window is too short to compare (under 30 s): show "collecting…", not figures. */
  collecting: boolean
  /** False while the "after" span is still running. */
  complete: boolean
  entities: {
    entity: string
    before: ReactionFigures
    after: ReactionFigures
    postsChange: number
    /** after.net − before.net; null when either span has no posts (no net sentiment to compare). */
    netChange: number | null
    /**
     * 95% half-widths: postsChange ± postsMargin (Poisson counts), netChange ± netMargin (normal approximation);
     * netMargin is null when netChange is.
     */
    postsMargin: number
    netMargin: number | null
  }[]
}

/** A post of the live feed: entity terms marked, reposts of it in the span collapsed into `copies`. */
export interface FeedPost {
  id: string
  author: string
  followers: number
  lang: string
  createdAt: number
  entities: string[]
  sentiment: 'positive' | 'negative' | 'neutral'
  /** How sure that reading is (calibrated sentiment confidence, 0–1): the wall shows one under 0.5 as unsure. */
  confidence: number
  /** The text cut into runs; `mark` runs are entity terms. */
  runs: { text: string; mark: boolean }[]
  reposts: number
  /** Reposts of this post seen in the span (collapsed into this row). */
  copies: number
  score: number
}

/** A term or hashtag over-represented in the recent minutes against the hour before. */
export interface RisingTerm {
  term: string
  recent: number
  base: number
  /** share of recent posts with the term / share of base posts with it (smoothed by half a post) */
  lift: number
  /** Log-likelihood ratio G² of recent against base (the ranking; ≥ 3.84 is p < 0.05). */
  g?: number
}

export interface FeedBoard {
  posts: FeedPost[]
  rising: RisingTerm[]
  /**
   * What `rising` compared: the last `recentS` seconds against the `baseS` seconds of stored posts before them (up to
   * the hour). `baseS` 0: under a minute of posts before the recent window (a session that just started), so nothing
   * can be said to rise: `rising` then holds the recent window's most cited terms (lift 0), and the wall says so.
   * `at`: the time they describe (ms). The live push recomputes them every 30 s and sends the last ones between, so
   * the tile's age is counted from here, not from the push.
   */
  risingWindow: { recentS: number; baseS: number; at: number }
}

/** The feed at one time: per board ('' = all entities). */
export interface Feed {
  at: number
  boards: Record<string, FeedBoard>
}
