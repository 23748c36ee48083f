/**
 * What the wall's keys do (hotkeys.ts says which key is which): mark a moment at now or at the replayed second
 * (admins; others get a notice), play/pause, move 10 s, back to live.
 */
import { ApiError } from '../api.ts'
import { hotkey } from './hotkeys.ts'
import type { Wall } from './wall.svelte.ts'

/** How long a notice (e.g. "needs the admin token") stays up. */
const NOTICE_MS = 3000

export class WallKeys {
  /** The time being marked while the mark form is open, else null. */
  marking: number | null = $state(null)
  markError: string | null = $state(null)
  notice: string | null = $state(null)
  readonly #wall: Wall

  constructor(wall: Wall) {
    this.#wall = wall
  }

  onkey(e: KeyboardEvent): void {
    const { live, cursor, params } = this.#wall
    const key = this.marking === null ? hotkey(e) : null // the open form has the keyboard
    if (key === 'mark') {
      e.preventDefault()
      this.#startMark()
    } else if (key === 'playPause') {
      e.preventDefault()
      if (params.t === null) cursor.seek(live.serverNow() - 1000, 0)
      else cursor.seek(params.t, params.speed > 0 ? 0 : 1)
    } else if (key === 'back') cursor.seek((params.t ?? live.serverNow()) - 10_000)
    else if (key === 'forward' && params.t !== null) cursor.seek(params.t + 10_000)
    else if (key === 'live') cursor.seek(null)
  }

  #startMark(): void {
    const w = this.#wall
    if (w.moments.canMark) [this.marking, this.markError] = [w.replaying ? w.now - 1000 : w.live.serverNow(), null]
    else {
      this.notice = w.m.adminOnly
      setTimeout(() => (this.notice = null), NOTICE_MS)
    }
  }

  /** Stores the moment being marked with this label; the form stays open with the reason when that fails. */
  async mark(label: string): Promise<void> {
    if (this.marking === null) return
    const w = this.#wall
    try {
      await w.moments.mark(w.token, label, this.marking, w.board)
      this.marking = null
    } catch (e) {
      this.markError = e instanceof ApiError && e.status === 403 ? w.m.adminOnly : e instanceof Error ? e.message : String(e)
    }
  }

  cancel(): void {
    this.marking = null
  }
}
