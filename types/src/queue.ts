/** The response queue: posts that need an answer, ranked by propagation risk (see docs/queue.md). */
import type { Emotion, Intent, Nature } from './analysis.ts'
import type { EntityInfo } from './post.ts'

/** Only these intents enter the queue. */
export const QUEUE_INTENTS = ['question', 'complaint', 'claim'] as const satisfies readonly Intent[]
export type QueueIntent = (typeof QUEUE_INTENTS)[number]

/** What an operator can do to an item; each is stored append-only with who and when. */
export const QUEUE_ACTIONS = ['assign', 'answered', 'dismiss', 'reopen'] as const
export type QueueAction = (typeof QUEUE_ACTIONS)[number]

/** Derived from the newest action: none/reopen → open, assign → assigned, answered, dismiss → dismissed. */
export const QUEUE_STATUSES = ['open', 'assigned', 'answered', 'dismissed'] as const
export type QueueStatus = (typeof QUEUE_STATUSES)[number]

/** Why an item ranks where it does, as data: the wall and the CSV word it in their language. */
export type QueueReason =
  | { kind: 'nature'; intent: QueueIntent; nature: Nature | null }
  | { kind: 'followers'; n: number }
  | { kind: 'verified' }
  | { kind: 'reposts'; n: number; minutes: number }
  | { kind: 'engagement'; n: number }
  | { kind: 'emotion'; emotion: Emotion }
  | { kind: 'customer'; tier: string }

export interface QueueItem {
  id: string
  source: string
  entities: string[]
  /** ms since epoch */
  createdAt: number
  author: { id: string; handle: string; followers: number; verified: boolean }
  text: string
  url: string
  lang: string
  intent: QueueIntent
  nature: Nature | null
  emotion: Emotion | null
  /** 0–100, higher = answer first. */
  priority: number
  /** How sure the post's reading is: its sentiment confidence (calibrated), 0–1. */
  confidence: number
  reasons: QueueReason[]
  /** Reposts seen in the last velocity window, and in all. */
  reposts: { recent: number; total: number }
  /** createdAt + the deadline tier of the current priority, ms. */
  deadline: number
  status: QueueStatus
  assignee: string | null
  /** The newest action, if any. */
  lastAction: { action: QueueAction; by: string; at: number } | null
}

export interface QueuePage {
  /** Server time of the query, ms: countdowns run from it. */
  at: number
  total: number
  /** The confidence floor applied (the request's, or the settings' `queue.minConfidence`). */
  minConfidence: number
  offset: number
  limit: number
  items: QueueItem[]
  /** The monitored entities (names, colours), for filters and labels. */
  entities: EntityInfo[]
}

/** What the wall's tile shows; pushed as the socket.io event `queue` and served at GET /api/queue/summary. */
export interface QueueSummary {
  at: number
  /** Items still open or assigned. */
  open: number
  /** Open items at or above the high-risk threshold. */
  highRisk: number
  highRiskMin: number
  /** Open items whose deadline has passed. */
  missed: number
  /** The few highest open items. */
  top: Pick<QueueItem, 'id' | 'entities' | 'priority' | 'intent' | 'nature' | 'deadline' | 'status'>[]
}

export interface QueueActionRecord {
  postId: string
  action: QueueAction
  assignee: string | null
  by: string
  note: string
  at: number
}

// The wall's queue tile listens for summaries on the same socket as ticks: sent on connect and whenever they change.
declare module './live.ts' {
  interface ServerToClientEvents {
    queue: (s: QueueSummary) => void
  }
}

const NATURE_WORDS: Record<'en' | 'es', Record<Nature, string>> = {
  en: { safety: 'safety', product_failure: 'product failure', claims_handling: 'claims handling', after_sales: 'after-sales', performance: 'performance', price: 'price' },
  es: { safety: 'seguridad', product_failure: 'fallo de producto', claims_handling: 'gestión de reclamaciones', after_sales: 'posventa', performance: 'rendimiento', price: 'precio' },
}
const INTENT_WORDS: Record<'en' | 'es', Record<QueueIntent, string>> = {
  en: { question: 'question', complaint: 'complaint', claim: 'claim' },
  es: { question: 'pregunta', complaint: 'queja', claim: 'reclamación' },
}
const EMOTION_WORDS: Record<'en' | 'es', Record<Emotion, string>> = {
  en: { anger: 'anger', disgust: 'disgust', fear: 'fear', joy: 'joy', sadness: 'sadness', surprise: 'surprise' },
  es: { anger: 'ira', disgust: 'asco', fear: 'miedo', joy: 'alegría', sadness: 'tristeza', surprise: 'sorpresa' },
}

/** 48000 → "48k", 1200000 → "1.2M": reasons are read at a glance. */
export function compactCount(n: number, lang: 'en' | 'es' = 'en'): string {
  return new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(n)
}

/** One reason in words, e.g. "safety complaint", "48k followers", "35 reposts in 10 min", "anger". */
export function reasonText(r: QueueReason, lang: 'en' | 'es' = 'en'): string {
  const es = lang === 'es'
  switch (r.kind) {
    case 'nature': {
      const i = INTENT_WORDS[lang][r.intent]
      if (!r.nature) return i
      const n = NATURE_WORDS[lang][r.nature]
      return es ? `${i} de ${n}` : `${n} ${i}`
    }
    case 'followers':
      return es ? `${compactCount(r.n, lang)} seguidores` : `${compactCount(r.n, lang)} followers`
    case 'verified':
      return es ? 'verificada' : 'verified'
    case 'reposts':
      return es ? `${compactCount(r.n, lang)} reposts en ${r.minutes} min` : `${compactCount(r.n, lang)} reposts in ${r.minutes} min`
    case 'engagement':
      return es ? `${compactCount(r.n, lang)} interacciones` : `${compactCount(r.n, lang)} interactions`
    case 'emotion':
      return EMOTION_WORDS[lang][r.emotion]
    case 'customer':
      return es ? `cliente ${r.tier}` : `${r.tier} customer`
  }
}

/** The reasons joined the way the wall shows them: "safety complaint · 48k followers · anger". */
export function reasonsText(rs: QueueReason[], lang: 'en' | 'es' = 'en'): string {
  return rs.map((r) => reasonText(r, lang)).join(' · ')
}
