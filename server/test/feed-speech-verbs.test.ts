// A debate's posts narrate who speaks ("Ahora habla Vidal sobre las pensiones", "lo que digo", "Vidal talking about…").
// In the demo's first minutes the wall's "Most cited" tile read "habla 195 posts · digo 189 posts" beside the topic
// that mattered: speech verbs are stop words for rising and most-cited terms (they name no topic).
import { describe, expect, it } from 'vitest'
import type { Feed } from '@pulso/types'
import { post, suiteApp } from './helpers.ts'
import { ingestAll } from './wall-fixtures.ts'

const TEXTS = ['Ahora habla Marcos Vidal sobre las pensiones', 'Lo que yo digo: Marcos Vidal no tiene plan para las pensiones', 'Marcos Vidal talking about pensions again, he speaks well']

describe('most cited terms leave out speech verbs', () => {
  const t = suiteApp({ flushMs: 50 })
  it('the debate board cites the topic, not "habla" / "digo" / "talking"', async () => {
    const now = Date.now()
    await ingestAll({ app: t.app } as never, Array.from({ length: 30 }, (_, i) => post({ id: `sv-${i}`, createdAt: new Date(now - 100_000 + i * 3000).toISOString(), text: TEXTS[i % 3], author: { id: `a${i}` } })))
    const board = (await t.app.inject({ url: `/api/feed?at=${now + 1}` })).json<Feed>().boards.debate
    const terms = board.rising.map((r) => r.term)
    expect(terms).toContain('pensiones')
    for (const verb of ['habla', 'digo', 'talking', 'speaks']) expect(terms, verb).not.toContain(verb)
  })
})
