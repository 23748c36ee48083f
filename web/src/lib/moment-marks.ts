/**
 * Where the debate chart draws its moments. Each dashed line gets its number at its top, and a legend lists
 * "n label" in two rows across the plot. Labels written beside their lines overlapped as soon as two moments were a
 * minute apart on the 30-minute axis (seen on the demo: "Minuto de oro de Elena Ruiz" over "Marcos Vidal ataca a…").
 * Numbers of close moments are spread apart, never over each other.
 */
import type { Moment } from '@pulso/types'
import { spreadLabels } from './labels.ts'

/** The chart shows at most this many moments: the newest in view. */
const SHOWN = 6

/** The moments the chart marks, oldest first (`moments`: newest first, as the wall keeps them); [from, to): the axis. */
export function chartMoments(moments: Moment[], from: number, to: number): Moment[] {
  return moments.filter((mo) => mo.at >= from && mo.at < to).slice(0, SHOWN).reverse()
}

export interface MomentMarks {
  /** Per moment (in the order given, oldest first): where its number sits. */
  numberX: number[]
  /** Per moment: its legend item's left edge, row (0 or 1) and the width it may take. */
  legend: { x: number; row: 0 | 1; width: number }[]
}

/** `xs`: the moments' lines, oldest first; [left, right]: the plot; `gap`: the room one number needs. */
export function momentMarks(xs: number[], left: number, right: number, gap: number): MomentMarks {
  const n = xs.length
  const perRow = Math.max(1, Math.ceil(n / 2))
  const width = Math.max(0, (right - left - (perRow - 1) * gap) / perRow)
  return {
    numberX: spreadLabels(xs, gap, left, right),
    legend: xs.map((_, k) => {
      const j = k % perRow
      return { x: left + j * (width + gap), row: k < perRow ? 0 : 1, width }
    }),
  }
}
