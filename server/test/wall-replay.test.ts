import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import type { Moment } from '@pulso/types'
import { testApp } from './helpers.ts'
import { artifactsDir, closeBrowser, launchBrowser, settled } from './browser.ts'
import { ingestAll, perSecond, reactionBySql, scriptedEvent, type T } from './wall-fixtures.ts'

/** Offset of the scripted event's counts: second k after the start has perSecond(k + BEFORE) posts. */
const BEFORE = 240

describe('replay / DVR and moments on the wall (Chromium)', () => {
  let t: T
  let browser: Browser
  let url: string
  // The event starts 30 minutes ago, on a whole second.
  const base = Math.floor(Date.now() / 1000) * 1000 - 30 * 60_000
  beforeAll(async () => {
    t = await testApp({ flushMs: 50, tickMs: 500 })
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const addr = t.app.server.address()
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`
    await ingestAll(t, scriptedEvent(base, BEFORE, BEFORE, 'ev'))
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await closeBrowser(browser)
    await t?.close()
  })
  const newPage = async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    onTestFinished(() => page.close())
    return page
  }

  it('opens at ?t=<a stored second> and shows that second’s known values', async () => {
    const k = 37
    const s = base + k * 1000
    const page = await newPage()
    await page.goto(`${url}?board=debate&mode=standard&lang=en&t=${new Date(s).toISOString()}`)
    await page.locator(`[data-testid="replay-time"][data-t="${s}"]`).waitFor({ timeout: 15_000 })
    const second = (e: string) => page.locator(`[data-testid="second-posts"][data-entity="${e}"]`).getAttribute('data-value')
    await expect.poll(() => second('ruiz'), { timeout: 10_000 }).toBe(String(perSecond.ruiz(k + BEFORE)))
    expect(await second('vidal')).toBe(String(perSecond.vidal(k + BEFORE)))
    expect(await second('soto')).toBe('0')
    // The cards show the 60 s window ending at that second, as the live wall did then.
    for (const e of ['ruiz', 'vidal'] as const) {
      let sum = 0
      for (let j = k - 59; j <= k; j++) sum += perSecond[e](j + BEFORE)
      const shown = await page.locator(`[data-testid="entity-card"][data-entity="${e}"] [data-testid="volume"]`).textContent()
      expect(shown).toBe((sum / 60).toFixed(1))
    }
    await expect(page.locator('[data-testid="replay-bar"]').getAttribute('data-mode')).resolves.toBe('replay')
    await page.screenshot({ path: path.join(artifactsDir, 'wall-replay-1920x1080.png') })
  })

  it('plays at 10×, keeps the time in the URL, and returns to live', async () => {
    const s = base + 60_000
    const page = await newPage()
    await page.goto(`${url}?board=debate&t=${s}&speed=10`)
    await page.locator('[data-testid="replay-time"]').waitFor({ timeout: 15_000 })
    const at = async () => Number(await page.locator('[data-testid="replay-time"]').getAttribute('data-t'))
    await expect.poll(at, { timeout: 10_000, interval: 250 }).toBeGreaterThanOrEqual(s + 30_000)
    const inUrl = Date.parse(new URL(page.url()).searchParams.get('t') ?? '')
    expect(inUrl).toBeGreaterThanOrEqual(s + 30_000)
    expect(new URL(page.url()).searchParams.get('speed')).toBe('10')
    // Pause: the time stops moving.
    await page.locator('[data-testid="play"]').click()
    await expect.poll(() => new URL(page.url()).searchParams.get('speed')).toBeNull()
    // The wall catches up with the last time written to the URL, then stays there.
    const urlT = () => Date.parse(new URL(page.url()).searchParams.get('t') ?? '')
    await expect.poll(async () => (await at()) === urlT(), { timeout: 5_000 }).toBe(true)
    const paused = await at()
    await page.waitForTimeout(2500)
    expect(await at()).toBe(paused)
    expect(urlT()).toBe(paused)
    await page.locator('[data-testid="go-live"]').click()
    await page.locator('[data-testid="replay-bar"][data-mode="live"]').waitFor({ timeout: 5_000 })
    expect(new URL(page.url()).searchParams.get('t')).toBeNull()
  })

  it('shows a moment’s reaction equal to counts computed directly over posts', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/moments', payload: { label: 'Vidal on pensions', at: base, board: 'debate' } })
    const m = r.json<Moment>()
    const page = await newPage()
    await page.goto(`${url}?board=debate&lang=en&t=${base + 4 * 60_000}`)
    const row = (e: string) => page.locator(`[data-testid="moment"][data-id="${m.id}"] [data-testid="reaction"][data-entity="${e}"]`)
    await row('ruiz').waitFor({ timeout: 15_000 })
    for (const e of ['ruiz', 'vidal', 'soto', 'molina']) {
      const want = await reactionBySql(t, e, base, 3)
      const v = (id: string) => row(e).locator(`[data-testid="${id}"]`).getAttribute('data-value')
      expect(Number(await v('posts-before'))).toBe(want.before.posts)
      expect(Number(await v('posts-after'))).toBe(want.after.posts)
      // A window without posts has no net sentiment: no data-value on the wall, null from the store.
      for (const side of ['before', 'after'] as const) {
        const shown = await v(`net-${side}`)
        const stored = want[side].net
        if (stored === null) expect(shown, `${e} ${side}`).toBeNull()
        else expect(Number(shown), `${e} ${side}`).toBeCloseTo(stored, 9)
      }
    }
    expect(Number(await row('ruiz').locator('[data-testid="posts-before"]').getAttribute('data-value'))).toBeGreaterThan(0)
    await page.locator('[data-testid="moment-marker"]').first().waitFor({ timeout: 10_000 })
    await page.screenshot({ path: path.join(artifactsDir, 'wall-moment-1920x1080.png') })
  })

  it('marks a moment with the m hotkey; every wall gets it', async () => {
    const page = await newPage()
    const other = await newPage()
    await page.goto(`${url}?board=debate`)
    await other.goto(`${url}?board=debate`)
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 15_000 })
    await other.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 15_000 })
    await settled(page, 'the wall marking the moment') // the moments list (and whether we may mark) arrives over REST
    await page.keyboard.press('m')
    await page.locator('[data-testid="mark-moment"] input').fill('Ruiz on housing')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="mark-moment"]').waitFor({ state: 'detached', timeout: 5_000 })
    const list = (await t.app.inject({ url: '/api/moments' })).json<{ moments: Moment[] }>()
    const marked = list.moments.find((x) => x.label === 'Ruiz on housing')
    expect(marked).toMatchObject({ board: 'debate' })
    expect(Math.abs(marked!.at - Date.now())).toBeLessThan(15_000)
    await other.locator(`[data-testid="moment"][data-id="${marked!.id}"]`).waitFor({ timeout: 10_000 })
  })

  it('the control page lists entities and boards, marks a moment and deletes it, live on the walls', async () => {
    const control = await newPage()
    const wall = await newPage()
    await wall.goto(`${url}?board=debate&lang=en`)
    await control.goto(`${url}control?lang=en`)
    await control.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 15_000 })
    await expect.poll(() => control.locator('[data-testid="control-entity"]').count(), { timeout: 10_000 }).toBe(t.app.entities.length)
    const form = control.locator('[data-testid="moment-form"]')
    await form.locator('input').first().fill('Soto closes')
    await form.locator('select').selectOption('debate')
    await form.locator('button[type="submit"]').click()
    const item = control.locator('[data-testid="control-moment"]', { hasText: 'Soto closes' })
    await item.waitFor({ timeout: 10_000 })
    const id = await item.getAttribute('data-id')
    await wall.locator(`[data-testid="moment"][data-id="${id}"]`).waitFor({ timeout: 10_000 })
    await control.screenshot({ path: path.join(artifactsDir, 'control-1920x1080.png') })
    await item.getByRole('button').click()
    await item.waitFor({ state: 'detached', timeout: 10_000 })
    await wall.locator(`[data-testid="moment"][data-id="${id}"]`).waitFor({ state: 'detached', timeout: 10_000 })
  })
})
