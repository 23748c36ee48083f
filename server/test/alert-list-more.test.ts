// The wall's Alerts tile draws only as many alerts as fit. On the running demo at 1920×1080 the banner showed two open
// alerts (Molina SEV 3, Ondanet SEV 1) and the tile beside it listed Molina alone, saying nothing of the other: two
// tiles contradicting each other. Now the alerts that do not fit are counted on the tile's last line ("+2 more, 2
// open"), so what the list draws plus what it counts is every alert of the board.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import path from 'node:path'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { buildApp } from '../src/app.ts'
import { post } from './helpers.ts'
import { artifactsDir, launchBrowser } from './browser.ts'
import { ingestAll } from './wall-fixtures.ts'
import type { Browser } from 'playwright-core'

const min = 60_000
const ALERTS = [
  { id: 'al-ruiz', entity: 'ruiz', severity: 4, ago: 6 * min, status: 'open' },
  { id: 'al-vidal', entity: 'vidal', severity: 2, ago: 2 * min, status: 'open' },
  { id: 'al-ondanet', entity: 'ondanet', severity: 3, ago: 1 * min, status: 'open' },
  { id: 'al-soto', entity: 'soto', severity: 5, ago: 3 * min, status: 'acknowledged' },
]

describe('the Alerts tile counts what it cannot draw', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pulso-alert-list-'))
  const config = { dataDir, demo: false }
  let app: Awaited<ReturnType<typeof buildApp>>
  let browser: Browser
  let base = ''

  beforeAll(async () => {
    // Alerts are real rows, loaded by the app at start (as after a restart during a crisis).
    const first = await buildApp({ logger: false, config })
    const now = Date.now()
    await first.store.client.insert({
      table: 'alerts',
      format: 'JSONEachRow',
      values: ALERTS.map(({ ago, ...a }) => ({ ...a, metric: 'volume', observed: 40, expected: 8, onset: now - ago - 30_000, detected_at: now - ago, emotion: '', drivers: '[]', posts: '[]', updated_at: now })),
    })
    await first.close()
    app = await buildApp({ logger: false, config })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/`
    await ingestAll({ app }, [post({ id: 'p1', text: 'Elena Ruiz habla ahora' }), post({ id: 'p2', text: 'Ondanet caído otra vez' })])
    for (const until = Date.now() + 15_000; (await app.inject({ url: '/api/alerts' })).json().alerts.length < ALERTS.length; ) {
      if (Date.now() > until) throw new Error('the stored alerts were not loaded')
      await new Promise((r) => setTimeout(r, 100))
    }
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  for (const [lang, vp] of [['en', { width: 1920, height: 1080 }], ['es', { width: 1366, height: 768 }]] as const) {
    it(`(${lang}, ${vp.width}×${vp.height}) drawn + counted = every alert of the board, and the open ones agree with the banner`, async () => {
      const page = await browser.newPage({ viewport: vp })
      onTestFinished(() => page.close())
      await page.goto(`${base}?lang=${lang}`)
      await page.locator('[data-testid="alert-item"]').first().waitFor({ timeout: 15_000 })
      const more = page.locator('[data-testid="alerts-more"]')
      await more.waitFor({ timeout: 5_000 })
      await page.screenshot({ path: path.join(artifactsDir, `alert-list-more-${lang}-${vp.width}x${vp.height}.png`) })
      const drawn = await page.locator('[data-testid="alert-item"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-alert'), e.getAttribute('data-status')]))
      const hidden = Number(await more.getAttribute('data-hidden'))
      const hiddenOpen = Number(await more.getAttribute('data-open'))
      expect(drawn.length + hidden).toBe(ALERTS.length)
      expect(drawn.filter(([, s]) => s === 'open').length + hiddenOpen).toBe(3)
      const text = (await more.textContent())!.trim()
      expect(text).toBe(lang === 'es' ? `+${hidden} más, ${hiddenOpen} abiertas` : `+${hidden} more, ${hiddenOpen} open`)
      // The line is inside the tile and the screen, as the items are.
      const box = await more.evaluate((el) => {
        const r = el.getBoundingClientRect()
        const tile = el.closest('section')!.getBoundingClientRect()
        return r.height > 5 && r.top >= tile.top - 0.5 && r.bottom <= tile.bottom + 0.5 && r.bottom <= innerHeight
      })
      expect(box).toBe(true)
    })
  }
})
