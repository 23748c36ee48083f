import { describe, expect, it } from 'vitest'
import { zeroEmotions } from '@pulso/types'
import { fileName, pointRows, toCsv } from '../src/lib/export.ts'
import { formatters, MESSAGES, metricLabel, pickLang } from '../src/lib/i18n.ts'
import { BG, contrast, EMOTION_COLORS, entityColors, fitText, MUTED, PANEL, readable, TEXT } from '../src/lib/palette.ts'
import { hrefWith, parseParams } from '../src/lib/params.ts'

describe('i18n', () => {
  it('picks ?lang, else the browser, else English', () => {
    expect(pickLang('es', ['en-US'])).toBe('es')
    expect(pickLang(null, ['fr-FR', 'es-MX'])).toBe('es')
    expect(pickLang('xx', ['de'])).toBe('en')
  })
  it('formats numbers per locale', () => {
    expect(formatters('es').fixed(1234.5, 1)).toBe('1.234,5')
    expect(formatters('en').fixed(1234.5, 1)).toBe('1,234.5')
    expect(formatters('es').signed(0.25, 2)).toBe('+0,25')
    expect(formatters('es').int(1234)).toBe('1.234')
    expect([7.46, 123.4, 1234.6, 12345].map(formatters('en').rate)).toEqual(['7.5', '123', '1235', '12.3k'])
    expect(formatters('es').rate(12345)).toBe('12,3k')
    expect([9999, 19479].map(formatters('es').count)).toEqual(['9.999', '19,5k'])
    expect(formatters('es').rate(99.96)).toBe('100')
  })
  it('has every English string in Spanish, and labels metrics', () => {
    expect(Object.keys(MESSAGES.es).sort()).toEqual(Object.keys(MESSAGES.en).sort())
    expect(metricLabel(MESSAGES.es, 'emotion:anger')).toBe('emoción: ira')
    expect(metricLabel(MESSAGES.en, 'negative_share')).toBe('negative share')
  })
})

describe('params', () => {
  it('reads board, kiosk, rotate, smooth and remembers the token', () => {
    const store = new Map<string, string>()
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) }
    const p = parseParams(new URL('http://x/?board=debate&kiosk=1&rotate=2&token=t1&lang=es&smooth=0'), [], storage)
    expect(p).toEqual({ t: null, speed: 0, mode: 'debate', lang: 'es', board: 'debate', kiosk: true, rotate: 5, smooth: 5, token: 't1' })
    expect(parseParams(new URL('http://x/'), ['en'], storage)).toMatchObject({ board: null, kiosk: false, rotate: 0, token: 't1' })
    expect(hrefWith(new URL('http://x/?lang=es&board=a'), 'board', null)).toBe('/?lang=es')
  })
})

describe('palette', () => {
  it('keeps text at WCAG AA (4.5:1) or better', () => {
    for (const fg of [TEXT, MUTED]) for (const bg of [BG, PANEL, '#1c2433']) expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5)
  })
  it('lightens entity colours that would not read on the panel', () => {
    expect(contrast(readable('#0072B2', 0), PANEL)).toBeGreaterThanOrEqual(4.5)
    expect(contrast(readable('#000000', 0), PANEL)).toBeGreaterThanOrEqual(4.5)
    expect(readable('#56B4E9', 0)).toBe('#56b4e9') // already readable: unchanged
    expect(readable(undefined, 1)).toMatch(/^#[0-9a-f]{6}$/)
  })
  it('never gives two entities the same colour', () => {
    const c = entityColors([{ id: 'a', color: '#999999' }, { id: 'b', color: '#999999' }, { id: 'c', color: '#56B4E9' }])
    expect(new Set(Object.values(c)).size).toBe(3)
    expect(c.a).toBe('#999999')
  })
  it('shortens long SVG labels', () => {
    expect(fitText('Fundación Esperanza', 8)).toBe('Fundaci…')
    expect(fitText('Xi', 8)).toBe('Xi')
  })
  it('uses six distinct emotion colours', () => {
    expect(new Set(Object.values(EMOTION_COLORS)).size).toBe(6)
  })
})

describe('export', () => {
  it('writes RFC 4180 CSV', () => {
    expect(toCsv([{ a: 'x,y', b: 'say "hi"', c: 1 }])).toBe('a,b,c\n"x,y","say ""hi""",1\n')
    expect(toCsv([])).toBe('')
  })
  it('flattens points into rows with a mean sentiment', () => {
    const intents = { question: 0, complaint: 0, claim: 0, praise: 0, suggestion: 0, other: 0 }
    const p = { t: 0, entity: 'a', posts: 4, authors: 3, sentimentSum: 2, positive: 3, negative: 1, emotions: { ...zeroEmotions(), joy: 1.5 }, intents }
    const rows = pointRows(new Map([['a|0', p]]), ['a', 'b'], 0, 2000)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ time: '1970-01-01T00:00:00.000Z', entity: 'a', posts: 4, sentiment: 0.5, emotion_joy: 1.5 })
  })
  it('names files without colons', () => {
    expect(fileName('volume', null, Date.UTC(2026, 10, 23, 19, 4, 5), 'csv')).toBe('pulso-volume-all-2026-11-23T19-04-05Z.csv')
  })
})
