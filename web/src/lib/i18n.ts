/**
 * The wall's one i18n module: its pages' strings in Spanish and English (tables in messages/), the helpers that word
 * metrics, boards and ages, and per-locale number / time formatting.
 */
import type { Emotion } from '@pulso/types'
import { en, type Messages } from './messages/en.ts'
import { es } from './messages/es.ts'
import { NO_TIME, validTime } from './time.ts'

export type UiLang = 'es' | 'en'

export type { Messages }

export const MESSAGES: Record<UiLang, Messages> = { en, es }

/** `?lang=` wins; otherwise the first browser language that is Spanish or English; default English. */
export function pickLang(param: string | null, browser: readonly string[]): UiLang {
  if (param === 'es' || param === 'en') return param
  for (const l of browser) {
    const base = l.toLowerCase().slice(0, 2)
    if (base === 'es' || base === 'en') return base
  }
  return 'en'
}

/** A human label for an alert metric: 'emotion:anger' → 'emotion: anger' in the UI language. */
export function metricLabel(m: Messages, metric: string): string {
  const [base, sub] = metric.split(':')
  const label = m.metrics[base] ?? base
  if (!sub) return label
  return `${label}: ${m.emotions[sub as Emotion] ?? sub}`
}

/** "data 12 s old", switching to minutes from 2 minutes on so the text keeps its width. */
export function ageText(m: Messages, fmt: Formatters, age: number | null): string {
  if (age === null) return m.noData
  return age < 120 ? m.dataAge(fmt.int(age)) : m.dataAgeMin(fmt.int(Math.floor(age / 60)))
}

export function boardLabel(m: Messages, group: string): string {
  return m.boards[group] ?? group.charAt(0).toUpperCase() + group.slice(1)
}

export function sentimentWord(m: Messages, score: number): string {
  // ±0.1 is the band the room reads as "neutral"; beyond it the needle has a clear side.
  return m.sentiments[score > 0.1 ? 'positive' : score < -0.1 ? 'negative' : 'neutral']
}

export interface Formatters {
  fixed(n: number, digits: number): string
  int(n: number): string
  signed(n: number, digits: number): string
  percent(share: number): string
  /** A rate in at most ~5 characters: 7.5, 123, 12.3k — the card's big number keeps its width. */
  rate(n: number): string
  /** A count in at most ~5 characters: 9,999 then 19.5k, 420k, then 4.8M ("4,8 M" in Spanish). */
  count(n: number): string
  /** A figure as a person writes it: 3.5, 134, 43k, 4.8M ("43 mil", "4,8 M" in Spanish) — never "134.0". */
  human(n: number): string
  /** Hours, minutes and seconds; a dash for an absurd time (see time.ts). */
  clock(ms: number): string
  /** Hours and minutes, for chart axes. */
  hm(ms: number): string
  /**
   * A duration as people say it, the same units in both languages: 40 s, 3 min, 2 min 10 s (a moment's windows).
   * `round: 'minute'`: whole minutes, at least 1, and hours from 59.5 min on (window labels: 5 min, 1 h).
   */
  duration(seconds: number, round?: 'second' | 'minute'): string
}

export function formatters(lang: UiLang): Formatters {
  const locale = lang === 'es' ? 'es-ES' : 'en-US'
  const cache = new Map<string, Intl.NumberFormat>()
  const nf = (key: string, opts: Intl.NumberFormatOptions) => {
    let f = cache.get(key)
    if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, opts)))
    return f
  }
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })
  const hm = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false })
  return {
    fixed: (n, d) => nf(`f${d}`, { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: true }).format(n),
    // es-ES groups only from 5 digits by default; 'always' keeps 1.234 and 12.345 consistent on the wall.
    int: (n) => nf('i', { maximumFractionDigits: 0, useGrouping: 'always' } as Intl.NumberFormatOptions).format(n),
    signed: (n, d) => nf(`s${d}`, { minimumFractionDigits: d, maximumFractionDigits: d, signDisplay: 'exceptZero' }).format(n),
    percent: (s) => nf('p', { style: 'percent', maximumFractionDigits: 0 }).format(s),
    rate: (n) =>
      n < 99.95
        ? nf('f1', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n)
        : n < 9999.5
          ? nf('r0', { maximumFractionDigits: 0, useGrouping: false }).format(n)
          : `${nf('f1', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n / 1000)}k`,
    count: (n) =>
      n < 9999.5
        ? nf('i', { maximumFractionDigits: 0, useGrouping: 'always' } as Intl.NumberFormatOptions).format(n)
        : n < 99_950
          ? `${nf('f1', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n / 1000)}k`
          : n < 999_500
            ? `${nf('r0', { maximumFractionDigits: 0, useGrouping: false }).format(n / 1000)}k` // 420k, not 420.0k
            : `${nf('f1', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n / 1e6)}${lang === 'es' ? '\u00a0M' : 'M'}`, // as Intl's compact writes millions
    // Compact notation rounds to two significant digits at most, which is what a wall read from afar needs; English
    // gets a lower-case k like the cards' rates.
    human: (n) => nf('h', { notation: 'compact' }).format(n).replace(/(\d)K$/, '$1k'),
    clock: (ms) => (validTime(ms) ? time.format(ms) : NO_TIME),
    hm: (ms) => (validTime(ms) ? hm.format(ms) : NO_TIME),
    duration: (s, round = 'second') => {
      const int = (n: number) => nf('i', { maximumFractionDigits: 0, useGrouping: 'always' } as Intl.NumberFormatOptions).format(n)
      if (round === 'minute') return s >= 3570 ? `${int(Math.round(s / 3600))} h` : `${int(Math.max(1, Math.round(s / 60)))} min`
      const m = Math.floor(s / 60)
      const r = s % 60
      return m === 0 ? `${int(r)} s` : r === 0 ? `${int(m)} min` : `${int(m)} min ${int(r)} s`
    },
  }
}
