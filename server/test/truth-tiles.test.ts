// Issue 17, point 4, in Chromium: two tiles showing the same quantity show the same value, and each says its window.
// The entity card's volume and the volume chart's end label are both the rolling window's posts per second.
import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { post, suiteWall } from './helpers.ts'
import { artifactsDir, launchBrowser } from './browser.ts'
import { ingestAll } from './wall-fixtures.ts'

describe('tiles agree (truth)', () => {
  const t = suiteWall({ flushMs: 50, tickMs: 500 }, launchBrowser)

  it('the card value equals the chart’s value for the same window, and both say the window', async () => {
    const now = Date.now()
    // A burst that the per-second chart and a 60 s mean read very differently: 40 posts for Ruiz in 4 s, 9 for Vidal.
    const posts = [
      ...Array.from({ length: 40 }, (_, i) => post({ id: `tr-${i}`, createdAt: new Date(now - 4000 + i * 100).toISOString(), text: 'Elena Ruiz responde ahora' })),
      ...Array.from({ length: 9 }, (_, i) => post({ id: `tv-${i}`, createdAt: new Date(now - 30_000 + i * 3000).toISOString(), text: 'Marcos Vidal responde ahora' })),
    ]
    await ingestAll(t, posts)
    const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${t.url}?board=debate&mode=standard&lang=en`)
    const card = (e: string) => `[data-testid="entity-card"][data-entity="${e}"] [data-testid="volume"]`
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('data-value')) > 0, card('ruiz'), { timeout: 15_000 })
    // Both read in one frame, so no tick comes between them.
    const read = () =>
      page.evaluate(() =>
        ['ruiz', 'vidal', 'soto'].map((e) => {
          const c = document.querySelector(`[data-testid="entity-card"][data-entity="${e}"] [data-testid="volume"]`)!
          const ch = document.querySelector(`[data-testid="volume-end"][data-entity="${e}"]`)!
          return { e, card: c.getAttribute('data-value'), cardText: c.textContent!.trim(), chart: ch.getAttribute('data-value'), chartText: ch.textContent!.trim() }
        }),
      )
    for (const r of await read()) {
      expect(r.chart, r.e).toBe(r.card)
      expect(r.chartText, r.e).toBe(r.cardText)
    }
    const ruiz = (await read())[0]
    expect(Number(ruiz.card)).toBeGreaterThan(0.5) // 40 posts in the last minute: ≈0.67/s, not the burst's 10/s
    expect(Number(ruiz.card)).toBeLessThan(1)
    expect(await page.locator('[data-testid="entity-card"][data-entity="ruiz"] [data-testid="volume-window"]').textContent()).toBe('posts/s · last min')
    expect(await page.locator('[data-testid="volume-end-window"]').textContent()).toBe('posts/s · last min')
    await page.screenshot({ path: path.join(artifactsDir, 'truth-tiles-1920x1080.png') })
    await page.goto(`${t.url}?board=debate&mode=standard&lang=es`)
    await page.locator('[data-testid="volume-end-window"]').waitFor({ timeout: 15_000 })
    expect(await page.locator('[data-testid="volume-end-window"]').textContent()).toBe('posts/s · último min')
    await page.screenshot({ path: path.join(artifactsDir, 'truth-tiles-es-1920x1080.png') })
  })
})
