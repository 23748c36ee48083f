import type { Entity, PostInput } from '@pulso/types'
import { createAuthors, type Author } from './authors.ts'
import { composer } from './compose.ts'
import { campaigns, momentLabels, MOMENTS } from './story.ts'
import { createWriters, type Lang } from './writers.ts'

export interface Surge {
  /** 'anger': an angry wave against a debate entity; 'outage': a complaint wave against a brand. */
  kind: 'anger' | 'outage'
  entity: string
  /** Seconds into each cycle. */
  startS: number
  durationS: number
  /** Surge posts per second, as a multiple of the base rate (the outage follows a rise-and-fall curve around it). */
  multiplier: number
}

export interface DemoOptions {
  /** Posts per second at rest. */
  rate: number
  /** The scripted surges and moments repeat every cycleS seconds. */
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
  if (brand) out.push({ kind: 'outage', entity: brand.id, startS: 180, durationS: 80, multiplier: 1 })
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

/** The outage's shape over its progress p: a few reports, a steep rise, the peak, a slow calm (mean ≈ the multiplier). */
const outageCurve = (p: number) => (p < 0.2 ? 0.3 : p < 0.45 ? 0.3 + ((p - 0.2) / 0.25) * 1.5 : p < 0.7 ? 1.8 - ((p - 0.45) / 0.25) * 0.8 : Math.max(0.15, 1 - ((p - 0.7) / 0.3) * 0.85))

interface Parent { id: string; handle: string; entity: Entity; brand: boolean; text: string; lang: Lang }

/** A scripted debate moment as a producer marks it: what, when (ms), on which board. */
export interface DemoMoment { label: string; at: number; board: string }

/**
 * Realistic, varied Spanish (~70%) and English posts about the configured entities, with threads, campaigns, debate
 * moments and the scripted surges. `posts(fromMs, toMs)` returns the posts created in that interval; the caller decides
 * the pace (live: every 200 ms; tests: simulated time). Moments and campaigns change what an entity's posts say, never
 * how many there are: only the surges move volume, so a steady stream raises no alert.
 */
export function createDemoGenerator(entities: Entity[], opts: DemoOptions) {
  const rand = rng(opts.seed)
  const c = composer(rand)
  const who = createAuthors(c)
  const w = createWriters(c)
  const debate = entities.filter((e) => e.group !== 'brand')
  const brands = entities.filter((e) => e.group === 'brand')
  const startedAt = Date.now()
  let seq = 0
  // Poisson arrivals: carry the fractional expectation between calls so low rates still emit.
  const carry = new Map<string, number>()
  /** Recent posts worth answering (influential authors, a few others): replies and quotes hang under them. */
  const parents: Parent[] = []
  /** Reposts of viral posts, due later: a post spreads over the minutes after it is written. */
  const due: PostInput[] = []
  const phase = (t: number) => ((((t - startedAt) / 1000) % opts.cycleS) + opts.cycleS) % opts.cycleS
  /** The first time in [from, to) at cycle second s, if any: for one-off scripted posts. */
  const at = (from: number, to: number, s: number) => {
    const t = from + ((s - phase(from) + opts.cycleS) % opts.cycleS) * 1000
    return t < to ? t : undefined
  }
  const cycleOf = (t: number) => Math.floor((t - startedAt) / 1000 / opts.cycleS)

  /** Copy-paste campaigns of cycle k: where and what, from the seed and k only (so any call pattern agrees). */
  const campaignCache = new Map<number, { from: number; to: number; entity: Entity; template: string }[]>()
  const campaignsOf = (k: number) => {
    let list = campaignCache.get(k)
    if (!list) {
      const r = rng(opts.seed * 7919 + k)
      // A minute: long enough to own a minute of the entity's posts (issue 20's verdict is over the last minute).
      const len = Math.min(60, opts.cycleS * 0.2)
      list = [0.22, 0.62].map((f) => {
        const entity = entities[Math.floor(r() * entities.length)]
        const from = (f + r() * 0.1) * opts.cycleS
        const pool = entity.group === 'brand' ? campaigns.slice(3) : campaigns.slice(0, 3)
        return { from, to: from + len, entity, template: pool[Math.floor(r() * pool.length)] }
      })
      campaignCache.set(k, list)
    }
    return list
  }

  function post(t: number, text: string, lang: Lang, author: Author, e: Entity, extra: { repostOf?: string; viral?: number } = {}): PostInput {
    const big = author.followers > 100_000
    const likes = big ? Math.round(author.followers * (0.0005 + rand() * 0.003)) : rand() < 0.05 ? c.int(20, 600) : c.int(0, 8)
    const p: PostInput = {
      id: `demo-${startedAt}-${seq++}`, source: 'demo', createdAt: new Date(t).toISOString(), text, lang, author: { ...author },
      metrics: { reposts: Math.round(likes / c.int(4, 10)), likes, replies: Math.round(likes / c.int(10, 30)) },
    }
    if (extra.repostOf) p.repostOf = extra.repostOf
    if (!extra.repostOf && (big || rand() < 0.01)) {
      parents.push({ id: p.id, handle: author.handle, entity: e, brand: e.group === 'brand', text, lang })
      if (parents.length > 40) parents.shift()
    }
    // Personalities are shared, a verified outlet now and then; ordinary posts are not (reposts copy text, so few).
    const viral = extra.viral ?? (extra.repostOf ? 0 : author.followers > 1_000_000 ? c.int(1, 6) : big && rand() < 0.3 ? 1 : 0)
    for (let i = 0; i < viral; i++) {
      const r = who.any()
      due.push({ ...p, id: `demo-${startedAt}-${seq++}`, createdAt: new Date(t + 2000 + rand() * 120_000).toISOString(), author: r, repostOf: p.id, metrics: { reposts: 0, likes: 0, replies: 0 } })
    }
    return p
  }

  /** One ordinary post: a thread reply, quote or repost; or a fresh post, maybe a campaign copy or a moment reaction. */
  function regular(t: number): PostInput {
    const lang: Lang = rand() < 0.7 ? 'es' : 'en'
    const author = who.any()
    const full = author.followers > 100_000
    const r = rand()
    if (parents.length && r < 0.1) {
      const p = c.pick(parents)
      // A quote adds a comment on top of the original (repostOf); plain reposts come from viral posts (see post()).
      if (r < 0.025) return post(t, w.quote(p.entity, lang, full), lang, author, p.entity, { repostOf: p.id })
      return post(t, w.reply(p.entity, p.brand ? 'es' : lang, p.handle, p.brand, full), p.brand ? 'es' : lang, author, p.entity)
    }
    const e = brands.length && (!debate.length || rand() < 0.3) ? c.pick(brands) : c.pick(debate)
    const camp = campaignsOf(cycleOf(t)).find((x) => x.entity === e && phase(t) >= x.from && phase(t) < x.to)
    // Two in three of the entity’s posts while it runs: a script floods the conversation (issue 20's wall shows it as
    // coordinated; at one in four it read as a mixed minute).
    if (camp && rand() < 0.65) return post(t, w.campaign(camp.template, e), 'es', who.bot(c.int(0, 400)), e)
    if (e.group === 'brand') return post(t, w.brand(e, lang).text, lang, author, e)
    const f = phase(t) / opts.cycleS
    const m = MOMENTS.find((x) => f >= x.from && f < x.to)
    const speaker = m && debate[m.who % debate.length]
    const target = m && debate[m.target % debate.length]
    if (m && (e === speaker || e === target) && rand() < 0.5) return post(t, w.moment(m.kind, speaker!, target!, full), 'es', author, e)
    return post(t, w.debate(e, lang, full), lang, author, e)
  }

  function count(key: string, expected: number): number {
    const x = (carry.get(key) ?? 0) + expected
    const n = Math.floor(x)
    carry.set(key, x - n)
    return n
  }

  return {
    /** When the script's first cycle began (ms). */
    startedAt,
    /** The debate moments that begin in [fromMs, toMs), each once: the times its reactions start. */
    moments(fromMs: number, toMs: number): DemoMoment[] {
      return debate.length ? MOMENTS.flatMap((m) => {
        const t = at(fromMs, toMs, m.from * opts.cycleS)
        const [n, target] = [debate[m.who % debate.length], debate[m.target % debate.length]]
        return t === undefined ? [] : [{ label: momentLabels[m.kind].replace('{n}', n.name).replace('{m}', target.name), at: t, board: n.group }]
      }) : []
    },
    /** Surges active at time t (ms). */
    activeSurges(t: number): Surge[] {
      const s = phase(t)
      return opts.surges.filter((g) => s >= g.startS && s < g.startS + g.durationS)
    },
    posts(fromMs: number, toMs: number): PostInput[] {
      const out: PostInput[] = []
      const secs = (toMs - fromMs) / 1000
      const when = () => fromMs + rand() * (toMs - fromMs)
      for (let i = count('base', opts.rate * secs); i > 0; i--) out.push(regular(when()))
      for (const g of this.activeSurges(toMs)) {
        const e = entities.find((x) => x.id === g.entity)
        if (!e) continue
        const p = (phase(toMs) - g.startS) / g.durationS
        if (g.kind === 'anger') {
          for (let i = count(g.kind + g.entity, opts.rate * g.multiplier * secs); i > 0; i--) {
            const { text, lang } = w.anger(e)
            out.push(post(when(), text, lang, who.any(), e))
          }
        } else {
          for (let i = count(g.kind + g.entity, opts.rate * g.multiplier * outageCurve(p) * secs); i > 0; i--) out.push(post(when(), w.outage(e, p), 'es', who.any(), e))
        }
      }
      // One-off scripted posts: the brand's official replies mid-outage, and a personality's hazard report.
      for (const g of opts.surges.filter((x) => x.kind === 'outage')) {
        const e = entities.find((x) => x.id === g.entity)
        if (!e) continue
        ;[0.48, 0.8].forEach((f, i) => {
          const t = at(fromMs, toMs, g.startS + f * g.durationS)
          if (t !== undefined) out.push(post(t, w.official(e, i), 'es', who.official(c.handleOf(e)), e, { viral: 12 }))
        })
      }
      // Two per cycle: rare enough to stand out in the queue; the first within seconds of the start, because the first
      // minute is when a team decides whether the queue is worth watching.
      for (const e of brands) {
        ;[0.03, 0.55].forEach((f, i) => {
          const t = at(fromMs, toMs, opts.cycleS * f)
          if (t !== undefined) out.push(post(t, w.hazard(e, cycleOf(t) * 2 + i), 'es', who.influencer(), e, { viral: 35 }))
        })
      }
      for (let i = due.length - 1; i >= 0; i--) {
        const t = Date.parse(due[i].createdAt)
        if (t < toMs) out.push(...due.splice(i, 1))
      }
      return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    },
  }
}
