// Issue 17, point 7, in Chromium: with tokens set, every page shows a sign-in screen at once (not "waiting for the
// live feed" forever), a wrong token or a viewer on /control reads "not authorised", the token is remembered per
// browser and forgotten on sign-out, and the read-only link an admin copies carries a viewer token, never theirs.
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { suiteWall } from './helpers.ts'
import { artifactsDir, launchBrowser } from './browser.ts'

const ADMIN = 'admin-secret-signin'
const VIEWER = 'viewer-secret-signin'
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
]
const TEXT = {
  en: { title: 'Sign in', denied: 'Not authorised', wrong: 'That token is not valid on this server.', signOut: 'Sign out', share: 'Share link', viewerLink: 'Viewer link' },
  es: { title: 'Iniciar sesión', denied: 'No autorizado', wrong: 'Ese token no es válido en este servidor.', signOut: 'Cerrar sesión', share: 'Enlace para compartir', viewerLink: 'Enlace de lectura' },
} as const

describe('sign-in (issue 17, point 7)', () => {
  const t = suiteWall({ adminToken: ADMIN, viewerToken: VIEWER, tickMs: 500 }, launchBrowser)
  const context = async (vp = VIEWPORTS[1]) => {
    const ctx = await t.browser.newContext({ viewport: vp })
    onTestFinished(() => ctx.close())
    return ctx
  }
  const signIn = (page: Page) => page.locator('[data-testid="sign-in"]')
  // One visit first, in its own context: Chromium's first renderer start-up is the test browser's, not the wall's
  // (a room's browser is already running). Every measured visit below is still a new context with an empty cache.
  beforeAll(async () => {
    const ctx = await t.browser.newContext()
    await (await ctx.newPage()).goto(t.url)
    await ctx.close()
  })
  const live = (page: Page) => page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 15_000 })
  const stored = (page: Page) => page.evaluate(() => localStorage.getItem('pulso.token'))

  for (const vp of VIEWPORTS) {
    for (const lang of ['es', 'en'] as const) {
      it(`an unauthenticated wall shows the sign-in screen within 2 s (${lang}, ${vp.width}×${vp.height})`, async () => {
        const page = await (await context(vp)).newPage()
        await page.goto(`${t.url}?lang=${lang}`, { waitUntil: 'commit' })
        await signIn(page).waitFor({ state: 'visible', timeout: 2_000 })
        // Measured from the navigation's start in the page (a new browser context's own start-up is not the wall's).
        const ms = await page.evaluate(() => performance.now())
        expect(ms).toBeLessThan(2_000)
        console.info(`sign-in screen shown ${Math.round(ms)} ms after navigation (${lang}, ${vp.width}×${vp.height})`)
        await expect(page.locator('h1').textContent()).resolves.toBe(TEXT[lang].title)
        await expect(page.locator('[data-testid="token-input"]').isVisible()).resolves.toBe(true)
        expect(await page.locator('body').textContent()).not.toMatch(/Waiting for the live feed|Esperando/)
        if (vp.width === 1920) await page.screenshot({ path: path.join(artifactsDir, `signin-${lang}-1920x1080.png`) })
      })
    }
  }

  for (const lang of ['es', 'en'] as const) {
    it(`a wrong token reads "not authorised"; the right one opens the wall, is remembered, and sign-out forgets it (${lang})`, async () => {
      const page = await (await context()).newPage()
      await page.goto(`${t.url}?lang=${lang}`)
      await page.locator('[data-testid="token-input"]').fill('not-the-token')
      await page.locator('[data-testid="sign-in-submit"]').click()
      await page.locator('[data-testid="not-authorised"]').waitFor({ timeout: 5_000 })
      await expect(page.locator('h1').textContent()).resolves.toBe(TEXT[lang].denied)
      await expect(page.locator('[data-testid="not-authorised"]').textContent()).resolves.toBe(TEXT[lang].wrong)
      expect(await stored(page)).toBeNull()
      await page.locator('[data-testid="token-input"]').fill(VIEWER)
      await page.locator('[data-testid="sign-in-submit"]').click()
      await live(page)
      expect(await stored(page)).toBe(VIEWER)
      // Remembered: a reload goes straight to the wall; a viewer gets no "Viewer link".
      await page.reload()
      await live(page)
      await expect(page.locator('[data-testid="account"]').getAttribute('data-role')).resolves.toBe('viewer')
      await expect(page.locator('[data-testid="viewer-link"]').count()).resolves.toBe(0)
      await page.getByRole('button', { name: TEXT[lang].signOut }).click()
      await signIn(page).waitFor({ timeout: 2_000 })
      expect(await stored(page)).toBeNull()
      await page.reload()
      await signIn(page).waitFor({ timeout: 2_000 })
    })

    it(`a viewer on /control reads "not authorised" and can enter the admin token there; /queue signs in too (${lang})`, async () => {
      const ctx = await context()
      const page = await ctx.newPage()
      await page.goto(`${t.url}control?lang=${lang}&token=${VIEWER}`)
      await page.locator('[data-testid="sign-in"][data-reason="viewer"]').waitFor({ timeout: 2_000 })
      await expect(page.locator('h1').textContent()).resolves.toBe(TEXT[lang].denied)
      expect(new URL(page.url()).searchParams.get('token')).toBeNull()
      await page.locator('[data-testid="token-input"]').fill(ADMIN)
      await page.locator('[data-testid="sign-in-submit"]').click()
      await live(page)
      // Signed in as admin there: the entities are listed and marking a moment is offered (no "needs the admin token").
      await expect.poll(() => page.locator('[data-testid="control-entity"]').count(), { timeout: 10_000 }).toBe(t.app.entities.length)
      await expect.poll(() => page.locator('[data-testid="moment-form"] button[type="submit"]').isEnabled(), { timeout: 10_000 }).toBe(true)
      expect(await stored(page)).toBe(ADMIN)
      await page.screenshot({ path: path.join(artifactsDir, `control-signed-in-${lang}-1920x1080.png`) })
      // /queue in a fresh browser: the sign-in screen, never a raw "Authorization: Bearer" hint.
      const fresh = await (await context()).newPage()
      await fresh.goto(`${t.url}queue?lang=${lang}`)
      await signIn(fresh).waitFor({ timeout: 2_000 })
      expect(await fresh.locator('body').textContent()).not.toMatch(/Authorization|Bearer|missing credential/)
      await fresh.locator('[data-testid="token-input"]').fill(VIEWER)
      await fresh.locator('[data-testid="sign-in-submit"]').click()
      await fresh.locator('[data-testid="sign-in"]').waitFor({ state: 'detached', timeout: 5_000 })
      await fresh.screenshot({ path: path.join(artifactsDir, `queue-signed-in-${lang}-1920x1080.png`) })
    })
  }

  it('an admin copies a read-only viewer link (never the admin token) that opens the wall as a viewer; Share link has no token', async () => {
    const ctx: BrowserContext = await context()
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url })
    const page = await ctx.newPage()
    await page.goto(`${t.url}?lang=en&board=debate&token=${ADMIN}`)
    await live(page)
    expect(page.url()).not.toContain(ADMIN) // taken out of the address bar at once
    await page.getByRole('button', { name: TEXT.en.viewerLink }).click()
    await expect.poll(() => page.locator('[data-testid="viewer-link"]').textContent()).toMatch(/read-only link, valid 30 days/)
    const link = await page.evaluate(() => navigator.clipboard.readText())
    expect(link).not.toContain(ADMIN)
    expect(link).not.toContain(VIEWER)
    const token = new URL(link).searchParams.get('token')!
    expect(token).toMatch(/^pv1\./)
    expect(new URL(link).searchParams.get('board')).toBe('debate')
    // Replay at the smallest screen, signed in as admin (the fullest replay bar): every button whole and on top.
    await page.setViewportSize(VIEWPORTS[0])
    await page.goto(`${t.url}?lang=es&t=${Date.now() - 60_000}`)
    await page.locator('[data-testid="connection"][data-state="replay"]').waitFor({ timeout: 15_000 })
    await page.locator('[data-testid="entity-card"]').first().waitFor({ timeout: 15_000 })
    const buttons = await page.locator('[data-testid="replay-bar"] button').evaluateAll((bs) =>
      bs.map((b) => {
        const r = b.getBoundingClientRect()
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
        return { text: b.textContent!.trim(), ok: r.left >= 0 && r.right <= innerWidth && r.width >= b.scrollWidth - 0.5 && (hit === b || b.contains(hit)) }
      }),
    )
    expect(buttons.map((b) => b.text)).toEqual(expect.arrayContaining([TEXT.es.share, TEXT.es.viewerLink, TEXT.es.signOut]))
    expect(buttons.filter((b) => !b.ok)).toEqual([])
    await page.screenshot({ path: path.join(artifactsDir, 'replay-admin-es-1366x768.png') })
    await page.setViewportSize(VIEWPORTS[1])
    // Replay: the share link copies the view, no credential at all.
    await page.goto(`${t.url}?lang=en&t=${Date.now() - 60_000}`)
    await page.getByRole('button', { name: TEXT.en.share }).click()
    const shared = await page.evaluate(() => navigator.clipboard.readText())
    expect(shared).not.toContain('token')
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
    for (const h of hrefs) expect(h).not.toContain(ADMIN)
    // The viewer link in another browser: the wall, read-only, the token gone from its address bar.
    const viewer = await (await context()).newPage()
    await viewer.goto(link)
    await live(viewer)
    expect(viewer.url()).not.toContain(token)
    await expect(viewer.locator('[data-testid="account"]').getAttribute('data-role')).resolves.toBe('viewer')
    await viewer.goto(`${t.url}control?lang=en`)
    await viewer.locator('[data-testid="sign-in"][data-reason="viewer"]').waitFor({ timeout: 2_000 })
  })
})
