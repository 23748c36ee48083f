import type { Analysis } from './analysis.ts'

/** A post as producers send it to POST /api/ingest (one NDJSON line or one array element). */
export interface PostInput {
  id: string
  source: string
  /** ISO-8601 */
  createdAt: string
  text: string
  lang?: string
  /** createdAt: when the author's account was created (ISO-8601), where the network says so. */
  author: { id: string; handle?: string; followers?: number; verified?: boolean; createdAt?: string }
  metrics?: { reposts?: number; likes?: number; replies?: number }
  repostOf?: string
  /** The id of the post this one answers (same source), when it is a reply. */
  replyTo?: string
  /** The id of the post this one quotes (same source), when it quotes one. */
  quoteOf?: string
  url?: string
}

/** A stored post's identity: exactly-once and removals are by (source, id). */
export interface PostKey {
  source: string
  id: string
}

/**
 * Why a post left the store (recorded in post_removals): deleted or un-reposted at the source, replaced by its edited
 * version, or purged with its whole source by an operator.
 */
export type RemovalReason = 'deleted' | 'edited' | 'purged'

/** A validated post after entity matching and analysis: what the writer stores. */
export interface ScoredPost {
  post: PostInput
  createdAtMs: number
  receivedAtMs: number
  entities: string[]
  analysis: Analysis
}

export interface Entity {
  id: string
  name: string
  /** A board groups entities: e.g. 'debate' candidates, or 'brand'. */
  group: string
  color: string
  /** Words, "quoted phrases", #hashtags and @handles. */
  terms: string[]
  /** Customer care (default true): questions, complaints and claims about it reach the queue; false for people and topics. */
  care?: boolean
}

export type EntityInfo = Omit<Entity, 'terms'>
