/**
 * Colours. Emotions use the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies);
 * every colour on the wall is also paired with a text label, so colour is never the only cue.
 */
import { rgb } from 'd3'
import type { Emotion } from '@pulso/types'

export const BG = '#0b0f17'
export const PANEL = '#141a26'
export const TEXT = '#f3f6fb'
export const MUTED = '#aab6c8'

export const EMOTION_COLORS: Record<Emotion, string> = {
  anger: '#D55E00', // vermillion
  disgust: '#009E73', // bluish green
  fear: '#CC79A7', // reddish purple
  joy: '#F0E442', // yellow
  sadness: '#0072B2', // blue
  surprise: '#56B4E9', // sky blue
}

/** Sentiment ends: orange (negative) to blue (positive) — a pair that survives red-green deficiencies. */
export const NEGATIVE = '#E69F00'
export const POSITIVE = '#56B4E9'
export const NEUTRAL = '#c9d1dd'

/** Entity fallback palette when the server sends no colour (Okabe–Ito, brightest first). */
export const ENTITY_FALLBACK = ['#56B4E9', '#E69F00', '#CC79A7', '#009E73', '#F0E442', '#D55E00', '#0072B2']

function luminance(c: string): number {
  const { r, g, b } = rgb(c)
  const lin = (v: number) => {
    const s = v / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/** WCAG contrast ratio between two colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

/**
 * The entity's own colour when it reads on the background, else the same hue lightened until it does:
 * entity names are drawn in their colour and must stay ≥ 4.5:1 (4.6 for a rounding margin) whatever the config chose.
 */
export function readable(color: string | undefined, index: number, bg = PANEL, min = 4.6): string {
  const base = color && !Number.isNaN(rgb(color).r) ? color : ENTITY_FALLBACK[index % ENTITY_FALLBACK.length]
  let c = rgb(base)
  for (let i = 0; i < 20 && contrast(c.formatHex(), bg) < min; i++) c = c.brighter(0.25)
  // A saturated colour can clip at full brightness without reaching the ratio; mix towards white then.
  for (let i = 1; i <= 10 && contrast(c.formatHex(), bg) < min; i++) {
    c = rgb(c.r + (255 - c.r) * 0.2, c.g + (255 - c.g) * 0.2, c.b + (255 - c.b) * 0.2)
  }
  return c.formatHex()
}

/**
 * One readable colour per entity id. A colour already taken by an earlier entity is replaced by the next unused
 * fallback, so two entities never share a colour (their labels still name them).
 */
export function entityColors(entities: { id: string; color?: string }[]): Record<string, string> {
  const used = new Set<string>()
  const out: Record<string, string> = {}
  entities.forEach((e, i) => {
    let c = readable(e.color, i)
    for (let k = 0; used.has(c) && k < ENTITY_FALLBACK.length; k++) c = readable(ENTITY_FALLBACK[(i + k) % ENTITY_FALLBACK.length], 0)
    used.add(c)
    out[e.id] = c
  })
  return out
}

/** Shortens a label to at most `max` characters with an ellipsis (SVG text does not wrap or clip by itself). */
export function fitText(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`
}
