// Issue 17, "the wall tells the truth", as a person sees it in Chromium: open alerts are listed (not only in the
// banner) on every board, they stack in the banner by severity, numbers read like a person writes them, and the
// share link never carries a token. Alerts are real rows of the `alerts` table, loaded by the app at start.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import path from 'node:path'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type { Browser, Page } from 'playwright-core'
import { buildApp } from '../src/app.ts'
import { post } from './helpers.ts'
import { artifactsDir, gate, closeBrowser, launchBrowser, settled } from './browser.ts'
import { ingestAll } from './wall-fixtures.ts'

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
]
const min = 60_000
// Open alerts of three severities (ruiz's is older but graver: it leads), plus a closed one that stays off the banner.
// ruiz's figures are the issue's: 134 observed, ×43,188 the expected.
const ALERTS = [
  { id: 'al-ruiz', entity: 'ruiz', metric: 'volume', severity: 4, ago: 6 * min, observed: 134, expected: 134 / 43_188, status: 'open' },
  { id: 'al-vidal', entity: 'vidal', metric: 'negative_share', severity: 2, ago: 2 * min, observed: 0.62, expected: 0.2, status: 'open' },
  { id: 'al-ondanet', entity: 'ondanet', metric: 'volume', severity: 3, ago: 1 * min, observed: 40, expected: 8, status: 'open' },
  { id: 'al-soto', entity: 'soto', metric: 'volume', severity: 5, ago: 3 * min, observed: 30, expected: 3, status: 'acknowledged' },
]
// `all`: every alert of the board, open or not (the list holds them all; al-soto is a debate candidate's).
const BOARDS = [
  { name: 'all', query: '', open: ['al-ruiz', 'al-ondanet', 'al-vidal'], all: 4 },
  { name: 'debate', query: 'board=debate', open: ['al-ruiz', 'al-vidal'], all: 3 },
  { name: 'debate-standard', query: 'board=debate&mode=standard', open: ['al-ruiz', 'al-vidal'], all: 3 },
  { name: 'brand', query: 'board=brand', open: ['al-ondanet'], all: 1 },
]
const TOKEN = 'viewer-secret-123'

