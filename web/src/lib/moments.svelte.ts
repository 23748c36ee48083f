/** Moments and their reactions (computed by the server in ClickHouse), refetched on each `moment` event. */
import type { Moment, MomentReaction } from '@pulso/types'
import { api } from './api.ts'

/** Reactions shown on the wall: the newest few moments of the board. */
export const SHOWN_MOMENTS = 4

export class Moments {
  list: Moment[] = $state.raw([])
  reactions: Map<string, MomentReaction> = $state.raw(new Map())
  /** Whether this wall's token may mark moments (admin); the server checks again. */
  canMark = $state(false)
  error: string | null = $state(null)

  /** Moments of a board (and those for every board), newest first, up to `until` (replay) when given. */
  forBoard(board: string | null, until: number | null): Moment[] {
    return this.list.filter((m) => (!board || !m.board || m.board === board) && (until === null || m.at <= until))
  }

  async load(token: string | null, board: string | null, until: number | null): Promise<void> {
    try {
      const r = await api<{ moments: Moment[]; canMark: boolean }>('/api/moments', token)
      this.list = r.moments
      this.canMark = r.canMark
      const shown = this.forBoard(board, until).slice(0, SHOWN_MOMENTS)
      const rx = await Promise.all(shown.map((m) => api<MomentReaction>(`/api/moments/${m.id}/reaction`, token)))
      this.reactions = new Map(rx.map((x) => [x.momentId, x]))
      this.error = null
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e)
    }
  }

  async mark(token: string | null, label: string, at: number, board: string | null): Promise<Moment> {
    return api<Moment>('/api/moments', token, { method: 'POST', body: JSON.stringify({ label, at, board }) })
  }
}
