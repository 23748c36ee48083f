// A candidate nobody spoke of in the rolling window has no net sentiment. The debate cards read "0.00 neutral" for
// him (the gauge's needle at the centre) and the net-sentiment chart ended his line at "0.00": a reading stated for
// no posts at all, beside a candidate whose 0.00 is a real, balanced one. Now the window's sentiment is null without
// posts, and the card and the chart's end label show a dash and "no posts"; a candidate with posts is unchanged.
// The dash labels wait at the bottom of the label column: at the 0.0 height they pushed a real label (Molina's, listed
// last) 67 px off his line.
import { describe, expect, it, onTestFinished } from 'vitest'
import path from 'node:path'
import { post, queryRows, suiteWall } from './helpers.ts'
import { artifactsDir, launchBrowser, settled } from './browser.ts'
import { ingestAll } from './wall-fixtures.ts'

const NO_POSTS = { en: 'no posts', es: 'sin posts' }

describe('debate board: a candidate with no posts in the window shows no figure (Chromium)', () => {
  const t = suiteWall({ flushMs: 50, tickMs: 500 }, launchBrowser)

  it('Molina (posts, listed last) reads his net sentiment on card and chart, his label by his line; Vidal (none) a dash and "no posts" on both (en, es)', async () => {
    const now = Date.now()
    // As many praises as attacks: Molina's real, balanced 0.00 beside the candidates with no figure at all.
    const texts = ['Javier Molina ha estado brillante esta noche, enhorabuena', 'Javier Molina un desastre total, qué vergüenza']
    await ingestAll(t, Array.from({ length: 12 }, (_, i) => post({ id: `np-${i}`, createdAt: new Date(now - 20_000 + i * 1000).toISOString(), text: texts[i % 2] })))
    const [r] = await queryRows<{ n: string; pos: string; neg: string; vidal: string }>(
      t.app,
      // Molina's own label where the post has per-entity ones, as the aggregates count them.
      `SELECT countIf(has(entities, 'molina')) AS n, countIf(has(entities, 'molina') AND label = 'positive') AS pos,
              countIf(has(entities, 'molina') AND label = 'negative') AS neg, countIf(has(entities, 'vidal')) AS vidal
       FROM (SELECT entities, if(length(entity_labels) = length(entities), entity_labels[indexOf(entities, 'molina')], sentiment_label) AS label FROM posts)`,
    )
    expect([Number(r.n), Number(r.vidal)]).toEqual([12, 0])
    const stored = (Number(r.pos) - Number(r.neg)) / Number(r.n)
    expect(stored, 'the fixture reads balanced').toBe(0)

    for (const lang of ['en', 'es'] as const) {
      const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } })
      onTestFinished(() => page.close())
      await page.goto(`${t.url}?board=debate&lang=${lang}`)
      const card = (e: string) => page.locator(`[data-testid="entity-card"][data-entity="${e}"]`)
      const end = (e: string) => page.locator(`[data-testid="net-label"][data-entity="${e}"]`)
      // The card has the posts (its rolling window counts Molina's), then every tile's reads are in.
      const volume = () => card('molina').locator('[data-testid="volume"]').getAttribute('data-value', { timeout: 500 }).catch(() => null)
      await expect.poll(async () => Number(await volume()), { timeout: 15_000 }).toBeGreaterThan(0)
      await settled(page, `${lang} wall`)
      await page.screenshot({ path: path.join(artifactsDir, `debate-no-posts-${lang}.png`) })
      const text = async (l: ReturnType<typeof card>) => (await l.textContent())!.replace(/\s+/g, ' ').trim()

      // Vidal: no figure, no word for a reading, and both tiles say so the same way.
      const vidalReading = await text(card('vidal').locator('.reading'))
      const vidalEnd = await text(end('vidal'))
      for (const [what, s] of [['card', vidalReading], ['chart end', vidalEnd]]) {
        expect(s, `${lang} vidal ${what}`).not.toMatch(/\d[.,]\d\d/)
        expect(s, `${lang} vidal ${what}`).not.toMatch(/neutral/i)
        expect(s, `${lang} vidal ${what}`).toContain('–')
      }
      expect(vidalReading, lang).toContain(NO_POSTS[lang])
      expect(await card('vidal').locator('[data-testid="sentiment"]').getAttribute('data-value'), lang).toBeNull()
      expect(await end('vidal').getAttribute('data-value'), lang).toBe('')

      // Molina: his net sentiment, the store's, the same two decimals on the card and the chart's end label.
      const shown = Number(await card('molina').locator('[data-testid="sentiment"]').getAttribute('data-value'))
      expect(shown, `${lang} molina card vs store`).toBeCloseTo(stored, 2)
      expect(Number(await end('molina').getAttribute('data-value')), `${lang} molina chart end vs card`).toBeCloseTo(shown, 2)
      const figure = (s: string) => s.match(/[+−-]?\d[.,]\d\d/)?.[0]
      const molinaReading = await text(card('molina').locator('.reading'))
      expect(figure(molinaReading), `${lang}: ${molinaReading}`).toBeDefined()
      expect(figure(molinaReading), lang).toBe(figure(await text(end('molina'))))
      expect(molinaReading, lang).not.toContain(NO_POSTS[lang])
      // Molina's label sits by his line's end: the dash labels wait at the bottom of the column (at the 0.0 height they
      // pushed his away from his ring).
      const ring = (await page.locator('[data-testid="net-now"][data-entity="molina"]').boundingBox())!
      const label = (await end('molina').boundingBox())!
      expect(Math.abs(label.y + label.height / 2 - (ring.y + ring.height / 2)), `${lang} molina label vs ring`).toBeLessThan(label.height * 0.6)
    }
  })
})
