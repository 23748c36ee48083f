// The wall's controls as pure functions: which key does what, and the URL values a seek writes.
import { describe, expect, it } from 'vitest'
import { cursorQuery } from '../src/lib/wall/cursor.svelte.ts'
import { hotkey } from '../src/lib/wall/hotkeys.ts'
import { MESSAGES } from '../src/lib/i18n.ts'

const key = (k: string, target: { tagName: string } | null = null, mods: Partial<KeyboardEvent> = {}) =>
  hotkey({ key: k, ctrlKey: false, metaKey: false, altKey: false, target: target as EventTarget | null, ...mods })

describe('hotkeys', () => {
  it('maps m, space, arrows and l', () => {
    expect(['m', ' ', 'ArrowLeft', 'ArrowRight', 'l', 'x'].map((k) => key(k))).toEqual(['mark', 'playPause', 'back', 'forward', 'live', null])
  })
  it('leaves keys typed into fields and shortcuts with modifiers alone', () => {
    for (const tagName of ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON']) expect(key('m', { tagName })).toBeNull()
    expect(key('l', { tagName: 'DIV' })).toBe('live')
    expect(key('l', null, { ctrlKey: true })).toBeNull()
    expect(key('m', null, { metaKey: true })).toBeNull()
  })
})

describe('replay cursor in the URL', () => {
  const now = Date.UTC(2026, 10, 23, 20)
  it('writes the second (floored) and the speed; the present means live', () => {
    expect(cursorQuery(now - 60_500, now, 10)).toEqual({ t: '2026-11-23T19:58:59.000Z', speed: '10' })
    expect(cursorQuery(now - 60_000, now, 0)).toEqual({ t: '2026-11-23T19:59:00.000Z', speed: null })
    expect(cursorQuery(now - 60_000, now)).toEqual({ t: '2026-11-23T19:59:00.000Z' })
    expect(cursorQuery(now - 500, now)).toEqual({ t: null, speed: null })
    expect(cursorQuery(null, now, 5)).toEqual({ t: null, speed: null })
  })
  it('never writes a time before the epoch (−10 s from there stays there)', () => {
    expect(cursorQuery(-10_000, now)).toEqual({ t: '1970-01-01T00:00:00.000Z' })
  })
})

describe('one i18n module', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort()
  it('has every English string in Spanish, the queue’s included', () => {
    expect(keys(MESSAGES.es)).toEqual(keys(MESSAGES.en))
    expect(MESSAGES.es.queue.total(2)).toBe('2 elementos')
    expect(MESSAGES.en.queue.natures.product_failure).toBe('product failure')
  })
})
