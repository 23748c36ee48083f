// Issue 15, acceptance: the wall's debate board and moment reactions use per-entity sentiment. In Chromium, after
// posts that praise one candidate and mock the other in the same sentence, the two candidates' cards, the debate
// timeline's net labels and the moment's reaction row read opposite signs (before, both read the post's one score).
import { describe, expect, it, onTestFinished } from 'vitest'
import path from 'node:path'
import { post, suiteWall } from './helpers.ts'
import { artifactsDir, launchBrowser } from './browser.ts'
import { ingestAll } from './wall-fixtures.ts'

describe('debate board with per-entity sentiment (Chromium)', () => {
  const t = suiteWall({ flushMs: 50, tickMs: 500 }, launchBrowser)

  it('shows Ruiz positive and Vidal negative after "Ruiz arrasó…, Vidal hizo el ridículo"', async () => {
    const now = Date.now()
    const at = now - 100_000
    const texts = ['Ruiz arrasó en el debate, Vidal hizo el ridículo', 'Elena Ruiz brillante, Marcos Vidal un desastre total']
    const posts = Array.from({ length: 20 }, (_, i) => post({ id: `eb-${i}`, createdAt: new Date(now - 90_000 + i * 4000).toISOString(), text: texts[i % 2] }))
    await ingestAll(t, posts)
    const marked = await t.app.inject({ method: 'POST', url: '/api/moments', payload: { label: 'Cierre del debate', at, board: 'debate' } })
    expect(marked.statusCode).toBe(201)

    const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } })
    onTestFinished(() => page.close())
    await page.goto(`${t.url}?board=debate&lang=es`)
    const value = (sel: string) => page.evaluate((s) => document.querySelector(s)?.getAttribute('data-value') ?? null, sel)
    const card = (e: string) => `[data-testid="entity-card"][data-entity="${e}"] [data-testid="sentiment"]`
    const net = (e: string) => `[data-testid="net-label"][data-entity="${e}"]`
    const after = (e: string) => `[data-testid="reaction"][data-entity="${e}"] [data-testid="net-after"]`
    // Wait until every tile has the posts (the card's rolling window, the per-minute history, the reaction).
    for (const sel of [card('ruiz'), card('vidal'), net('ruiz'), net('vidal'), after('ruiz'), after('vidal')]) {
      await page.waitForFunction((s) => {
        const v = document.querySelector(s)?.getAttribute('data-value')
        return v !== null && v !== undefined && v !== '' && Number(v) !== 0
      }, sel, { timeout: 30_000 })
    }
    await page.screenshot({ path: path.join(artifactsDir, 'entity-sentiment-debate.png') })
    expect(Number(await value(card('ruiz')))).toBeGreaterThan(0)
    expect(Number(await value(card('vidal')))).toBeLessThan(0)
    expect(Number(await value(net('ruiz')))).toBeGreaterThan(0)
    expect(Number(await value(net('vidal')))).toBeLessThan(0)
    // Every post is after the moment and names both: the reaction is all praise for one, all scorn for the other.
    expect(Number(await value(after('ruiz')))).toBe(1)
    expect(Number(await value(after('vidal')))).toBe(-1)
  })
})
