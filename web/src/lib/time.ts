/**
 * Times from the URL, the store or another wall can be absurd (a moment marked in the year 300000). A Date past
 * ±8.64e15 ms makes toISOString and Intl throw, which would take a whole page down; the wall shows a dash instead.
 */

/** Earliest time the wall shows: the epoch (nothing Pulso stores is older). */
export const MIN_TIME = 0
/** Latest: the last second that ISO-8601 writes with four year digits. */
export const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59)

/** Shown in place of an absurd time. */
export const NO_TIME = '–'

export function validTime(ms: unknown): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= MIN_TIME && ms <= MAX_TIME
}

/** "2026-11-23" (UTC day), or a dash. */
export function dayText(ms: number): string {
  return validTime(ms) ? new Date(ms).toISOString().slice(0, 10) : NO_TIME
}
