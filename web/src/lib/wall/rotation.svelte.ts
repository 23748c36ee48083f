/** Board rotation (`?rotate=N`): cycle through the boards every N s; a new alert jumps to its board and restarts the timer. */
import { untrack } from 'svelte'

export class Rotation {
  #index = $state(0)
  #kick = $state(0)
  readonly #boards: () => string[]

  /** Call during component set-up: the timer is an effect. */
  constructor(seconds: () => number, boards: () => string[]) {
    this.#boards = boards
    $effect(() => {
      const s = seconds()
      if (s <= 0) return
      void this.#kick
      const id = setInterval(() => this.#index++, s * 1000)
      return () => clearInterval(id)
    })
  }

  /** The board shown now (null before the entities are known). */
  get current(): string | null {
    const b = this.#boards()
    return b.length > 0 ? b[this.#index % b.length] : null
  }

  /** Show this board now and give it a full period. Unknown boards are ignored. Untracked: an effect calling it reruns only on its own cause. */
  jumpTo(board: string | undefined): void {
    untrack(() => {
      const i = board ? this.#boards().indexOf(board) : -1
      if (i >= 0) [this.#index, this.#kick] = [i, this.#kick + 1]
    })
  }
}
