// Issue 15, point 6, on the wall: the live feed shows a post whose sentiment reading is under even odds as "unsure"
// ("dudoso"), never as a label the room would take as fact; a confident reading keeps its label. The feed API says
// each post's confidence.
import { describe, expect, it, onTestFinished } from 'vitest'
import path from 'node:path'
import { UNSURE_BELOW, type Feed } from '@pulso/types'
import { post, suiteWall } from './helpers.ts'
import { artifactsDir, launchBrowser } from './browser.ts'
import { ingestAll } from './wall-fixtures.ts'

describe('uncertain readings in the wall feed (Chromium)', () => {
  const t = suiteWall({ flushMs: 50, tickMs: 500 }, launchBrowser)

  it('labels a confident post and shows a hedged one as unsure, in both languages', async () => {
    const now = Date.now()
    // Big accounts, so both are among the top posts of the brand board.
    await ingestAll(t, [
      post({ id: 'sure-1', createdAt: new Date(now - 20_000).toISOString(), text: 'Ondanet es demasiado caro, la factura ha subido otra vez', author: { id: 'big-1', handle: 'segura', followers: 900_000 } }),
      post({ id: 'unsure-1', createdAt: new Date(now - 10_000).toISOString(), text: '¿Cómo cambio la contraseña del wifi de Ondanet?', author: { id: 'big-2', handle: 'dudosa', followers: 800_000 } }),
    ])
    const feed = (await t.app.inject(`/api/feed?at=${now}`)).json<Feed>()
    const brand = feed.boards.brand.posts
    const of = (id: string) => brand.find((p) => p.id === id)!
    expect(of('sure-1').confidence).toBeGreaterThanOrEqual(UNSURE_BELOW)
    expect(of('unsure-1').confidence).toBeLessThan(UNSURE_BELOW)

    for (const [lang, unsure, label] of [['es', 'dudoso', 'negativo'], ['en', 'unsure', 'negative']] as const) {
      const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } })
      onTestFinished(() => page.close())
      await page.goto(`${t.url}?board=brand&lang=${lang}`)
      const sent = (id: string) => page.locator(`[data-testid="top-post"][data-id="${id}"] .sent`)
      await sent('unsure-1').waitFor({ timeout: 15_000 })
      await expect(sent('unsure-1').getAttribute('data-sentiment')).resolves.toBe('unsure')
      await expect(sent('unsure-1').textContent()).resolves.toBe(unsure)
      await expect(sent('sure-1').getAttribute('data-sentiment')).resolves.toBe(of('sure-1').sentiment)
      await expect(sent('sure-1').textContent()).resolves.toBe(label)
      await page.screenshot({ path: path.join(artifactsDir, `feed-unsure-${lang}.png`) })
    }
  })
})
