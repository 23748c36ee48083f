/** Direct labels at the end of chart lines: keep them in order and at least `gap` apart, inside [lo, hi]. */
export function spreadLabels(ys: number[], gap: number, lo: number, hi: number): number[] {
  // Too many labels for the height: tighten the gap rather than push labels out of the chart.
  if (ys.length > 1) gap = Math.min(gap, (hi - lo) / (ys.length - 1))
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y)
  const placed = order.map((o) => o.y)
  // Push down from the top, then pull back up from the bottom: a single pass each way is enough for a few labels.
  for (let k = 0; k < placed.length; k++) placed[k] = Math.max(placed[k], k === 0 ? lo : placed[k - 1] + gap)
  for (let k = placed.length - 1; k >= 0; k--) placed[k] = Math.min(placed[k], k === placed.length - 1 ? hi : placed[k + 1] - gap)
  const out = new Array<number>(ys.length)
  order.forEach((o, k) => (out[o.i] = placed[k]))
  return out
}