describe('the wall tells the truth (issue 17)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pulso-truth-'))
  const config = { dataDir, demo: false, tickMs: 500 }
  let app: Awaited<ReturnType<typeof buildApp>>
  let browser: Browser
  let base = ''

  beforeAll(async () => {
    // First start: store the alerts rows and some posts. Second start on the same store: the alerts service
    // loads them (warm() reads `alerts FINAL`), exactly as after a restart during a crisis.
    const first = await buildApp({ logger: false, config })
    const now = Date.now()
    await first.store.client.insert({
      table: 'alerts',
      format: 'JSONEachRow',
      values: ALERTS.map((a) => ({ ...a, ago: undefined, onset: now - a.ago - 30_000, detected_at: now - a.ago, emotion: '', drivers: JSON.stringify([{ kind: 'hashtag', term: '#PensionesNo', lift: 12.5 }]), posts: '[]', updated_at: now })),
    })
    await first.close()
    app = await buildApp({ logger: false, config })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const addr = app.server.address()
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`
    await postBatch('a')
    // The first check (≤ 0.5 s after start) loads them; a wall connecting before that would get no alerts.
    for (const until = Date.now() + 15_000; (await app.inject({ url: '/api/alerts' })).json().alerts.length < ALERTS.length; ) {
      if (Date.now() > until) throw new Error('the stored alerts were not loaded')
      await new Promise((r) => setTimeout(r, 100))
    }
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await closeBrowser(browser)
    await app?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  /**
   * Three posts on the candidates, one on the brand (by an account with 4.8 million followers): the brand has a
   * quarter of every batch, so of any number of batches still in the rolling minute.
   */
  const postBatch = async (tag: string) => {
    const at = () => new Date(Date.now() - 2_000).toISOString()
    await ingestAll({ app }, [
      post({ id: `${tag}1`, createdAt: at(), text: 'Elena Ruiz ha estado brillante esta noche' }),
      post({ id: `${tag}2`, createdAt: at(), text: 'Marcos Vidal responde sobre pensiones' }),
      post({ id: `${tag}3`, createdAt: at(), text: 'Elena Ruiz habla ahora' }),
      post({ id: `${tag}4`, createdAt: at(), text: 'Ondanet caído otra vez en toda la ciudad', author: { id: 'big', handle: 'bigmedia', followers: 4_800_000 } }),
    ])
  }
  const open = async (page: Page, query: string) => {
    await page.goto(`${base}?${query}`)
    // A replayed second's header says REPLAY (issue 17, point 3), a live wall's LIVE.
    await page.locator(`[data-testid="connection"][data-state="${/(^|&)t=/.test(query) ? 'replay' : 'live'}"]`).waitFor({ timeout: 15_000 })
    await page.locator('[data-testid="entity-card"]').first().waitFor({ timeout: 15_000 })
  }
  /** Where an alert list item is drawn, and whether it lies wholly inside its tile and the screen. */
  const itemBox = (page: Page, id: string) =>
    page.locator(`[data-testid="alert-item"][data-alert="${id}"]`).evaluate((el) => {
      const r = el.getBoundingClientRect()
      const tile = el.closest('section')!.getBoundingClientRect()
      const inside = (o: DOMRect) => r.top >= o.top - 0.5 && r.bottom <= o.bottom + 0.5 && r.left >= o.left - 0.5 && r.right <= o.right + 0.5
      return { h: r.height, inTile: inside(tile), onScreen: r.bottom <= innerHeight && r.right <= innerWidth && r.top >= 0 && r.left >= 0 }
    }, undefined, { timeout: 5_000 })

  // These cases only read the wall (the tests after them post and acknowledge): two at a time, each in its own page.
  const twoAtATime = gate(2)
  // vitest starts up to 5 at once and a case's clock runs while it waits at the gate: room for the cases ahead of it.
  const QUEUED = { timeout: 120_000 }
  describe.concurrent('every board at every size', () => {
  for (const vp of VIEWPORTS) {
    for (const [i, board] of BOARDS.entries()) {
      // Languages alternate by board, and 1920×1080 takes the other one: each board is read in both languages (once
      // at 1920×1080, the size looked at before resolving) without reading every board twice at one size.
      for (const lang of [(i + (vp.width === 1920 ? 1 : 0)) % 2 ? 'es' : 'en'] as const) {
      it(`${board.name} (${lang}) at ${vp.width}×${vp.height}: every open alert is in the banner, graver first, and listed in full`, QUEUED, ({ expect, onTestFinished }) => twoAtATime(async () => {
        const page = await browser.newPage({ viewport: vp })
        onTestFinished(() => page.close())
        await open(page, [board.query, `lang=${lang}`].filter(Boolean).join('&'))
        const banner = page.locator('[data-testid="banner-alert"]')
        await banner.first().waitFor({ timeout: 15_000 })
        // The alert list's incidents (and every other tile's first REST answer) drawn: the list's rows have their height.
        await settled(page, `${board.name} (${lang}) at ${vp.width}×${vp.height}`)
        await page.screenshot({ path: path.join(artifactsDir, `truth-${board.name}-${lang}-${vp.width}x${vp.height}.png`) })
        // The banner: open alerts by severity (then recency); at least two shown, the rest counted.
        const shown = await banner.evaluateAll((els) => els.map((e) => e.getAttribute('data-alert')))
        expect(shown).toEqual(board.open.slice(0, shown.length))
        expect(shown.length).toBe(Math.min(2, board.open.length))
        for (const id of shown) await expect(page.locator(`[data-testid="banner-alert"][data-alert="${id}"]`).isVisible()).resolves.toBe(true)
        const rest = board.open.length - shown.length
        const more = page.locator('[data-testid="banner-more"]')
        if (rest > 0) await expect(more.textContent()).resolves.toMatch(lang === 'es' ? `+${rest} más` : `+${rest} more`)
        else await expect(more.count()).resolves.toBe(0)
        // The list: every open alert of the board (the graver first) is drawn whole, inside its tile and the screen.
        for (const id of board.open.slice(0, 1)) {
          const box = await itemBox(page, id)
          expect(box.h).toBeGreaterThan(10)
          expect(box).toMatchObject({ inTile: true, onScreen: true })
        }
        // What does not fit is counted on the list's last line: drawn + counted = every alert of the board, and the open
        // ones agree with the banner (on the demo the tile drew one of two open alerts and said nothing of the other).
        const drawn = await page.locator('[data-testid="alert-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))
        const listMore = page.locator('[data-testid="alerts-more"]')
        const hidden = (await listMore.count()) ? Number(await listMore.getAttribute('data-hidden')) : 0
        const hiddenOpen = hidden ? Number(await listMore.getAttribute('data-open')) : 0
        expect(drawn.length + hidden).toBe(board.all)
        expect(drawn.filter((st) => st === 'open').length + hiddenOpen).toBe(board.open.length)
        if (hiddenOpen) await expect(listMore.textContent()).resolves.toMatch(lang === 'es' ? `+${hidden} más, ${hiddenOpen} ${hiddenOpen === 1 ? 'abierta' : 'abiertas'}` : `+${hidden} more, ${hiddenOpen} open`)
        await expect(page.getByText(lang === 'es' ? 'Aún no hay alertas' : 'No alerts yet').count()).resolves.toBe(0)
      }))
      }
    }
  }
  })

  it('numbers read as a person writes them (es and en), titles whole, a one-entity board not at 100 %', async () => {
    for (const [lang, want] of [
      ['en', { ratio: '×43k', observed: '134', followers: '4.8M', title: 'Share of voice' }],
      ['es', { ratio: '×43 mil', observed: '134', followers: '4,8 M', title: 'Cuota de voz' }],
    ] as const) {
      // Fresh posts: the share tile counts the last minute only, and the tests before may have taken longer.
      await postBatch(`n${lang}`)
      const page = await browser.newPage({ viewport: VIEWPORTS[0] })
      onTestFinished(() => page.close())
      await open(page, `lang=${lang}`)
      const first = page.locator('[data-testid="banner-alert"][data-alert="al-ruiz"]')
      await first.waitFor({ timeout: 15_000 })
      const text = (await first.textContent())!.replace(/\s+/g, ' ')
      expect(text).toContain(want.ratio)
      expect(text).toMatch(new RegExp(`\\b${want.observed}\\b(?![.,]0)`))
      expect(text).not.toMatch(/\d[.,]0\b/) // no "134.0", no "43,188.0"
      const posts = async () => (await page.locator('[data-testid="top-post"]').allTextContents()).map((t) => t.replace(/\s+/g, ' '))
      await expect.poll(posts, { timeout: 15_000 }).toContainEqual(expect.stringContaining(want.followers))
      // Every tile title is whole (no "…") at the smallest screen, on each board.
      const titles = await page.locator('section.tile h2').allTextContents()
      expect(titles.some((t) => t.startsWith(want.title))).toBe(true)
      for (const board of ['board=debate', 'board=debate&mode=standard']) {
        await open(page, `lang=${lang}&${board}`)
        await settled(page, `${board} (${lang})`)
        titles.push(...(await page.locator('section.tile h2').allTextContents()))
      }
      expect(titles.length).toBeGreaterThan(12)
      expect(titles.filter((t) => t.includes('…'))).toEqual([])
      // The brand board has one entity: its tile shows its share of everything tracked (1 of 4 posts), not 100 %.
      await open(page, `lang=${lang}&board=brand`)
      const share = page.locator('[data-testid="share-tile"]')
      await expect.poll(() => share.textContent(), { timeout: 15_000 }).toMatch(/25\s?%/)
      await expect(share.textContent()).resolves.not.toMatch(/100\s?%/)
      const brandTitles = await page.locator('section.tile h2').allTextContents()
      expect(brandTitles.filter((t) => t.includes('…'))).toEqual([])
      await page.screenshot({ path: path.join(artifactsDir, `truth-brand-share-${lang}-1366x768.png`) })
    }
  })

  it('"Share link" and the board links carry no token', async () => {
    const ctx = await browser.newContext({ viewport: VIEWPORTS[1] })
    onTestFinished(() => ctx.close())
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base })
    const page = await ctx.newPage()
    await open(page, `token=${TOKEN}&lang=en&t=${Date.now() - 60_000}`)
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(hrefs.length).toBeGreaterThan(2)
    for (const h of hrefs) expect(h).not.toContain(TOKEN)
    await page.getByRole('button', { name: 'Share link' }).click()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toMatch(/[?&]t=\d+/)
    expect(copied).not.toContain('token')
  })

  it('an admin acknowledges an alert from the wall: it leaves the banner and the list says so', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS[1] })
    onTestFinished(() => page.close())
    await open(page, 'board=brand&lang=en')
    const item = page.locator('[data-testid="alert-item"][data-alert="al-ondanet"]')
    await item.locator('button[data-action="acknowledged"]').click()
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 10_000 }).toBe('acknowledged')
    await expect(page.locator('[data-testid="banner-alert"]').count()).resolves.toBe(0)
    const stored = (await app.inject({ url: '/api/alerts' })).json().alerts.find((a: { id: string }) => a.id === 'al-ondanet')
    expect(stored.status).toBe('acknowledged')
  })
})
