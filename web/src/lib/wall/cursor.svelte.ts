/**
 * The replay cursor lives in the URL (`?t=&speed=`), so any view of the wall is a link to share. Seeking rewrites
 * the URL; playing steps `t` on once a second.
 */
import type { WallParams } from '../params.ts'
import { hrefWithAll } from '../params.ts'
import { MIN_TIME } from '../time.ts'

export type Query = Record<string, string | null>

/** Query values for second t (null, or the present, = live) and, when given, a speed (0 = paused). */
export function cursorQuery(t: number | null, serverNow: number, speed?: number): Query {
  if (t === null || t >= serverNow - 1000) return { t: null, speed: null }
  // Nothing is stored before the epoch: −10 s from there stays there rather than writing a time ?t= refuses.
  const q: Query = { t: new Date(Math.floor(Math.max(MIN_TIME, t) / 1000) * 1000).toISOString() }
  if (speed !== undefined) q.speed = speed > 0 ? String(speed) : null
  return q
}

export class Cursor {
  #nav: Promise<unknown> = Promise.resolve()
  readonly #url: () => URL
  readonly #go: (href: string) => Promise<unknown>
  readonly #serverNow: () => number

  /** `go` replaces the URL (SvelteKit's goto, keeping focus and scroll). */
  constructor(url: () => URL, go: (href: string) => Promise<unknown>, serverNow: () => number) {
    ;[this.#url, this.#go, this.#serverNow] = [url, go, serverNow]
  }

  /**
   * URL changes run one after another, each computed from the URL as it is then: a play step queued before a
   * pause cannot bring the old speed back. `values` returning null skips the step.
   */
  navigate(values: () => Query | null): void {
    this.#nav = this.#nav
      .then(() => {
        const v = values()
        return v && this.#go(hrefWithAll(this.#url(), v))
      })
      .catch(() => {})
  }

  /** Go to second t (null = live), optionally setting the speed. */
  seek(t: number | null, speed?: number): void {
    this.navigate(() => cursorQuery(t, this.#serverNow(), speed))
  }

  /** While `?speed=` > 0, move `t` on by `speed` seconds every second. Call during component set-up. */
  playOn(params: () => WallParams): void {
    const step = (): Query | null => {
      const { t, speed } = params() // the URL as it is when the step runs
      return t !== null && speed > 0 ? cursorQuery(t + speed * 1000, this.#serverNow()) : null
    }
    $effect(() => {
      const { t, speed } = params()
      if (t === null || speed <= 0) return
      const id = setInterval(() => this.navigate(step), 1000)
      return () => clearInterval(id)
    })
  }
}
