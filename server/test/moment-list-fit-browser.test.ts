// The debate board's reaction list dropped a moment whole when its table did not fit under a newer one. On the demo,
// a few seconds after "Marcos Vidal ataca a Carmen Soto" was marked, the list showed only that moment ("collecting…
// 9 s") above a half-empty tile, while "Pregunta sobre las pensiones a Javier Molina" — the moment whose reaction had
// moved the room, Molina ×17 in posts — was hidden. Now a moment that does not fit whole keeps its head and its
// weightiest reaction rows (largest change in posts first) as far as they fit; nothing is clipped. In Chromium.
import { describe, expect, it, onTestFinished } from 'vitest'
import path from 'node:path'
import { post, suiteWall } from './helpers.ts'
import { artifactsDir, launchBrowser, pageErrors, settled } from './browser.ts'
import { ingestAll } from './wall-fixtures.ts'

const PENSIONS = 'Pregunta sobre las pensiones a Javier Molina'
const ATTACK = 'Marcos Vidal ataca a Carmen Soto en el bloque de corrupción'

describe('moment reactions: an older moment is cut to its weightiest rows, not dropped (Chromium)', () => {
  const t = suiteWall({ flushMs: 50, tickMs: 500 }, launchBrowser)

  it('shows the pensions question with Molina’s row under a moment still collecting', { timeout: 90_000 }, async () => {
    const now = Date.now()
    const pensionsAt = now - 100_000
    // Two posts a candidate before the question; after it, Molina's wave (40 posts) and one post for each of the others.
    const posts = []
    for (const [name, before, after] of [['Elena Ruiz', 2, 1], ['Marcos Vidal', 2, 1], ['Carmen Soto', 2, 1], ['Javier Molina', 2, 40]] as const) {
      for (let i = 0; i < before; i++) posts.push(post({ id: `mf-${name}-b${i}`, createdAt: new Date(pensionsAt - 60_000 + i * 20_000).toISOString(), text: `${name} habla de vivienda` }))
      for (let i = 0; i < after; i++) posts.push(post({ id: `mf-${name}-a${i}`, createdAt: new Date(pensionsAt + 2_000 + i * 2_000).toISOString(), text: `${name} un desastre con las pensiones` }))
    }
    await ingestAll(t, posts)
    for (const [label, at] of [[PENSIONS, pensionsAt], [ATTACK, now - 4_000]] as const)
      expect((await t.app.inject({ method: 'POST', url: '/api/moments', payload: { label, at, board: 'debate' } })).statusCode).toBe(201)

    const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } })
    onTestFinished(() => page.close())
    const errors = pageErrors(page)
    await page.goto(`${t.url}?board=debate&lang=es`)
    const molina = page.locator(`[data-testid="moment"]:has-text("${PENSIONS}") [data-testid="reaction"][data-entity="molina"]`)
    await expect.poll(() => page.locator('[data-testid="moment"]').count(), { timeout: 15_000 }).toBe(2)
    await settled(page, 'moment list')
    await page.screenshot({ path: path.join(artifactsDir, 'moment-list-fit-es.png') })
    // The newest moment first, whole; the pensions question under it, with Molina's row: it moved most.
    const shown = await page.locator('[data-testid="moment"]').evaluateAll((els) =>
      els.filter((e) => !(e as HTMLElement).hidden).map((e) => e.querySelector('.label')?.textContent),
    )
    expect(shown).toEqual([ATTACK, PENSIONS])
    expect(await molina.isVisible()).toBe(true)
    expect(Number(await molina.locator('[data-testid="posts-after"]').getAttribute('data-value'))).toBe(40)
    // A moment cut to fit says so, and only then.
    const pensions = page.locator(`[data-testid="moment"]:has-text("${PENSIONS}")`)
    const shown2 = await pensions.locator('[data-testid="reaction"]').evaluateAll((rows) => rows.filter((r) => !(r as HTMLElement).hidden).length)
    expect(await pensions.getByTestId('reaction-shed').isVisible()).toBe(shown2 < 4)
    // Nothing clipped: the list holds its shown items, and every shown item sits inside it.
    const box = await page.locator('[data-testid="moments"]').evaluate((ol) => {
      const r = ol.getBoundingClientRect()
      const items = [...ol.children].filter((e) => !(e as HTMLElement).hidden).map((e) => e.getBoundingClientRect().bottom)
      return { over: ol.scrollHeight > ol.clientHeight, bottom: r.bottom, items }
    })
    expect(box.over).toBe(false)
    for (const b of box.items) expect(b).toBeLessThanOrEqual(box.bottom + 0.5)
    expect(errors).toEqual([])
  })
})
