/**
 * The demo as a room sees it: five simulated minutes of the default script, run through the real analyser and the
 * queue's real priority. It must not repeat itself, must show every kind of post the NLP knows, a copy-paste campaign,
 * at least one item the queue ranks high, and political anger that reads as opinion, not as a product complaint.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { INTENTS, NATURES, type PostInput } from '@pulso/types'
import { priority } from '../../server/src/queue/priority.ts'
import { careIds, inCare } from '../src/care.ts'
import { createMatcher, loadEntities } from '../src/entities.ts'
import { createAnalyzer } from '../src/nlp/index.ts'
import { DEFAULT_CONFIG_FILE } from '../src/paths.ts'
import { createDemoGenerator, defaultSurges } from '../src/sources/demo/generator.ts'
import { createValidator } from '../src/validate.ts'

const entities = loadEntities(DEFAULT_CONFIG_FILE)
const analyzer = createAnalyzer()
const match = createMatcher(entities)
// As ingest reads them: complaints only about customer-care entities (the candidates are care: false).
const care = careIds(entities)

/** Five minutes of the default script at the server's default rate, from a fixed start. */
function fiveMinutes(seed: number) {
  const gen = createDemoGenerator(entities, { rate: 40, cycleS: 300, surges: defaultSurges(entities), seed })
  const start = Date.now()
  const posts: PostInput[] = []
  // Live-like: the source asks every 200 ms.
  for (let t = start; t < start + 300_000; t += 200) posts.push(...gen.posts(t, t + 200))
  return { posts, start }
}

describe('five minutes of the demo', () => {
  let posts: PostInput[]
  let start: number
  let analysed: { post: PostInput; entities: string[]; a: ReturnType<typeof analyzer.analyze> }[]
  beforeAll(() => {
    ;({ posts, start } = fiveMinutes(7))
    analysed = posts.map((post) => {
      const found = match(post.text)
      return { post, entities: found, a: inCare(analyzer.analyze(post.text, post.lang), found, care) }
    })
  })

  it('is valid, labelled demo, about a configured entity, and at least 90% distinct texts (other seeds too)', () => {
    const validate = createValidator({ maxTextChars: 20_000 })
    expect(posts.every((p) => validate(p).ok && p.source === 'demo')).toBe(true)
    expect(analysed.every((x) => x.entities.length > 0)).toBe(true)
    expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length)
    const share = (ps: PostInput[]) => new Set(ps.map((p) => p.text)).size / ps.length
    expect(share(posts)).toBeGreaterThanOrEqual(0.9)
    for (const seed of [1, 42]) expect(share(fiveMinutes(seed).posts)).toBeGreaterThanOrEqual(0.9)
    const es = posts.filter((p) => p.lang === 'es').length / posts.length
    expect(es).toBeGreaterThan(0.6)
    expect(es).toBeLessThan(0.85)
  })

  it('shows every intent and every nature the analyser knows', () => {
    expect(new Set(analysed.map((x) => x.a.intent))).toEqual(new Set(INTENTS))
    expect(new Set(analysed.map((x) => x.a.nature).filter(Boolean))).toEqual(new Set(NATURES))
  })

  it('keeps political anger as opinion: no debate post reads as a product complaint', () => {
    const debate = analysed.filter((x) => !x.entities.includes('ondanet'))
    const complaints = debate.filter((x) => x.a.intent === 'complaint' || x.a.intent === 'claim')
    expect(complaints.length / debate.length).toBeLessThan(0.005)
    const wave = debate.filter((x) => x.post.text.includes('#PensionesNo'))
    expect(wave.length).toBeGreaterThan(1000)
    expect(wave.filter((x) => x.a.nature === 'product_failure')).toEqual([])
    expect(wave.filter((x) => /pensi/i.test(x.post.text)).length / wave.length).toBeGreaterThan(0.8)
  })

  it('has real-feed texture: threads, influencers with millions of followers, verified accounts, bots', () => {
    const ids = new Set(posts.map((p) => p.id))
    const quotes = posts.filter((p) => p.repostOf && ids.has(p.repostOf))
    expect(quotes.length).toBeGreaterThan(100)
    expect(posts.filter((p) => /^@\w/.test(p.text) && !p.repostOf).length).toBeGreaterThan(200)
    expect(new Set(posts.filter((p) => (p.author.followers ?? 0) >= 1_000_000).map((p) => p.author.id)).size).toBeGreaterThanOrEqual(3)
    expect(posts.filter((p) => p.author.verified).length).toBeGreaterThan(50)
    expect(posts.filter((p) => p.author.id.startsWith('demo-bot-')).length).toBeGreaterThan(50)
  })

  it('runs a copy-paste campaign: many authors, near-identical text, within a minute', () => {
    const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}# ]/gu, '').replace(/\s+/g, ' ').trim()
    const groups = new Map<string, PostInput[]>()
    for (const p of posts.filter((x) => !x.repostOf)) groups.set(norm(p.text), [...(groups.get(norm(p.text)) ?? []), p])
    const campaign = [...groups.values()].find((g) => {
      if (new Set(g.map((p) => p.author.id)).size < 20) return false
      const ts = g.map((p) => Date.parse(p.createdAt)).sort((a, b) => a - b)
      return ts.some((t, i) => i + 20 <= ts.length && ts[i + 19] - t <= 60_000)
    })
    expect(campaign, 'a text posted by 20+ authors within 60 s').toBeDefined()
  })

  it('puts at least one item at queue priority ≥ 80 (a verified personality reporting a hazard), and few others', () => {
    const scored = analysed
      .filter((x) => !x.post.repostOf && ['question', 'complaint', 'claim'].includes(x.a.intent))
      .map((x) => {
        const t = Date.parse(x.post.createdAt)
        const reposts = posts.filter((p) => p.repostOf === x.post.id && Date.parse(p.createdAt) - t < 600_000).length
        const m = x.post.metrics ?? {}
        const f = {
          intent: x.a.intent as 'complaint', nature: x.a.nature, followers: x.post.author.followers ?? 0, verified: !!x.post.author.verified,
          engagement: (m.likes ?? 0) + (m.replies ?? 0) + Math.max(m.reposts ?? 0, reposts), recent: reposts, previous: 0,
          anger: x.a.emotions.anger, disgust: x.a.emotions.disgust, fear: x.a.emotions.fear, sadness: x.a.emotions.sadness, tier: null, tierValue: 0,
        }
        return { x, p: priority(f) }
      })
    const high = scored.filter((s) => s.p >= 80)
    expect(high.length).toBeGreaterThanOrEqual(1)
    expect(high.some((s) => s.x.a.nature === 'safety' && s.x.post.author.verified && (s.x.post.author.followers ?? 0) > 1_000_000)).toBe(true)
    expect(high.length / scored.length).toBeLessThan(0.02)
  })

  it('tells the outage as a story: a few reports, a wave, an official reply, the calm', () => {
    const tagged = posts.filter((p) => p.text.includes('#OndanetCaido') && !p.repostOf)
    const inWindow = (a: number, b: number) => tagged.filter((p) => Date.parse(p.createdAt) - start >= a * 1000 && Date.parse(p.createdAt) - start < b * 1000).length
    expect(inWindow(0, 179)).toBe(0)
    const early = inWindow(180, 190)
    const peak = inWindow(212, 222)
    const late = inWindow(250, 260)
    expect(peak).toBeGreaterThan(early * 2)
    expect(peak).toBeGreaterThan(late * 2)
    const official = tagged.filter((p) => p.author.handle === 'ondanet_ayuda')
    expect(official.length).toBe(2)
    expect(official.every((p) => p.author.verified)).toBe(true)
  })
})

