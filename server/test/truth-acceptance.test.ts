// Issue 17's acceptance at 1366×768, 1920×1080 and 3840×2160 in Chromium, for what the other truth suites check at
// one size: the card's value equals the chart's for the same window, and a moment's reaction on the wall sets equal
// windows side by side (40 s after against the 40 s before, never 3 min before), or says it is still collecting.
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { Moment } from '@pulso/types'
import { post, suiteWall } from './helpers.ts'
import { launchBrowser } from './browser.ts'
import { ingestAll } from './wall-fixtures.ts'

// Each size bursts on its own entity, so one size's burst is not in the next one's rolling minute.
const VIEWPORTS = [
  { width: 1366, height: 768, lang: 'es', entity: 'vidal', name: 'Marcos Vidal' },
  { width: 1920, height: 1080, lang: 'en', entity: 'soto', name: 'Carmen Soto' },
  { width: 3840, height: 2160, lang: 'es', entity: 'molina', name: 'Javier Molina' },
] as const

describe('issue 17 acceptance at three screen sizes', () => {
  const t = suiteWall({ flushMs: 50, tickMs: 500 }, launchBrowser)
  const at = Math.floor(Date.now() / 1000) * 1000 - 5 * 60_000
  let moment: Moment
  const mark = async (label: string, when: number) => (await t.app.inject({ method: 'POST', url: '/api/moments', payload: { label, at: when, board: 'debate' } })).json<Moment>()

  beforeAll(async () => {
    // Ruiz, around a moment 5 min ago: one post every 2 s for 3 min before it, one a second for 2 min after it.
    const before = Array.from({ length: 90 }, (_, i) => post({ id: `ab-${i}`, createdAt: new Date(at - 180_000 + i * 2000).toISOString(), text: 'Elena Ruiz habla ahora' }))
    const after = Array.from({ length: 120 }, (_, i) => post({ id: `aa-${i}`, createdAt: new Date(at + i * 1000).toISOString(), text: 'Elena Ruiz ha estado brillante' }))
    await ingestAll(t, [...before, ...after])
    moment = await mark('Ruiz on pensions', at)
  })

  for (const vp of VIEWPORTS) {
    it(`card = chart, equal moment windows (${vp.lang}, ${vp.width}×${vp.height})`, async () => {
      const page = await t.browser.newPage({ viewport: { width: vp.width, height: vp.height } })
      onTestFinished(() => page.close())
      // A burst the per-second chart and the card's 60 s mean read very differently.
      const now = Date.now()
      await ingestAll(t, Array.from({ length: 30 }, (_, i) => post({ id: `ac-${vp.width}-${i}`, createdAt: new Date(now - 3000 + i * 100).toISOString(), text: `${vp.name} responde ahora` })))
      await page.goto(`${t.url}?board=debate&mode=standard&lang=${vp.lang}`)
      const sel = `[data-testid="entity-card"][data-entity="${vp.entity}"] [data-testid="volume"]`
      await page.waitForFunction((s) => Number(document.querySelector(s)?.getAttribute('data-value')) > 0, sel, { timeout: 15_000 })
      const pairs = await page.evaluate(() =>
        ['ruiz', 'vidal', 'soto', 'molina'].map((e) => {
          const c = document.querySelector(`[data-testid="entity-card"][data-entity="${e}"] [data-testid="volume"]`)!
          const ch = document.querySelector(`[data-testid="volume-end"][data-entity="${e}"]`)!
          return { e, card: c.getAttribute('data-value'), chart: ch.getAttribute('data-value'), cardText: c.textContent!.trim(), chartText: ch.textContent!.trim() }
        }),
      )
      for (const p of pairs) expect({ value: p.chart, text: p.chartText }, p.e).toEqual({ value: p.card, text: p.cardText })
      const burst = Number(pairs.find((p) => p.e === vp.entity)!.card)
      expect(burst).toBeGreaterThan(0.4) // 30 posts in the minute: 0.5/s, not the burst's 10/s
      expect(burst).toBeLessThan(0.6)

      // The moment seen 40 s after it (the replayed second at+39 s ends at +40 s): 40 s after against the 40 s before.
      await page.goto(`${t.url}?board=debate&lang=${vp.lang}&t=${at + 39_000}`)
      const row = page.locator(`[data-testid="moment"][data-id="${moment.id}"] [data-testid="reaction"][data-entity="ruiz"]`)
      await row.waitFor({ state: 'visible', timeout: 15_000 })
      await expect(page.locator(`[data-testid="moment"][data-id="${moment.id}"] [data-testid="reaction-span"]`).getAttribute('data-seconds')).resolves.toBe('40')
      await expect(row.locator('[data-testid="posts-before"]').getAttribute('data-value')).resolves.toBe('20')
      await expect(row.locator('[data-testid="posts-after"]').getAttribute('data-value')).resolves.toBe('40')
      // Live, a moment not yet 30 s old says "collecting" instead of comparing a few seconds with minutes.
      const fresh = await mark(`Fresh ${vp.width}`, Date.now() - 1000)
      await page.goto(`${t.url}?board=debate&lang=${vp.lang}`)
      await page.locator(`[data-testid="moment"][data-id="${fresh.id}"] [data-testid="collecting"]`).waitFor({ timeout: 15_000 })
    })
  }
})
