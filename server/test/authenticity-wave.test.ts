// Found on the running demo: over the minute of the anger wave against Molina (the demo's public reaction, written
// as people's own words), the wall's "Is it real?" tile said COORDINATED, "73 % from 3 copy-paste clusters", while the
// alert the wave raised said public reaction. One "cluster" held 3,248 posts of a dozen different sentences: the
// single-linkage grouping chained posts on one topic, each a few bits from the next, into one script. A real
// script (many accounts, one text) must still read coordinated.
import { describe, expect, it } from 'vitest'
import { createDemoGenerator } from '@pulso/ingest'
import { suiteApp } from './helpers.ts'
import { campaign } from './authenticity-streams.ts'

describe('a topic wave in people’s own words is not a copy-paste campaign', () => {
  const t = suiteApp()

  it('the demo’s anger wave reads as no campaign; a script at the same time still does', async () => {
    const app = t.app
    // Five simulated minutes ending now (the demo's script is phase-based, so the past works): the wave runs from
    // second 45 to 105 of the cycle at 1.5× the base rate, as `npm start` runs it.
    const start = Date.now() - 300_000
    const gen = createDemoGenerator(app.entities, { rate: 40, cycleS: 300, surges: [{ kind: 'anger', entity: 'molina', startS: 45, durationS: 60, multiplier: 1.5 }], seed: 7 })
    // A script for Ruiz during the wave: 600 copies by young accounts in 50 s, most of what is said of him then.
    const bots = campaign(300, 2, 3, { start: start + 50_000, spanMs: 50_000, seed: 8, tag: 'wave' })
    const posts = [...bots]
    for (let s = start; s < start + 300_000; s += 1000) posts.push(...gen.posts(s, s + 1000))
    for (let i = 0; i < posts.length; i += 2000) await app.ingest(posts.slice(i, i + 2000).map((value, k) => ({ line: k + 1, value })))

    const wave = await app.authenticity.judge('molina', start + 45_000, start + 105_000)
    expect(wave.posts).toBeGreaterThan(2000)
    const biggest = wave.evidence.clusters[0]
    expect(wave.verdict, `copyShare ${wave.copyShare}, biggest cluster ${biggest?.size}: ${biggest?.sample}`).not.toBe('coordinated')
    // Copying is not what explains it: below the share that would make the minute look mixed.
    expect(wave.copyShare).toBeLessThan(app.authenticity.settings.mixed.copyShare)

    const script = await app.authenticity.judge('ruiz', start + 50_000, start + 100_000)
    expect(script.verdict).toBe('coordinated')
    expect(script.evidence.clusters.length).toBeGreaterThanOrEqual(1)
  }, 120_000)
})
