// The wall's one duration formatter (i18n.ts `fmt.duration`) replaced two: MomentList's window length and FeedTiles'
// window label. Their output is unchanged; the two removed functions are kept here as the reference.
import { describe, expect, it } from 'vitest'
import { formatters } from '../src/lib/i18n.ts'

/** MomentList's `span` before (a moment's windows: whole seconds, up to 60 min). */
const momentSpan = (s: number) => {
  const m = Math.floor(s / 60)
  const r = s % 60
  return m === 0 ? `${r} s` : r === 0 ? `${m} min` : `${m} min ${r} s`
}
/** FeedTiles' `span` before (the rising terms' windows: up to an hour). */
const feedSpan = (s: number) => (s >= 3570 ? '1 h' : `${Math.max(1, Math.round(s / 60))} min`)

describe('fmt.duration', () => {
  for (const lang of ['en', 'es'] as const) {
    const fmt = formatters(lang)
    it(`says a moment's window as MomentList did, every second up to an hour (${lang})`, () => {
      for (let s = 0; s <= 3600; s++) expect(fmt.duration(s), `${s} s`).toBe(momentSpan(s))
      expect(['0 s', '40 s', '1 min', '2 min 10 s', '3 min', '60 min']).toEqual([0, 40, 60, 130, 180, 3600].map((s) => fmt.duration(s)))
    })
    it(`says a window label as FeedTiles did, every second up to an hour (${lang})`, () => {
      for (let s = 0; s <= 3600; s++) expect(fmt.duration(s, 'minute'), `${s} s`).toBe(feedSpan(s))
      expect(['1 min', '5 min', '59 min', '1 h', '1 h']).toEqual([10, 300, 3569, 3570, 3600].map((s) => fmt.duration(s, 'minute')))
    })
  }
  it('writes figures past a thousand in the locale’s digits', () => {
    expect(formatters('es').duration(60_000 * 60)).toBe('60.000 min')
    expect(formatters('en').duration(60_000 * 60)).toBe('60,000 min')
    expect(formatters('en').duration(3 * 3600, 'minute')).toBe('3 h')
  })
})
