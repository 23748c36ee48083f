// Synthetic streams for the authenticity tests: organic reactions in people's own words, and copy-paste campaigns
// by young accounts with the small edits copy-paste leaves (an emoji, a mention, a link, a changed word, case).
import type { PostInput } from '@pulso/types'
import { rng } from '@pulso/ingest'

const OPENERS = ['Pues', 'Madre mía', 'A ver', 'Sinceramente', 'Vaya', 'Uf', 'Bueno', 'Hoy', 'Oye', 'La verdad', 'Mira', 'Joder', 'Ojo', 'Atención', 'Hala']
const WORDS = (
  'debate pensiones sanidad vivienda alquiler jóvenes impuestos empleo educación campo energía luz gasolina precios ' +
  'salario autónomos pymes corrupción transparencia promesa mentira dato cifra gráfico récord crisis futuro pasado ' +
  'votantes encuesta mitin plató moderador pregunta respuesta réplica minuto turno silencio aplauso abucheo risa ' +
  'nervios calma tono voz corbata chaqueta atril cámara pantalla directo noche mañana semana año legislatura ' +
  'ministro gobierno oposición partido coalición pacto acuerdo ley reforma decreto europa madrid barcelona sevilla ' +
  'valencia bilbao pueblo ciudad barrio calle familia abuela hijos trabajo fábrica oficina tienda mercado banco'
).split(' ')
const CLOSERS = ['', '', '.', '!', '...', ' jaja', ' 🤔', ' 👏', ' 😡', ' la verdad', ' y punto', ' no sé', ' ya veremos']

/** One person's reaction: their own words around the entity's name (no two alike). */
export function ownWords(r: () => number, name: string): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]
  const words = Array.from({ length: 6 + Math.floor(r() * 5) }, () => pick(WORDS))
  const at = Math.floor(r() * words.length)
  words.splice(at, 0, name)
  return `${pick(OPENERS)} ${words.join(' ')}${pick(CLOSERS)}`
}

export const TEMPLATES = [
  'Yo voto a Elena Ruiz porque es la única opción seria para este país. Compártelo si piensas igual',
  'Que nadie se calle: Elena Ruiz es la única que defiende a las familias trabajadoras de verdad',
  'He visto el debate entero y lo tengo claro, Elena Ruiz ha ganado por goleada esta noche',
]
const SWAPS: [RegExp, string][] = [[/única/, 'unica'], [/verdad/, 'veras'], [/esta noche/, 'hoy'], [/seria/, 'sensata'], [/entero/, 'completo']]
const TAILS = ['', '', ' 🇪🇸', ' 🙌', '!!', ' 💯', ' @elenaruiz', ' https://t.co/abc123', ' #RuizPresidenta']

/** A copy of a template with the drift of copy-paste: maybe a swapped word, case, a trailing emoji, mention or link. */
export function copyOf(r: () => number, template: string): string {
  let t = template
  if (r() < 0.4) {
    const [from, to] = SWAPS[Math.floor(r() * SWAPS.length)]
    t = t.replace(from, to)
  }
  if (r() < 0.2) t = t.toUpperCase()
  if (r() < 0.2) t = `${['🚨 ', 'RT ', '👉 '][Math.floor(r() * 3)]}${t}`
  return t + TAILS[Math.floor(r() * TAILS.length)]
}

export interface StreamOptions {
  /** Window start, ms: posts fall in [start, start + spanMs). */
  start: number
  spanMs: number
  seed: number
  tag: string
}

const iso = (ms: number) => new Date(ms).toISOString()
const DAY = 86_400_000

/** `n` established accounts (created years ago), one post each in their own words. */
export function organic(n: number, o: StreamOptions): PostInput[] {
  const r = rng(o.seed)
  return Array.from({ length: n }, (_, i) => ({
    id: `${o.tag}-org-${i}`, source: 'test', createdAt: iso(o.start + r() * o.spanMs), text: ownWords(r, 'Elena Ruiz'),
    author: { id: `${o.tag}-person-${i}`, handle: `persona${i}`, followers: 200, createdAt: iso(o.start - (400 + r() * 3000) * DAY) },
  }))
}

/** `accounts` young accounts (created the day before) posting `perAccount` copies each of the first `templates`. */
export function campaign(accounts: number, perAccount: number, templates: number, o: StreamOptions): PostInput[] {
  const r = rng(o.seed)
  const out: PostInput[] = []
  for (let a = 0; a < accounts; a++) {
    for (let k = 0; k < perAccount; k++) {
      const template = TEMPLATES[(a + k) % templates]
      out.push({
        id: `${o.tag}-bot-${a}-${k}`, source: 'test', createdAt: iso(o.start + r() * o.spanMs), text: copyOf(r, template),
        author: { id: `${o.tag}-bot-${a}`, handle: `patria${1000 + a}`, followers: 3, createdAt: iso(o.start - DAY) },
      })
    }
  }
  return out
}
