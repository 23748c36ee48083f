/** Moments and their reactions (computed by the server in ClickHouse), refetched on each `moment` event. */
import type { Moment, MomentReaction } from '@pulso/types'
import { api } from './api.ts'
import { validTime } from './time.ts'

/** Reactions shown on the wall: the newest few moments of the board. */
export const SHOWN_MOMENTS = 4

/**
 * Each moment's reaction, by moment id. One that fails (a moment at an absurd time, a store hiccup) is left out
 * rather than costing the others.
 */
export async function fetchReactions(moments: Pick<Moment, 'id'>[], get: (id: string) => Promise<MomentReaction>): Promise<Map<string, MomentReaction>> {
  const settled = await Promise.allSettled(moments.map((m) => get(m.id)))
  const out = new Map<string, MomentReaction>()
  for (const r of settled) if (r.status === 'fulfilled') out.set(r.value.momentId, r.value)
  return out
}

export class Moments {
  list: Moment[] = $state.raw([])
  reactions: Map<string, MomentReaction> = $state.raw(new Map())
  /** Whether this wall's token may mark moments (admin); the server checks again. */
  canMark = $state(false)
  /** A shown reaction is still filling or not answered: the wall asks again every few seconds, not every 15 s. */
  running = $state(false)
  error: string | null = $state(null)
  // Loads overlap when the store is slow: only the latest list and the latest reactions are drawn.
  #listSeq = 0
  #rxSeq = 0

  /**
   * Moments of a board (and those for every board), newest first, up to `until` (replay) when given. Moments at
   * absurd times are left out of the wall (the control page still lists them, to delete them).
   */
  forBoard(board: string | null, until: number | null): Moment[] {
    return this.list.filter((m) => validTime(m.at) && (!board || !m.board || m.board === board) && (until === null || m.at <= until))
  }

  /** The list, then the reactions of the board's newest moments. */
  async load(token: string | null, board: string | null, until: number | null): Promise<void> {
    const seq = ++this.#listSeq
    try {
      const r = await api<{ moments: Moment[]; canMark: boolean }>('/api/moments', token)
      if (seq !== this.#listSeq) return
      this.list = r.moments
      this.canMark = r.canMark
    } catch (e) {
      if (seq === this.#listSeq) this.error = e instanceof Error ? e.message : String(e)
      return
    }
    await this.loadReactions(token, board, until)
  }

  /**
   * The reactions alone, for the moments already listed: a running reaction is asked every 2 s by every wall, and
   * the list (kept by `moment` events) need not be (the reactions go through the server's read gate, the list not).
   */
  async loadReactions(token: string | null, board: string | null, until: number | null): Promise<void> {
    const seq = ++this.#rxSeq
    const shown = this.forBoard(board, until).slice(0, SHOWN_MOMENTS)
    // In replay the reaction is seen from the replayed second: only the posts known then, windows as long as then.
    const q = until === null ? '' : `?until=${until}`
    const reactions = await fetchReactions(shown, (id) => api<MomentReaction>(`/api/moments/${id}/reaction${q}`, token))
    if (seq !== this.#rxSeq) return
    this.reactions = reactions
    this.running = shown.some((m) => !reactions.get(m.id)?.complete)
    this.error = null
  }

  async mark(token: string | null, label: string, at: number, board: string | null): Promise<Moment> {
    return api<Moment>('/api/moments', token, { method: 'POST', body: JSON.stringify({ label, at, board }) })
  }
}
