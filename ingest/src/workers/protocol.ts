import type { Analysis } from '@pulso/types'

/** A batch for a worker: texts and source languages side by side (cheaper to clone than post objects). */
export interface Job {
  id: number
  texts: string[]
  langs: (string | null)[]
}

/** The worker's answer: one analysis per text (null where it failed, with the reason in errors). */
export interface Reply {
  id: number
  analyses: (Analysis | null)[]
  errors: { index: number; error: string }[]
}
