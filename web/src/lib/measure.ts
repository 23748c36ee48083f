/**
 * Text widths for SVG labels, measured with a canvas in the wall's own font, so labels are sized and shortened from
 * what the browser will draw (a per-character estimate is off by 10–20 % between fonts, enough to clip a name).
 */
const FONT = 'system-ui, sans-serif'
let ctx: CanvasRenderingContext2D | null | undefined

export function measure(text: string, px: number, weight = 400): number {
  if (ctx === undefined) ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
  if (!ctx) return text.length * px * 0.62 // no canvas (unit tests): the old estimate
  ctx.font = `${weight} ${px}px ${FONT}`
  return ctx.measureText(text).width
}

/** The text, shortened with "…" until it is at most maxPx wide. */
export function fitWidth(text: string, maxPx: number, px: number, weight = 400): string {
  if (measure(text, px, weight) <= maxPx) return text
  let lo = 0
  let hi = text.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (measure(`${text.slice(0, mid)}…`, px, weight) <= maxPx) lo = mid
    else hi = mid - 1
  }
  return `${text.slice(0, lo).trimEnd()}…`
}
