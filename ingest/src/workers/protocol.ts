import type { Analysis } from '@pulso/types'

/** A batch for a worker: texts and source languages side by side (cheaper to clone than post objects). */
export interface Job {
  id: number
  texts: string[]
  langs: (string | null)[]
  /** Indices of the posts naming two or more entities: those get per-entity sentiment (the terms came by SetEntities). */
  targeted?: number[]
}

/** The monitored entities' terms (id → terms), sent at start-up and again on every config reload. */
export interface SetEntities {
  entities: Record<string, readonly string[]>
}

/** The worker's answer: one analysis per text (null where it failed, with the reason in errors). */
export interface Reply {
  id: number
  analyses: (Analysis | null)[]
  errors: { index: number; error: string }[]
}
