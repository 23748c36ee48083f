import type { Entity, PostInput } from '@pulso/types'
import * as P from './phrases.ts'

export interface Surge {
  /** 'anger': an angry wave against a debate entity; 'outage': a complaint wave against a brand. */
  kind: 'anger' | 'outage'
  entity: string
  /** Seconds into each cycle. */
  startS: number
  durationS: number
  /** Surge posts per second, as a multiple of the base rate. */
  multiplier: number
}

export interface DemoOptions {
  /** Posts per second at rest. */
  rate: number
  /** The scripted surges repeat every cycleS seconds. */
  cycleS: number
  surges: Surge[]
  seed: number
}

/** Default script: a candidate's anger wave, then a brand outage, every 5 minutes. */
export function defaultSurges(entities: Entity[]): Surge[] {
  const debate = entities.filter((e) => e.group === 'debate')
  const brand = entities.find((e) => e.group === 'brand')
  const out: Surge[] = []
  if (debate.length) out.push({ kind: 'anger', entity: debate[debate.length - 1].id, startS: 45, durationS: 60, multiplier: 1.5 })
  if (brand) out.push({ kind: 'outage', entity: brand.id, startS: 180, durationS: 60, multiplier: 1 })
  return out
}

/** mulberry32: a small seeded PRNG, so a demo run (or a fuzz run) can be replayed exactly. */
export function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Realistic, varied Spanish (70%) and English posts about the configured entities. `posts(fromMs, toMs)` returns
 * the posts created in that interval; the caller decides the pace (live: every 200 ms; tests: simulated time).
 */
export function createDemoGenerator(entities: Entity[], opts: DemoOptions) {
  const rand = rng(opts.seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const debate = entities.filter((e) => e.group !== 'brand')
  const brands = entities.filter((e) => e.group === 'brand')
  const startedAt = Date.now()
  let seq = 0
  // Poisson arrivals: carry the fractional expectation between calls so low rates still emit.
  const carry = new Map<string, number>()

  const fill = (tpl: string, e: Entity) =>
    tpl
      .replaceAll('{n}', e.name)
      .replaceAll('{h}', e.terms.find((t) => t.startsWith('@')) ?? '@' + e.id)
      .replaceAll('{tag}', e.name.replace(/\s+/g, ''))

  function author(pool: number) {
    const n = Math.floor(rand() * pool)
    return {
      id: `demo-user-${n}`,
      handle: `usuario${n}`,
      // log-normal-ish: most have hundreds of followers, a few have many thousands
      followers: Math.round(Math.exp(4 + 2.2 * (rand() + rand() + rand() - 1.5) * 1.4)),
      verified: n % 97 === 0,
    }
  }

  function post(t: number, text: string, lang: 'es' | 'en', pool: number): PostInput {
    const reposts = rand() < 0.05 ? Math.floor(rand() * 200) : Math.floor(rand() * 3)
    return { id: `demo-${startedAt}-${seq++}`, source: 'demo', createdAt: new Date(t).toISOString(), text, lang, author: author(pool), metrics: { reposts, likes: reposts * 3, replies: Math.floor(rand() * 5) } }
  }

  function regular(t: number): PostInput {
    const es = rand() < 0.7
    const useBrand = brands.length > 0 && (debate.length === 0 || rand() < 0.3)
    if (useBrand) {
      const e = pick(brands)
      const bank = es ? P.brandEs : P.brandEn
      const kind = pick(['complaint', 'complaint', 'question', 'praise', 'claim'] as const)
      return post(t, fill(pick(bank[kind]), e), es ? 'es' : 'en', 50_000)
    }
    const e = pick(debate)
    const bank = es ? P.debateEs : P.debateEn
    const mood = pick(['positive', 'negative', 'neutral'] as const)
    const text = fill(pick(bank[mood]), e).replaceAll('{t}', pick(es ? P.topicsEs : P.topicsEn))
    return post(t, text, es ? 'es' : 'en', 50_000)
  }

  function count(key: string, expected: number): number {
    const x = (carry.get(key) ?? 0) + expected
    const n = Math.floor(x)
    carry.set(key, x - n)
    return n
  }

  return {
    /** Surges active at time t (ms). */
    activeSurges(t: number): Surge[] {
      const s = ((t - startedAt) / 1000) % opts.cycleS
      return opts.surges.filter((g) => s >= g.startS && s < g.startS + g.durationS)
    },
    posts(fromMs: number, toMs: number): PostInput[] {
      const out: PostInput[] = []
      const secs = (toMs - fromMs) / 1000
      const at = () => fromMs + rand() * (toMs - fromMs)
      for (let i = count('base', opts.rate * secs); i > 0; i--) out.push(regular(at()))
      for (const g of this.activeSurges(toMs)) {
        const e = entities.find((x) => x.id === g.entity)
        if (!e) continue
        const bank = g.kind === 'anger' ? P.surgeText.angerEs : P.surgeText.outageEs
        for (let i = count(g.kind + g.entity, opts.rate * g.multiplier * secs); i > 0; i--) out.push(post(at(), fill(pick(bank), e), 'es', 200_000))
      }
      return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    },
  }
}
