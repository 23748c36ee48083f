// The debate board's two sentiment figures are one quantity. On the running demo the cards read Ruiz −0.14 while the
// "Net sentiment per minute" chart beside them ended at Ruiz −0.31: the cards showed the mean sentiment score, the
// chart (and the moments' reactions) net sentiment, (positive − negative) / posts, over different windows. Now the
// card is net sentiment over its rolling window, and the chart's end label is that very figure.
import { describe, expect, it, onTestFinished } from 'vitest'
import path from 'node:path'
import { post, queryRows, suiteWall } from './helpers.ts'
import { artifactsDir, launchBrowser } from './browser.ts'
import { ingestAll } from './wall-fixtures.ts'

describe('debate board: card and chart agree on net sentiment (Chromium)', () => {
  const t = suiteWall({ flushMs: 50, tickMs: 500 }, launchBrowser)

  it('a wall opened before the first posts draws their minute within seconds, not 20 s later', async () => {
    // A new minute refreshes the history too: open with at least 15 s left in this minute (on the server's clock),
    // so only the re-ask of an empty history can bring the dots within 6 s.
    const left = 60_000 - (Date.now() % 60_000)
    if (left < 15_000) await new Promise((r) => setTimeout(r, left + 200))
    const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } })
    onTestFinished(() => page.close())
    // Opened just after a 20 s boundary of the page's clock (the history's refresh slots): a wall that only refreshes
    // every 20 s would then show nothing for ~19 s. Playwright's clock starts the page 200 ms past the next boundary
    // and runs at real speed from there (the wall reads the server's time through the ticks' clock offset).
    await page.clock.install({ time: Math.ceil(Date.now() / 20_000) * 20_000 + 200 })
    // The per-minute history (GET /api/series?step=60): its first (empty) answer is in before any post is sent.
    const history = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/series' && new URL(r.url()).searchParams.get('step') === '60', { timeout: 15_000 })
    await page.goto(`${t.url}?board=debate&lang=en`)
    await page.locator('[data-testid="debate-timeline"] svg').waitFor({ timeout: 15_000 })
    await history
    // Soto and Molina only: the next test reads Ruiz's and Vidal's figures. In the last completed minute: the chart
    // draws completed minutes only (the running one is the dot at "now", from the cards' window, not the history).
    const done = Math.floor(Date.now() / 60_000) * 60_000
    await ingestAll(t, Array.from({ length: 6 }, (_, i) => post({ id: `first-${i}`, createdAt: new Date(done - 3000 + i * 400).toISOString(), text: i % 2 ? 'Carmen Soto brillante hoy' : 'Javier Molina un desastre' })))
    const dots = page.locator('[data-testid="debate-timeline"] circle[data-label="Carmen Soto"]:not([data-testid="net-now"])')
    const started = Date.now()
    await expect.poll(() => dots.count(), { timeout: 6_000, interval: 250 }).toBeGreaterThan(0)
    expect(Date.now() - started).toBeLessThan(6_000)
  })

  it('each candidate card reads the net sentiment of its posts, and the chart ends at the same figure', async () => {
    const now = Date.now()
    // Ruiz: two sure praises for one plain statement (which the model reads as unsure negative), so his mean score
    // (≈ +0.5) and his net sentiment (≈ +0.33) differ; Vidal: scorn.
    const texts = ['Elena Ruiz ha estado brillante esta noche, enhorabuena', 'Elena Ruiz habla ahora sobre vivienda', 'Marcos Vidal un desastre total, qué vergüenza', 'Elena Ruiz brillante, qué buen cierre']
    const posts = Array.from({ length: 40 }, (_, i) => post({ id: `ag-${i}`, createdAt: new Date(now - 40_000 + i * 900).toISOString(), text: texts[i % 4] }))
    await ingestAll(t, posts)
    // What the store says: per-entity labels where the post has them, as the aggregates count them.
    const net = async (e: string) => {
      const [r] = await queryRows<{ n: string; pos: string; neg: string }>(
        t.app,
        `SELECT count() AS n, countIf(label = 'positive') AS pos, countIf(label = 'negative') AS neg
         FROM (SELECT if(length(entity_labels) = length(entities), entity_labels[indexOf(entities, {e:String})], sentiment_label) AS label
               FROM posts WHERE has(entities, {e:String}) AND startsWith(id, 'ag-'))`,
        { e },
      )
      return (Number(r.pos) - Number(r.neg)) / Number(r.n)
    }

    const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } })
    onTestFinished(() => page.close())
    await page.goto(`${t.url}?board=debate&lang=en`)
    const value = (sel: string) => page.evaluate((s) => document.querySelector(s)?.getAttribute('data-value') ?? null, sel)
    const card = (e: string) => `[data-testid="entity-card"][data-entity="${e}"] [data-testid="sentiment"]`
    const end = (e: string) => `[data-testid="net-label"][data-entity="${e}"]`
    for (const sel of [card('ruiz'), card('vidal'), end('ruiz'), end('vidal')]) {
      await page.waitForFunction((s) => Number(document.querySelector(s)?.getAttribute('data-value') || 0) !== 0, sel, { timeout: 30_000 }).catch(async (err) => {
        throw new Error(`${sel} still 0: ${await value(sel)}; entity ids ${await page.evaluate(() => [...document.querySelectorAll('[data-entity]')].map((e) => e.getAttribute('data-entity')).join(','))}`, { cause: err })
      })
    }
    await page.screenshot({ path: path.join(artifactsDir, 'debate-net-agree.png') })
    for (const e of ['ruiz', 'vidal']) {
      const stored = await net(e)
      const shown = Number(await value(card(e)))
      expect(Math.abs(shown - stored), `${e}: card ${shown}, stored net ${stored}`).toBeLessThan(0.006)
      expect(Math.abs(Number(await value(end(e))) - shown), `${e}: chart end vs card`).toBeLessThan(0.006)
    }
    // And the reading is what a person sees on both: the same two decimals.
    const text = async (sel: string) => (await page.locator(sel).textContent())!.replace(/\s+/g, ' ')
    const figure = (s: string) => s.match(/[+−-]\d\.\d\d/)?.[0]
    expect(figure(await text(`[data-testid="entity-card"][data-entity="ruiz"] .reading`))).toBe(figure(await text(end('ruiz'))))
  })
})
