import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import path from 'node:path'
import { rmSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { buildApp } from '../src/app.ts'
import { testApp } from './helpers.ts'
import { artifactsDir, gate, closeBrowser, launchBrowser, pageErrors, settled } from './browser.ts'
import { AUDIT, type Audit } from './wall-audit.ts'

const VIEWPORTS = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
]
// Every board, both layouts of the debate board, both languages (Spanish strings run longer).
const BOARDS = [
  { name: 'all', query: '' },
  { name: 'debate', query: 'board=debate' },
  { name: 'debate-standard', query: 'board=debate&mode=standard' },
  { name: 'brand', query: 'board=brand' },
]

describe('the finished wall in Chromium: every board fits, reads and recovers', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  let app: Awaited<ReturnType<typeof buildApp>>
  let browser: Browser
  let port = 0
  const config = { demo: true, demoRate: 40, tickMs: 500 }
  beforeAll(async () => {
    t = await testApp(config)
    app = t.app
    await app.listen({ port: 0, host: '127.0.0.1' })
    const addr = app.server.address()
    port = typeof addr === 'object' && addr ? addr.port : 0
    browser = await launchBrowser()
    // A moment, so the debate layout shows a reaction table too.
    await app.inject({ method: 'POST', url: '/api/moments', payload: { label: 'Vidal habla de pensiones', at: Date.now() - 60_000, board: 'debate' } })
  })
  afterAll(async () => {
    await closeBrowser(browser)
    await app?.close()
    rmSync(t.dataDir, { recursive: true, force: true })
  })

  const open = async (page: Page, query: string) => {
    await page.goto(`http://127.0.0.1:${port}/?${query}`)
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 15_000 })
    await page.locator('[data-testid="entity-card"]').first().waitFor({ timeout: 15_000 })
  }

  // These cases only read the wall (the last test stops the server): two at a time, each in its own page.
  const twoAtATime = gate(2)
  // vitest starts up to 5 at once and a case's clock runs while it waits at the gate: room for the cases ahead of it.
  const QUEUED = { timeout: 120_000 }
  describe.concurrent('every board at two sizes', () => {
  for (const vp of VIEWPORTS) {
    for (const [i, board] of BOARDS.entries()) {
      const lang = (i + vp.width) % 2 ? 'es' : 'en'
      it(`${board.name} (${lang}) at ${vp.width}×${vp.height}: inside the screen, no clipped text, contrast ≥ 4.5, every colour labelled`, QUEUED, ({ expect, onTestFinished }) => twoAtATime(async () => {
        const page = await browser.newPage({ viewport: vp })
        onTestFinished(() => page.close())
        const errors = pageErrors(page)
        await open(page, [board.query, `lang=${lang}`].filter(Boolean).join('&'))
        // Let the feed, the moments and the per-minute history arrive, so every tile has content: the feed's top posts
        // (pushed), the moment's reaction, then every REST answer (history, moments, authenticity, incidents) drawn.
        await page.locator('[data-testid="top-post"]').first().waitFor({ timeout: 15_000 })
        if (board.name === 'debate') await page.locator('[data-testid="reaction"]').first().waitFor({ timeout: 15_000 })
        await settled(page, `${board.name} (${lang}) at ${vp.width}×${vp.height}`)
        const audit = (await page.evaluate(AUDIT)) as Audit
        await page.screenshot({ path: path.join(artifactsDir, `wall-${board.name}-${lang}-${vp.width}x${vp.height}.png`) })
        if (process.env.WALL_AUDIT_LOG) console.log(board.name, lang, vp.width, JSON.stringify(audit, null, 1))
        expect(audit.texts).toBeGreaterThan(50) // the audit saw the wall, not an empty page
        expect(audit.marks).toBeGreaterThan(5)
        expect(audit.outside).toEqual([])
        expect(audit.clipped).toEqual([])
        expect(audit.contrast).toEqual([])
        expect(audit.unlabelled).toEqual([])
        const scroll = await page.evaluate(() => [document.documentElement.scrollWidth - innerWidth, document.documentElement.scrollHeight - innerHeight])
        expect(scroll).toEqual([0, 0])
        expect(errors).toEqual([])
      }))
    }
  }
  })

  it('live values change over time; stopping the server shows offline, restarting it recovers with a fresh snapshot', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS[0] })
    await open(page, 'board=debate')
    const volumes = () => page.locator('[data-testid="entity-card"] [data-testid="volume"]').allTextContents()
    const clock = () => page.locator('[data-testid="freshness"]').getAttribute('data-age')
    const first = await volumes()
    await expect.poll(volumes, { timeout: 15_000, interval: 500 }).not.toEqual(first)

    await app.close() // the server goes away: sockets drop, the store closes
    await page.locator('[data-testid="connection"][data-state="offline"]').waitFor({ timeout: 15_000 })
    await expect(page.getByRole('status').filter({ hasText: /offline|sin conexión/i }).count()).resolves.toBe(1)
    await page.screenshot({ path: path.join(artifactsDir, 'wall-offline-1920x1080.png') })
    const frozen = await volumes()
    expect(frozen.length).toBe(4) // figures stay on screen, frozen
    expect(Number(await clock())).toBeGreaterThanOrEqual(0)

    // Same port, same store directory: the wall reconnects by itself and rebuilds from a snapshot.
    app = await buildApp({ logger: false, config: { dataDir: t.dataDir, ...config } })
    await app.listen({ port, host: '127.0.0.1' })
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 30_000 })
    await expect(page.getByRole('status').filter({ hasText: /offline|sin conexión/i }).count()).resolves.toBe(0)
    await expect.poll(volumes, { timeout: 15_000, interval: 500 }).not.toEqual(frozen)
    await page.screenshot({ path: path.join(artifactsDir, 'wall-recovered-1920x1080.png') })
    await page.close()
  })
})