describe('demo history before the generator started', () => {
  it('generates valid posts for times before its start, across cycle boundaries (a warm-up history)', () => {
    const gen = createDemoGenerator(entities, { rate: 10, cycleS: 120, surges: defaultSurges(entities), seed: 3 })
    const now = Date.now()
    const posts = gen.posts(now - 600_000, now)
    const validate = createValidator({ maxTextChars: 20_000 })
    expect(posts.length).toBeGreaterThan(5000)
    expect(posts.every((p) => typeof p.text === 'string' && p.text.length > 0 && validate(p).ok)).toBe(true)
  })
})

describe('the demo marks its debate moments', () => {
  it('each scripted moment once per cycle, when its reactions begin, on the debate board, named as a producer would', () => {
    const gen = createDemoGenerator(entities, { rate: 10, cycleS: 300, surges: defaultSurges(entities), seed: 5 })
    const got = []
    // Asked as the source asks (every 200 ms) over two cycles from the script's start: no moment twice, none missed.
    for (let t = gen.startedAt; t < gen.startedAt + 600_000; t += 200) got.push(...gen.moments(t, t + 200))
    const debate = entities.filter((e) => e.group === 'debate').map((e) => e.name)
    const firstCycle = [
      { label: `Minuto de oro de ${debate[0]}`, at: gen.startedAt, board: 'debate' },
      { label: `Pregunta sobre las pensiones a ${debate[3]}`, at: gen.startedAt + 30_000, board: 'debate' },
      { label: `${debate[1]} ataca a ${debate[2]}`, at: gen.startedAt + 120_000, board: 'debate' },
      { label: `Lapsus de ${debate[2]}`, at: gen.startedAt + 240_000, board: 'debate' },
    ]
    expect(got).toEqual([...firstCycle, ...firstCycle.map((m) => ({ ...m, at: m.at + 300_000 }))])
    // Its reactions are in the posts from then on: the attack's words about its two candidates.
    const posts = gen.posts(gen.startedAt + 120_000, gen.startedAt + 144_000).filter((p) => /ataque|zasca|va a por|tensión|recorte/.test(p.text))
    expect(posts.length).toBeGreaterThan(5)
  })
})
