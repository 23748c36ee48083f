// The debate chart's moments read apart. On the demo, three moments marked within two minutes drew their labels over
// each other at the top of "Net sentiment per minute" ("Minuto de oro de Elena Ruiz" across "Marcos Vidal ataca a…"):
// labels sat beside their lines. Now each line carries its number and a legend lists "n label". In Chromium.
import { describe, expect, it, onTestFinished } from 'vitest'
import path from 'node:path'
import { post, suiteWall } from './helpers.ts'
import { artifactsDir, launchBrowser, pageErrors } from './browser.ts'
import { ingestAll } from './wall-fixtures.ts'

const LABELS = ['Minuto de oro de Elena Ruiz', 'Pregunta sobre las pensiones a Javier Molina', 'Marcos Vidal ataca a Carmen Soto', 'Lapsus de Carmen Soto']
const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5

describe('debate chart: moments a minute apart stay readable (Chromium)', () => {
  const t = suiteWall({ flushMs: 50, tickMs: 500 }, launchBrowser)

  it('numbers at their lines never overlap, the legend reads "n label" in order, nothing drawn over anything', async () => {
    const now = Date.now()
    const texts = ['Elena Ruiz habla de vivienda', 'Marcos Vidal responde', 'Carmen Soto brillante', 'Javier Molina un desastre']
    await ingestAll(t, Array.from({ length: 120 }, (_, i) => post({ id: `dm-${i}`, createdAt: new Date(now - 300_000 + i * 2400).toISOString(), text: texts[i % 4] })))
    // Four moments, the last three a minute or less apart (30-minute axis: a minute is about one number's width).
    for (const [k, label] of LABELS.entries()) {
      const at = now - [600_000, 180_000, 120_000, 60_000][k]
      expect((await t.app.inject({ method: 'POST', url: '/api/moments', payload: { label, at, board: 'debate' } })).statusCode).toBe(201)
    }
    for (const [lang, vp] of [['es', { width: 1920, height: 1080 }], ['en', { width: 1366, height: 768 }]] as const) {
      const page = await t.browser.newPage({ viewport: vp })
      onTestFinished(() => page.close())
      const errors = pageErrors(page)
      await page.goto(`${t.url}?board=debate&lang=${lang}`)
      const markers = page.locator('[data-testid="moment-marker"]')
      await expect.poll(() => markers.count(), { timeout: 15_000 }).toBe(4)
      const got = await page.evaluate(() => {
        const boxes = (id: string) => [...document.querySelectorAll(`[data-testid="${id}"]`)].map((e) => e.getBoundingClientRect().toJSON() as DOMRect)
        const fs = parseFloat(getComputedStyle(document.documentElement).fontSize)
        return {
          fs,
          markers: boxes('moment-marker'),
          numbers: boxes('moment-number'),
          lines: [...document.querySelectorAll('[data-testid="moment-line"]')].map((e) => e.getBoundingClientRect().left),
          texts: [...document.querySelectorAll('[data-testid="moment-marker"]')].map((e) => e.textContent!.trim()),
          nums: [...document.querySelectorAll('[data-testid="moment-number"]')].map((e) => e.textContent!.trim()),
          chart: document.querySelector('[data-testid="debate-timeline"]')!.getBoundingClientRect().toJSON() as DOMRect,
        }
      })
      // Oldest first, numbered 1–4, each legend item its moment's label (shortened with "…" only where room runs out).
      expect(got.nums).toEqual(['1', '2', '3', '4'])
      got.texts.forEach((text, k) => {
        expect(text.startsWith(`${k + 1} `)).toBe(true)
        const shown = text.slice(2).replace(/…$/, '')
        expect(shown.length).toBeGreaterThan(8)
        expect(LABELS[k].startsWith(shown)).toBe(true)
      })
      // Nothing over anything: legend items, numbers, and numbers against legend items; all inside the chart.
      const all = [...got.markers, ...got.numbers]
      for (let a = 0; a < all.length; a++) for (let b = a + 1; b < all.length; b++) expect(overlap(all[a], all[b]), `${a} over ${b}`).toBe(false)
      for (const r of all) expect(r.left >= got.chart.left - 0.5 && r.right <= got.chart.right + 0.5 && r.top >= got.chart.top - 0.5).toBe(true)
      // Each number beside its own line (spread at most a couple of characters apart).
      got.numbers.forEach((r, k) => expect(Math.abs((r.left + r.right) / 2 - got.lines[k])).toBeLessThan(2.5 * got.fs))
      // The reaction list beside it gives each moment the chart's number (newest first there): the same moment, the same number.
      const listed = await page.locator('[data-testid="moment"]').evaluateAll((els) => els.map((e) => [e.querySelector('[data-testid="moment-n"]')?.textContent, e.querySelector('.label')?.textContent]))
      expect(listed.length).toBeGreaterThan(0)
      for (const [n, label] of listed) expect(LABELS[Number(n) - 1]).toBe(label)
      await page.screenshot({ path: path.join(artifactsDir, `debate-moments-${lang}-${vp.width}x${vp.height}.png`) })
      expect(errors).toEqual([])
    }
  })
})
