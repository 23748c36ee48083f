/**
 * Text that must fit a fixed box on the wall without being clipped by CSS: we shorten it (with "…") or drop whole
 * list items instead, so what the room sees is never cut mid-glyph and the DOM says so (the acceptance test checks
 * scroll sizes against client sizes).
 */

/** Per text node: its full text, and the shortened text we last wrote (to tell our cut from Svelte's new text). */
const seen = new WeakMap<Text, { full: string; cut: string }>()

function textNodes(node: Node): Text[] {
  const out: Text[] = []
  const walk = document.createTreeWalker(node, NodeFilter.SHOW_TEXT)
  for (let n = walk.nextNode(); n; n = walk.nextNode()) out.push(n as Text)
  return out
}

// No tolerance: scroll sizes are rounded, so a box that reports a fit can still be a fraction of a pixel over.
const overflows = (el: HTMLElement) => el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth

/** Shortens the text inside `el` (across its text nodes, marks included) until it fits el's box; restores it first. */
export function fitText(el: HTMLElement): void {
  const nodes = textNodes(el)
  const full = nodes.map((n) => {
    const s = seen.get(n)
    return s && n.data === s.cut ? s.full : n.data
  })
  const write = (k: number) => {
    let left = k
    let marked = k >= full.reduce((a, s) => a + s.length, 0)
    nodes.forEach((n, i) => {
      const s = full[i]
      let v: string
      if (left >= s.length) v = s
      else if (!marked) ((v = s.slice(0, Math.max(0, left)).trimEnd() + '…'), (marked = true))
      else v = ''
      left -= s.length
      if (n.data !== v) n.data = v
      seen.set(n, { full: s, cut: v })
    })
  }
  const total = full.reduce((a, s) => a + s.length, 0)
  write(total)
  if (!overflows(el)) return
  let lo = 0
  let hi = total - 1
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    write(mid)
    if (overflows(el)) hi = mid - 1
    else lo = mid
  }
  write(lo)
}

/**
 * Hides the children of `list` that do not fit entirely inside it (a list shows as many rows as the tile holds).
 * `fitRow` shortens a row's text first, once every row is shown: a row hidden last time measures nothing (it is not
 * laid out), so shortening it before showing it left it at full length, running past the tile when it came back.
 * `parts` (a selector inside each child, e.g. a table's rows): the first child that does not fit whole sheds those
 * parts, lightest `data-weight` first, down to one, and stays if that makes it fit (marked `data-shed`, so it can say
 * so) — a moment whose reaction table ran past the tile was dropped whole, leaving the tile half empty and the reaction
 * that mattered unseen.
 */
export function fitList(list: HTMLElement, fitRow?: (row: HTMLElement) => void, parts?: string): void {
  const kids = [...list.children] as HTMLElement[]
  for (const k of kids) {
    k.hidden = false
    delete k.dataset.shed
    if (parts) for (const p of k.querySelectorAll<HTMLElement>(parts)) p.hidden = false
  }
  if (fitRow) for (const k of kids) fitRow(k)
  const bottom = list.getBoundingClientRect().bottom + 0.5
  const fits = (k: HTMLElement) => k.getBoundingClientRect().bottom <= bottom
  let full = false
  for (const k of kids) {
    if (!full && !fits(k)) {
      full = true
      if (parts) {
        const weight = (p: HTMLElement) => Number(p.dataset.weight ?? 0)
        const shed = [...k.querySelectorAll<HTMLElement>(parts)].sort((a, b) => weight(a) - weight(b)).slice(0, -1)
        // Marked first, so a note the item shows when cut ("others: smaller change") is measured with it.
        if (shed.length) k.dataset.shed = ''
        for (const p of shed) if (!fits(k)) p.hidden = true
        if (fits(k)) {
          k.hidden = false
          continue
        }
      }
    }
    k.hidden = full
  }
}

/**
 * Svelte action: keeps `node`'s text shortened to its box as the box resizes or the text (the parameter) changes —
 * for a flexible span in a one-line row (give it `min-width: 0; overflow: hidden`).
 */
export function fitting(node: HTMLElement, _text: string) {
  const ro = new ResizeObserver(() => fitText(node))
  ro.observe(node)
  // The row around it too: a grid or flex row can move its columns without this box reporting a new size.
  if (node.parentElement) ro.observe(node.parentElement)
  let frame = 0
  return {
    // Once now, and once after the layout the same update causes elsewhere in the row has settled.
    update: () => (fitText(node), cancelAnimationFrame(frame), (frame = requestAnimationFrame(() => fitText(node)))),
    destroy: () => (ro.disconnect(), cancelAnimationFrame(frame)),
  }
}
