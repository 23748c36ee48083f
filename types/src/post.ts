import type { Analysis } from './analysis.ts'

/** A post as producers send it to POST /api/ingest (one NDJSON line or one array element). */
export interface PostInput {
  id: string
  source: string
  /** ISO-8601 */
  createdAt: string
  text: string
  lang?: string
  author: { id: string; handle?: string; followers?: number; verified?: boolean }
  metrics?: { reposts?: number; likes?: number; replies?: number }
  repostOf?: string
  url?: string
}

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
}

export type EntityInfo = Omit<Entity, 'terms'>
