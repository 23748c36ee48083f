/**
 * A DOM audit of the wall, run inside the page (plain JS in a string: a serialised TS function would drag in
 * transpiler helpers). It reports, for the elements the room can see:
 * - outside: boxes that reach past the viewport;
 * - clipped: text whose box is smaller than its content (scroll vs client sizes), SVG text sticking out of its SVG,
 *   and text cut by an ancestor that hides overflow;
 * - contrast: text below 4.5:1 against the composited background behind it (computed colours, WCAG formula);
 * - unlabelled: coloured marks (chart shapes, swatches) with no text naming them: a mark counts as labelled when its
 *   data-label/aria-label text is visible in the same tile, when its parent holds visible text, or when text of the
 *   same colour sits in the same SVG (a line and its name drawn in that colour).
 */
export interface Audit {
  outside: string[]
  clipped: string[]
  contrast: string[]
  unlabelled: string[]
  texts: number
  marks: number
}

export const AUDIT = `(() => {
  const W = innerWidth, H = innerHeight
  const out = { outside: [], clipped: [], contrast: [], unlabelled: [], texts: 0, marks: 0 }
  const name = (el) => {
    const t = (el.textContent || '').trim().slice(0, 40)
    return el.tagName.toLowerCase() + (el.getAttribute('data-testid') ? '[' + el.getAttribute('data-testid') + ']' : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '') + (t ? ' "' + t + '"' : '')
  }
  const visible = (el) => {
    if (el.closest('[hidden]')) return false
    // Also false inside a closed <details> (content-visibility) or under opacity 0 / visibility hidden.
    if (el.checkVisibility && !el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true })) return false
    const cs = getComputedStyle(el)
    if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) === 0) return false
    const r = el.getBoundingClientRect()
    return r.width > 0 && r.height > 0
  }
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/)
    if (!m) return null
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number)
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }
  }
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4) }
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b)
  }
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05) }
  const over = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 })
  const background = (el) => {
    const chain = []
    for (let e = el; e; e = e.parentElement) chain.push(e)
    let bg = { r: 255, g: 255, b: 255, a: 1 }
    for (const e of chain.reverse()) {
      const c = parse(getComputedStyle(e).backgroundColor)
      if (c && c.a > 0) bg = over(c, bg)
    }
    return bg
  }
  // What is behind SVG text: its own halo (a stroke painted first), else the topmost filled shape under its centre,
  // else the page behind the SVG.
  const svgBackground = (el, cs) => {
    const page = background(el.ownerSVGElement)
    const halo = parse(cs.stroke)
    if (halo && halo.a > 0 && cs.paintOrder.startsWith('stroke') && parseFloat(cs.strokeWidth) >= 2) return over(halo, page)
    const r = el.getBoundingClientRect()
    for (const under of document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2)) {
      if (under === el || el.contains(under) || under.contains(el)) continue
      if (!(under instanceof SVGElement) || !['path', 'rect', 'circle', 'polygon'].includes(under.tagName)) continue
      const ucs = getComputedStyle(under)
      const fill = parse(ucs.fill)
      if (!fill || fill.a === 0) continue
      return over({ ...fill, a: fill.a * Number(ucs.fillOpacity) * Number(ucs.opacity) }, page)
    }
    return page
  }
  const chroma = (c) => c && c.a > 0.3 && (Math.max(c.r, c.g, c.b) - Math.min(c.r, c.g, c.b)) > 40
  const inlineLike = (el) => ['inline', 'contents'].includes(getComputedStyle(el).display)
  const all = [...document.querySelectorAll('body *')].filter((el) => !['SCRIPT', 'STYLE', 'OPTION', 'TITLE'].includes(el.tagName))
  for (const el of all) {
    if (!visible(el)) continue
    const r = el.getBoundingClientRect()
    if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) out.outside.push(name(el) + ' ' + [r.left, r.top, r.right, r.bottom].map(Math.round).join(','))
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim())
    const isSvg = el instanceof SVGElement
    if (ownText) {
      out.texts++
      if (isSvg) {
        const svg = el.ownerSVGElement
        const s = svg.getBoundingClientRect()
        if (r.left < s.left - 1 || r.right > s.right + 1 || r.top < s.top - 1 || r.bottom > s.bottom + 1) out.clipped.push('svg ' + name(el))
      } else {
        let box = el
        while (box.parentElement && inlineLike(box)) box = box.parentElement
        if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) out.clipped.push(name(box) + ' ' + box.scrollWidth + 'x' + box.scrollHeight + ' in ' + box.clientWidth + 'x' + box.clientHeight)
      }
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a)
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue
        const b = a.getBoundingClientRect()
        if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1) { out.clipped.push('cut by ' + name(a) + ': ' + name(el)); break }
      }
      const cs = getComputedStyle(el)
      const fg = parse(isSvg ? cs.fill : cs.color)
      if (fg) {
        const bg = isSvg ? svgBackground(el, cs) : background(el)
        const c = ratio(over(fg, bg), bg)
        if (c < 4.5) out.contrast.push(name(el) + ' ' + c.toFixed(2))
      }
    }
    // Coloured marks: SVG shapes by fill or stroke, HTML boxes by background, without text of their own.
    let paint = null
    if (isSvg && ['path', 'rect', 'circle', 'line', 'polygon'].includes(el.tagName)) {
      const cs = getComputedStyle(el)
      paint = [parse(cs.fill), parse(cs.stroke)].find(chroma) || null
    } else if (!isSvg && !ownText && !el.textContent.trim()) {
      const c = parse(getComputedStyle(el).backgroundColor)
      paint = chroma(c) ? c : null
    }
    if (paint) {
      out.marks++
      const scope = el.closest('section, article, header, [role=status], li, tr') || document.body
      const label = el.closest('[data-label], [aria-label]')
      const labelText = label && (label.getAttribute('data-label') || label.getAttribute('aria-label'))
      const scopeText = (scope.innerText || '') + ' ' + [...scope.querySelectorAll('text')].map((t) => t.textContent).join(' ')
      const byLabel = labelText && scopeText.toLowerCase().includes(labelText.toLowerCase())
      const byParent = el.parentElement && !(el.parentElement instanceof SVGElement) && (el.parentElement.innerText || '').trim().length > 0
      const svg = isSvg ? el.ownerSVGElement : null
      const same = (c) => c && Math.abs(c.r - paint.r) < 3 && Math.abs(c.g - paint.g) < 3 && Math.abs(c.b - paint.b) < 3
      const byColour = svg && [...svg.querySelectorAll('text, tspan')].some((t) => t.textContent.trim() && same(parse(getComputedStyle(t).fill)))
      if (!byLabel && !byParent && !byColour) out.unlabelled.push(name(el) + ' ' + JSON.stringify(paint))
    }
  }
  for (const k of ['outside', 'clipped', 'contrast', 'unlabelled']) out[k] = [...new Set(out[k])].slice(0, 30)
  return out
})()`
