/** Countdown and priority styling for the queue page and the wall tile. */

/** Time left to a deadline: "12:04", "1:02:09"; past it, "−3:10" (the caller adds "overdue"). */
export function countdown(deadline: number, now: number): string {
  const ms = deadline - now
  const s = Math.floor(Math.abs(ms) / 1000)
  const h = Math.floor(s / 3600)
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h > 0 ? 2 : 1, '0')
  const ss = String(s % 60).padStart(2, '0')
  return `${ms < 0 ? '−' : ''}${h > 0 ? `${h}:` : ''}${mm}:${ss}`
}

/** Badge colour by risk: red from the high-risk threshold, amber from 50, grey below (always with the number). */
export function priorityColor(p: number, highMin = 80): string {
  return p >= highMin ? '#ff5c5c' : p >= 50 ? '#f0b429' : '#8796ad'
}

/** A typed 0–100 field (min. priority, min. confidence %): out of range or not a number clamps, never throws. */
export const percentOf = (value: string): number => Math.max(0, Math.min(100, Number(value) || 0))
