import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG_FILE } from '../src/paths.ts'
import { createDemoGenerator, defaultSurges } from '../src/sources/demo/generator.ts'
import { createMatcher, loadEntities } from '../src/entities.ts'
import { createValidator } from '../src/validate.ts'

const entities = loadEntities(DEFAULT_CONFIG_FILE)

describe('demo stream', () => {
  it('produces valid, varied Spanish and English posts about every entity at the configured rate', () => {
    const gen = createDemoGenerator(entities, { rate: 50, cycleS: 300, surges: [], seed: 1 })
    const now = Date.now()
    const posts = gen.posts(now - 20_000, now)
    expect(posts.length).toBeGreaterThanOrEqual(990)
    expect(posts.filter((p) => !p.repostOf || p.text !== posts.find((o) => o.id === p.repostOf)?.text).length).toBeLessThanOrEqual(1000)
    const validate = createValidator({ maxTextChars: 20_000 })
    expect(posts.every((p) => validate(p).ok)).toBe(true)
    const es = posts.filter((p) => p.lang === 'es').length / posts.length
    expect(es).toBeGreaterThan(0.6)
    expect(es).toBeLessThan(0.8)
    const match = createMatcher(entities)
    const seen = new Set(posts.flatMap((p) => match(p.text)))
    expect([...seen].sort()).toEqual(entities.map((e) => e.id).sort())
    expect(new Set(posts.map((p) => p.text)).size).toBeGreaterThan(100)
    expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length)
  })

  it('plays the scripted surges: an anger wave on a candidate, an outage wave on the brand', () => {
    const surges = defaultSurges(entities)
    expect(surges.map((s) => [s.kind, s.entity])).toEqual([['anger', 'molina'], ['outage', 'ondanet']])
    const gen = createDemoGenerator(entities, { rate: 20, cycleS: 300, surges, seed: 2 })
    const match = createMatcher(entities)
    const start = Date.now()
    const share = (fromS: number, tag: string) => {
      const posts = gen.posts(start + fromS * 1000, start + (fromS + 10) * 1000)
      return posts.filter((p) => p.text.includes(tag) && match(p.text).length > 0).length
    }
    expect(share(0, '#PensionesNo')).toBe(0)
    expect(share(50, '#PensionesNo')).toBeGreaterThan(200)
    expect(share(215, '#OndanetCaido')).toBeGreaterThan(150)
  })
})
