// Issue 13, item 8 (the wall's side): hostile text in exports, hostile URLs in links, absurd times on screen.
import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from '../src/lib/export.ts'
import { safeHref } from '../src/lib/links.ts'
import { formatters } from '../src/lib/i18n.ts'
import { parseTime } from '../src/lib/params.ts'
import { dayText, validTime } from '../src/lib/time.ts'
import { fetchReactions } from '../src/lib/moments.svelte.ts'

describe('CSV export of untrusted text', () => {
  it('opens formula-like cells as text, as the server export does', () => {
    for (const s of ['=HYPERLINK("http://evil","click")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(s).replace(/^"/, '')).toMatch(/^'/)
    expect(toCsv([{ text: '=HYPERLINK("http://evil","x")' }])).toBe('text\n"\'=HYPERLINK(""http://evil"",""x"")"\n')
  })
  it('leaves numbers alone (a negative sentiment is a number, not a formula)', () => {
    expect(toCsv([{ sentiment: -0.25, posts: 3, ok: true, none: null }])).toBe('sentiment,posts,ok,none\n-0.25,3,true,\n')
  })
  it('quotes cells holding ; so Spanish-locale spreadsheets do not split them', () => {
    expect(csvCell('ira; asco')).toBe('"ira; asco"')
    expect(toCsv([{ a: 'x;y', b: 'plain' }])).toBe('a,b\n"x;y",plain\n')
  })
})

describe('links from posts', () => {
  it('links only http and https URLs', () => {
    expect(safeHref('https://bsky.app/profile/a/post/1')).toBe('https://bsky.app/profile/a/post/1')
    expect(safeHref('http://example.org/x?y=1')).toBe('http://example.org/x?y=1')
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative', '', null, undefined]) {
      expect(safeHref(bad)).toBeUndefined()
    }
  })
})

describe('absurd times', () => {
  const far = 1e17 // beyond what a Date can hold
  it('knows a usable time from an absurd one', () => {
    expect(validTime(Date.UTC(2026, 10, 23))).toBe(true)
    for (const t of [far, -far, NaN, Infinity, Date.UTC(10000, 0, 1), -1]) expect(validTime(t)).toBe(false)
  })
  it('formats absurd times as a dash instead of throwing', () => {
    for (const lang of ['en', 'es'] as const) {
      const fmt = formatters(lang)
      expect(() => fmt.clock(far)).not.toThrow()
      expect(fmt.clock(far)).toBe('–')
      expect(fmt.hm(NaN)).toBe('–')
    }
    expect(dayText(far)).toBe('–')
    expect(dayText(Date.UTC(2026, 10, 23, 19))).toBe('2026-11-23')
  })
  it('ignores a ?t= outside 1970…9999 (the wall stays live)', () => {
    expect(parseTime('+275760-09-13T00:00:00.000Z')).toBeNull()
    expect(parseTime('-000001-01-01T00:00:00Z')).toBeNull()
    expect(parseTime('2026-11-23T19:00:00Z')).toBe(Date.UTC(2026, 10, 23, 19))
  })
  it('keeps the other reactions when one moment has none', async () => {
    const moments = [{ id: 'ok' }, { id: 'far' }]
    const got = await fetchReactions(moments, async (id) => {
      if (id === 'far') throw new Error('400 at out of range')
      return { momentId: id } as never
    })
    expect([...got.keys()]).toEqual(['ok'])
  })
})
