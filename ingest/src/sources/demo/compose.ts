/**
 * Small text tools for the demo: every post is assembled from parts and then roughened the way people type on a
 * phone (dropped accents, "q" for "que", a swapped letter, "nooooo", a shouted word), so no two posts read alike and
 * the NLP sees the noise it meets on real feeds. Everything draws from the one seeded `rand`, so a seed replays.
 */
import type { Entity } from '@pulso/types'

export type Rand = () => number

export function composer(rand: Rand) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const chance = (p: number) => rand() < p
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
  /** One of the ways people name an entity; every form is one of its match terms, so the post is still matched. */
  const nameOf = (e: Entity, full = false): string => {
    if (full) return e.name
    const r = rand()
    const handle = e.terms.find((t) => t.startsWith('@'))
    const tag = e.terms.find((t) => t.startsWith('#'))
    if (r < 0.55 || e.name.split(' ').length < 2) return e.name
    if (r < 0.8) return e.name.split(' ').slice(-1)[0]
    if (r < 0.92 && handle) return handle
    return tag ?? e.name
  }
  const handleOf = (e: Entity) => e.terms.find((t) => t.startsWith('@')) ?? '@' + e.id
  /** `{n}` a name form (the full name when `full`: media and personalities write it out), `{N}` full name, `{h}` @handle, `{tag}` name without spaces, plus any extra slots. */
  const fill = (tpl: string, e: Entity, slots: Record<string, string> = {}, full = false) => {
    let s = tpl.replaceAll('{N}', e.name).replaceAll('{h}', handleOf(e)).replaceAll('{tag}', e.name.replace(/\s+/g, ''))
    for (const [k, v] of Object.entries(slots)) s = s.replaceAll(`{${k}}`, v)
    while (s.includes('{n}')) s = s.replace('{n}', nameOf(e, full))
    return s.replace(/\bde el\b/g, 'del').replace(/\ba el\b/g, 'al')
  }
  /** Joins the non-empty parts with single spaces and capitalises the first letter (people mostly do). */
  const join = (...parts: (string | undefined)[]) => {
    const s = parts.filter(Boolean).join(' ').replace(/\s+([,.!?])/g, '$1').trim()
    return chance(0.8) ? s.charAt(0).toUpperCase() + s.slice(1) : s
  }
  /** "nooo", "vergüenzaaa": repeats the last vowel of one longer lower-case word (names stay matchable). */
  const elongate = (s: string) => {
    const words = s.split(' ')
    const i = words.findIndex((w, k) => k > 0 && /^[a-záéíóúñ]{3,}[aeiouáéíóú]$/.test(w) && chance(0.35))
    if (i < 0) return s
    words[i] = words[i] + words[i].slice(-1).repeat(int(2, 5))
    return words.join(' ')
  }
  const DEACCENT: Record<string, string> = { á: 'a', é: 'e', í: 'i', ó: 'o', ú: 'u' }
  /** One phone-typing habit, chosen at random; hashtags and handles are left intact so matching still works. */
  const roughen = (s: string, lang: 'es' | 'en') => {
    const r = rand()
    if (r < 0.12) return s.replace(/[áéíóú]/g, (c) => DEACCENT[c])
    if (r < 0.2) return s.toLowerCase().replace(/[.]$/, '')
    if (r < 0.26 && lang === 'es') return s.replace(/\bque\b/g, 'q').replace(/\bporque\b/g, 'xq')
    if (r < 0.3) return s.replace(/(^|\s)([a-zñ])([a-zñ])([a-zñ]{3,})\b/, (_w, sp, a, b, rest) => sp + b + a + rest)
    if (r < 0.4) return elongate(s)
    if (r < 0.44) return s.replace(/\b([a-záéíóúñ]{5,})\b/, (w) => w.toUpperCase())
    return s
  }
  return { rand, pick, chance, int, nameOf, handleOf, fill, join, roughen }
}

export type Composer = ReturnType<typeof composer>

/** Stable 32-bit hash of an integer: an author's handle and reach depend on their number only, not on draw order. */
export function hashInt(n: number): number {
  let x = (n ^ 0x9e3779b9) >>> 0
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0
  return (x ^ (x >>> 16)) >>> 0
}
