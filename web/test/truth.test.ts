// Issue 17's pure parts: numbers as people write them, open alerts stacked by severity, a one-entity board's share,
// and links that never carry a token. (The same behaviour in Chromium: server/test/wall-truth.test.ts.)
import { describe, expect, it } from 'vitest'
import type { Alert, EntityWindow } from '@pulso/types'
import { alertRatio, alertValue, openAlerts } from '../src/lib/alerts.ts'
import { formatters } from '../src/lib/i18n.ts'
import { hrefWith, hrefWithAll, withoutToken } from '../src/lib/params.ts'
import { shareOfVoice } from '../src/lib/series.ts'

const en = formatters('en')
const es = formatters('es')
const nb = (s: string) => s.replace(/\s/g, ' ')

describe('numbers for people', () => {
  it('alert figures: no "134.0", no "×43,188.0"', () => {
    expect(alertValue(en, 'volume', 134)).toBe('134')
    expect(alertRatio(en, { observed: 134, expected: 134 / 43_188 })).toBe('×43k')
    expect(nb(alertRatio(es, { observed: 134, expected: 134 / 43_188 }))).toBe('×43 mil')
    expect(alertRatio(es, { observed: 7, expected: 2 })).toBe('×3,5')
    expect(alertValue(en, 'negative_share', 0.62)).toBe('62%')
  })
  it('followers: 4.8M, "4,8 M" in Spanish; smaller counts as before', () => {
    expect(en.count(4_800_000)).toBe('4.8M')
    expect(nb(es.count(4_800_000))).toBe('4,8 M')
    expect([9999, 19479, 420_000, 999_400].map(es.count)).toEqual(['9.999', '19,5k', '420k', '999k'])
    expect(en.count(999_600)).toBe('1.0M')
  })
})

const alert = (id: string, entity: string, severity: Alert['severity'], detectedAt: number, status: Alert['status'] = 'open'): Alert => ({
  id, entity, metric: 'volume', severity, onset: detectedAt, detectedAt, observed: 2, expected: 1, drivers: [], posts: [], emotion: null, status,
})

describe('open alerts', () => {
  it('graver first, then newer; closed ones and other boards left out', () => {
    const list = [alert('a', 'x', 1, 5), alert('b', 'y', 3, 1), alert('c', 'x', 3, 4), alert('d', 'x', 5, 9, 'acknowledged'), alert('e', 'z', 5, 9)]
    expect(openAlerts(list, new Set(['x', 'y'])).map((a) => a.id)).toEqual(['c', 'b', 'a'])
  })
})

describe('share of voice', () => {
  const w = (entity: string, posts: number) => [entity, { entity, posts } as EntityWindow] as const
  it('one entity alone is measured against every tracked entity, not 100 %', () => {
    const windows = new Map([w('brand', 1), w('a', 2), w('b', 1)])
    expect(shareOfVoice(windows, ['brand']).map((s) => s.share)).toEqual([0.25])
    expect(shareOfVoice(windows, ['a', 'b']).map((s) => s.share)).toEqual([2 / 3, 1 / 3])
  })
})

describe('links carry no token', () => {
  const url = new URL('http://x/?token=secret&board=debate&t=5')
  it('board links, cursor moves and the share link drop ?token=', () => {
    expect(hrefWith(url, 'board', 'brand')).toBe('/?board=brand&t=5')
    expect(hrefWithAll(url, { t: '9', speed: null })).toBe('/?board=debate&t=9')
    expect(withoutToken(url.href).href).toBe('http://x/?board=debate&t=5')
  })
})
