/** The queue as cases: posts saying the same thing about the same entity, worked as one (see docs/queue.md). */
import type { Nature } from './analysis.ts'
import type { EntityInfo } from './post.ts'
import type { QueueAction, QueueIntent, QueueStatus } from './queue.ts'

export interface CaseAuthor {
  id: string
  handle: string
  followers: number
  verified: boolean
}

export interface QueueCase {
  /** Stable as posts arrive: a hash of the entity and the case's earliest post. */
  id: string
  entity: string
  /** Posts in the case (those with the listed statuses). */
  count: number
  /** Distinct authors. */
  authors: number
  /** The most influential author (followers, verified first among equals). */
  topAuthor: CaseAuthor
  /** max(post priority) + size and growth terms, 0–100 (docs/queue.md). */
  priority: number
  /** The highest single post's priority, and the case's size and growth terms, so the number can be explained. */
  parts: { top: number; size: number; growth: number }
  /** Posts in the last velocity window, and in the window before it. */
  recent: number
  previous: number
  first: { id: string; at: number }
  latest: { id: string; at: number }
  /** The most influential author's post: what the case says. */
  sample: { id: string; text: string; author: CaseAuthor; url: string; lang: string }
  /** Intent and nature of the highest-priority post (picks the answer template). */
  intent: QueueIntent
  nature: Nature | null
  /** The earliest deadline among its posts, ms. */
  deadline: number
  /** open while any post is open; assigned when every post is. */
  status: QueueStatus
  assignee: string | null
  postIds: string[]
}

export interface CasesPage {
  at: number
  /** Cases found (before `limit`). */
  total: number
  limit: number
  /** More queued posts than `cases.maxPosts`: the lowest-priority ones were left out. */
  truncated: boolean
  /** The window `recent` counts in (minutes). */
  velocityMinutes: number
  /** The confidence floor applied (the request's, or the settings' `queue.minConfidence`). */
  minConfidence: number
  cases: QueueCase[]
  /** Per entity: open posts, high-risk, deadlines missed, the next deadline (ms, null when none). */
  sla: Record<string, EntitySla>
  entities: EntityInfo[]
}

export interface EntitySla {
  open: number
  highRisk: number
  missed: number
  nextDeadline: number | null
}

/** One post of an opened case, with its context. */
export interface CasePost {
  id: string
  text: string
  url: string
  lang: string
  createdAt: number
  author: CaseAuthor
  priority: number
  status: QueueStatus
  /** The post it replies to / quotes, when the source said so (null: none or not known). */
  replyTo: string | null
}

export interface CaseDetail {
  case: QueueCase
  posts: CasePost[]
  /** Posts of the same thread(s) outside the case (parents and replies), oldest first; `known` false when the store keeps no reply links. */
  thread: { known: boolean; posts: CasePost[] }
  /** Per author in the case: earlier complaints and claims about this entity (within `historyDays`). */
  history: Record<string, { complaints: number; claims: number; first: number | null }>
  sla: EntitySla
  actions: { postId: string; action: QueueAction; by: string; note: string; at: number; assignee: string | null }[]
}

/** Answer templates: per nature (or `default`), per language. */
export type AnswerTemplates = Record<Nature | 'default', { es: string; en: string }>
