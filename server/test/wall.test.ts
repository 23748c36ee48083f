import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { testApp } from './helpers.ts'
import { artifactsDir, closeBrowser, launchBrowser, pageErrors } from './browser.ts'

describe('the wall in headless Chromium', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  let browser: Browser
  let url: string
  beforeAll(async () => {
    // The demo stream feeds the wall, exactly as `npm start` does.
    t = await testApp({ demo: true, demoRate: 60, tickMs: 500 })
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const addr = t.app.server.address()
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await closeBrowser(browser)
    await t?.close()
  })

  it('shows every entity live, sees the cards change, and fits 1920×1080', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    const errors = pageErrors(page)
    await page.goto(url)
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 15_000 })
    const cards = page.locator('[data-testid="entity-card"]')
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(t.app.entities.length)
    await expect(page.locator('[data-testid="demo-badge"]').isVisible()).resolves.toBe(true)

    const volumes = () => page.locator('[data-testid="entity-card"] [data-testid="volume"]').allTextContents()
    const first = await volumes()
    await expect.poll(volumes, { timeout: 15_000, interval: 500 }).not.toEqual(first)

    // Nothing may spill out of the screen: no scrollbars on a wall.
    const overflow = await page.evaluate(() => ({
      w: document.documentElement.scrollWidth - window.innerWidth,
      h: document.documentElement.scrollHeight - window.innerHeight,
    }))
    expect(overflow).toEqual({ w: 0, h: 0 })
    expect(errors, 'no console errors (CSP included)').toEqual([])
    await page.screenshot({ path: path.join(artifactsDir, 'wall-1920x1080.png') })
  })

  it('serves the API documentation at /docs under the same CSP', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const blocked: string[] = []
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && blocked.push(m.text()))
    await page.goto(url + 'docs/')
    await page.getByText('Pulso API').first().waitFor({ timeout: 15_000 })
    await page.getByText('/api/ingest').first().waitFor({ timeout: 5_000 })
    expect(blocked).toEqual([])
  })
})
