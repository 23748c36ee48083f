// Issue 20 in Chromium: the demo's own copy-paste campaign shows on the wall's authenticity tile as coordinated, with
// the banner saying what it rests on, in English and Spanish; the other candidates of the board do not. The volume
// chart's organic-only toggle lowers the campaign's entity's end figure and says so; in a replay it says 'live only'.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Alert, Authenticity, PostInput } from '@pulso/types'
import { createDemoGenerator } from '@pulso/ingest'
import { suiteWall } from './helpers.ts'
import { artifactsDir, launchBrowser } from './browser.ts'
import { ingestAll } from './wall-fixtures.ts'

/** The demo's latest campaign in `posts`: 10 or more bot posts of one text (up to the trailing emoji or "!!"). */
function latestCampaign(posts: PostInput[]) {
  const groups = new Map<string, PostInput[]>()
  for (const p of posts.filter((x) => x.author.id.startsWith('demo-bot-') && !x.repostOf)) {
    const k = p.text.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, '').trim()
    groups.set(k, [...(groups.get(k) ?? []), p])
  }
  const campaigns = [...groups.values()].filter((g) => g.length >= 10)
  const end = (g: PostInput[]) => Math.max(...g.map((p) => Date.parse(p.createdAt)))
  return campaigns.sort((a, b) => end(b) - end(a))[0]
}

describe('the authenticity tile on the wall', () => {
  const t = suiteWall({ flushMs: 50, tickMs: 500 }, launchBrowser)

  it("shows the demo's copy-paste campaign as coordinated, with its clusters and young accounts", async () => {
    const start = Date.now()
    const gen = createDemoGenerator(t.app.entities, { rate: 40, cycleS: 300, surges: [], seed: 5 })
    const made = gen.posts(start - 600_000, start)
    const camp = latestCampaign(made)
    expect(camp, 'the demo ran a campaign in these 10 minutes').toBeDefined()
    // The stream up to the campaign's last post, shifted to end now: the tile's verdict is over the last minute.
    const end = Math.max(...camp.map((p) => Date.parse(p.createdAt)))
    const shift = Date.now() - end
    // Its last 5 minutes are enough for the tile (and quicker to store than 10).
    const posts = made.filter((p) => Date.parse(p.createdAt) <= end && Date.parse(p.createdAt) > end - 300_000).map((p) => ({ ...p, createdAt: new Date(Date.parse(p.createdAt) + shift).toISOString() }))
    const entity = t.app.entities.find((e) => camp[0].text.includes(e.name))!
    await ingestAll(t, posts)
    const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } })
    for (const [lang, words] of [['en', { organic: 'posts/s · organic only', verdict: 'coordinated', clusters: /\d+% from \d+ copy-paste clusters?/, young: /accounts? created this month/ }], ['es', { organic: 'posts/s · solo orgánico', verdict: 'coordinado', clusters: /\d+\s%\sde \d+ grupos? de copia-pega/, young: /cuentas? creadas? este mes/ }]] as const) {
      await page.goto(`${t.url}?board=${entity.group}&mode=standard&lang=${lang}`)
      const row = page.locator(`[data-testid="authenticity-${entity.id}"]`)
      await page.locator(`[data-testid="authenticity-${entity.id}"][data-verdict="coordinated"]`).waitFor({ timeout: 20_000 })
      expect(await row.locator('[data-testid="authenticity-verdict"]').textContent()).toBe(words.verdict)
      // What the verdict rests on: shortened (with …) to its line when narrow, whole in its tooltip.
      const why = (await row.locator('.why').getAttribute('title'))!
      expect(why).toMatch(words.clusters)
      expect(why).toMatch(words.young)
      expect((await row.locator('.why').textContent())!.slice(0, 2)).toBe(why.slice(0, 2))
      // The other entities of the board speak in their own words: none of them reads as coordinated.
      const others = await page.locator('[data-testid^="authenticity-"][data-verdict]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid'), e.getAttribute('data-verdict')]))
      expect(others.length).toBe(t.app.entities.filter((e) => e.group === entity.group).length)
      for (const [id, verdict] of others) if (id !== `authenticity-${entity.id}`) expect(verdict, id!).not.toBe('coordinated')
      // Organic only: the campaign's entity's end figure drops by its copies, and the caption says what is shown.
      const end = page.locator(`[data-testid="volume-end"][data-entity="${entity.id}"]`)
      const toggle = page.getByRole('button', { name: lang === 'en' ? /without copy-paste/ : /sin publicaciones de copia-pega/ })
      expect(await toggle.getAttribute('aria-pressed')).toBe('false')
      const all = Number(await end.getAttribute('data-value'))
      expect(all).toBeGreaterThan(0)
      await toggle.click()
      await page.locator('[data-testid="volume-chart"][data-organic="on"]').waitFor({ timeout: 10_000 })
      expect(await toggle.getAttribute('aria-pressed')).toBe('true')
      expect(await page.locator('[data-testid="volume-caption"]').textContent()).toBe(words.organic)
      const organic = Number(await end.getAttribute('data-value'))
      expect(organic).toBeLessThan(all * 0.7)
      expect(organic).toBeGreaterThan(0)
      if (lang === 'en') {
        // An alert judged coordinated reaches the wall (pushed as the alert service pushes): the banner says so and why.
        const judged = (await t.app.inject(`/api/authenticity?entity=${entity.id}&from=${Date.now() - 60_000}`)).json<Authenticity>()
        expect(judged.verdict).toBe('coordinated')
        const alert: Alert = {
          id: 'auth-alert', entity: entity.id, metric: 'volume', severity: 3, onset: Date.now() - 60_000, detectedAt: Date.now(), observed: 9, expected: 4,
          drivers: [], posts: [], emotion: null, status: 'open', authenticity: judged, gate: 'suspected_coordinated', held: true,
        }
        t.app.hub.emit('alert', alert)
        const badge = page.locator('[data-testid="banner-authenticity"][data-gate="suspected_coordinated"]')
        await badge.waitFor({ timeout: 10_000 })
        // Shortened (with …) to the room the banner's line leaves; the whole sentence is its tooltip.
        expect(await badge.textContent()).toMatch(/^suspected coordinated/)
        expect(await badge.getAttribute('title')).toMatch(/^suspected coordinated · \d+% from \d+ copy-paste clusters? · \d+ accounts? created this month$/)
        // The banner's figures stay on screen next to it.
        const fig = await page.locator('[data-testid="banner-alert"][data-alert="auth-alert"] .fig').boundingBox()
        expect(fig!.x + fig!.width).toBeLessThanOrEqual(1920)
      }
      await page.screenshot({ path: path.join(artifactsDir, `authenticity-${lang}-1920x1080.png`) })
    }
    // A replayed second: the organic-only line is live only, and the chart says so rather than show it.
    await page.goto(`${t.url}?board=${entity.group}&mode=standard&lang=en&t=${Date.now() - 120_000}`)
    await page.getByRole('button', { name: /without copy-paste/ }).click()
    await expect.poll(() => page.locator('[data-testid="volume-caption"]').textContent(), { timeout: 10_000 }).toBe('organic only: live only')
    expect(await page.locator('[data-testid="volume-chart"]').getAttribute('data-organic')).toBe('off')
  }, 90_000)
})
