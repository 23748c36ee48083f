/** Client-side export for journalists: a tile's series as CSV / JSON, its chart as SVG / PNG. */
import { EMOTIONS, type EmotionScores, type SeriesPoint } from '@pulso/types'

export type Row = Record<string, string | number | boolean | null>

/**
 * One CSV cell. Post texts, authors and terms are untrusted: a string a spreadsheet would run as a formula (=, +, -,
 * @, tab, CR first) gets a leading ' so it opens as text, as the server's queue export does (server/src/queue/csv.ts).
 * RFC 4180 quoting, plus `;`: a Spanish-locale spreadsheet splits on it.
 */
export function csvCell(v: string | number | boolean | null): string {
  let s = v === null ? '' : String(v)
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** CSV with columns from the first row, in its key order. */
export function toCsv(rows: Row[]): string {
  if (rows.length === 0) return ''
  const cols = Object.keys(rows[0])
  const line = (cells: Row[string][]) => cells.map((c) => csvCell(c ?? null)).join(',') + '\n'
  return line(cols) + rows.map((r) => line(cols.map((c) => r[c]))).join('')
}

/** The per-second points of the given entities in [from, to) as flat rows (ISO time, sums and means). */
export function pointRows(points: Map<string, SeriesPoint>, entities: string[], from: number, to: number): Row[] {
  const rows: Row[] = []
  for (let t = from; t < to; t += 1000) {
    for (const entity of entities) {
      const p = points.get(`${entity}|${t}`)
      if (!p) continue
      const { emotions } = p
      rows.push({
        time: new Date(t).toISOString(),
        entity,
        posts: p.posts,
        authors: p.authors,
        sentiment: p.posts > 0 ? +(p.sentimentSum / p.posts).toFixed(4) : null,
        positive: p.positive,
        negative: p.negative,
        ...Object.fromEntries(EMOTIONS.map((e) => [`emotion_${e}`, +emotions[e].toFixed(4)])),
      })
    }
  }
  return rows
}

/** Emotion-stream buckets as rows: ISO time and each emotion's summed intensity. */
export function emotionRows(buckets: ({ t: number } & EmotionScores)[]): Row[] {
  return buckets.map((b) => ({ time: new Date(b.t).toISOString(), ...Object.fromEntries(EMOTIONS.map((e) => [e, +b[e].toFixed(4)])) }))
}

/** A file name like `pulso-volume-debate-2026-11-23T19-04-05Z.csv` (no colons: Windows-safe). */
export function fileName(tile: string, board: string | null, at: number, ext: string): string {
  const stamp = new Date(at).toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')
  return `pulso-${tile}-${board ?? 'all'}-${stamp}.${ext}`
}

/** Hands a blob to the browser as a download named `name`. */
export function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function downloadCsv(rows: Row[], name: string): void {
  save(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), name)
}

export function downloadJson(rows: Row[], name: string): void {
  save(new Blob([JSON.stringify(rows, null, 2)], { type: 'application/json' }), name)
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/**
 * The chart's SVG as a standalone document, on the wall's background, with a caption line on top (title, time,
 * source) so a published image carries its context. Charts draw with presentation attributes, not CSS,
 * so the markup travels intact.
 */
export function svgMarkup(svg: SVGSVGElement, caption: string, background: string): string {
  const w = svg.clientWidth
  const h = svg.clientHeight
  const capH = Math.round(Math.max(18, w / 60) * 1.8)
  const out = document.createElementNS(SVG_NS, 'svg')
  out.setAttribute('xmlns', SVG_NS)
  out.setAttribute('width', String(w))
  out.setAttribute('height', String(h + capH))
  out.setAttribute('viewBox', `0 0 ${w} ${h + capH}`)
  const bg = document.createElementNS(SVG_NS, 'rect')
  Object.entries({ width: w, height: h + capH, fill: background }).forEach(([k, v]) => bg.setAttribute(k, String(v)))
  const text = document.createElementNS(SVG_NS, 'text')
  Object.entries({ x: 8, y: capH * 0.65, fill: '#f3f6fb', 'font-size': capH / 1.8, 'font-family': 'system-ui, sans-serif' }).forEach(([k, v]) =>
    text.setAttribute(k, String(v)),
  )
  text.textContent = caption
  const chart = svg.cloneNode(true) as SVGSVGElement
  chart.setAttribute('y', String(capH))
  chart.removeAttribute('style')
  out.append(bg, text, chart)
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}`
}

export function downloadSvg(svg: SVGSVGElement, name: string, caption: string, background: string): void {
  save(new Blob([svgMarkup(svg, caption, background)], { type: 'image/svg+xml' }), name)
}

/** Renders the SVG onto a canvas at 2× for print-quality PNG. */
export async function downloadPng(svg: SVGSVGElement, name: string, caption: string, background: string, scale = 2): Promise<void> {
  const img = new Image()
  const url = URL.createObjectURL(new Blob([svgMarkup(svg, caption, background)], { type: 'image/svg+xml' }))
  try {
    img.src = url
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = img.naturalWidth * scale
    canvas.height = img.naturalHeight * scale
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    ctx.fillStyle = background
    ctx.fillRect(0, 0, canvas.width, canvas.height)
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
    const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, 'image/png'))
    if (blob) save(blob, name)
  } finally {
    URL.revokeObjectURL(url)
  }
}
