import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import ts from 'typescript'
import type { Browser, Page } from 'playwright-core'
import { repoPath } from '@pulso/ingest/paths'
import { closeBrowser, launchBrowser } from './browser.ts'

// The wall's text fitting (web/src/lib/fit.ts) in Chromium, on a list like the top posts tile: 40 px rows in a 100 px
// tile, so two show. CI once caught the wall's top posts at 3840×2160 with a row's "+4 reposts" running past the screen:
// a row hidden at the last fit came back, when the row above it left, at full length.
const LIST = `<ol id="list" style="height:100px;width:240px;overflow:hidden;display:flex;flex-direction:column;margin:0;padding:0;list-style:none;font:16px monospace">
  ${['@ana', '@bo', '@someone_with_a_long_name 12.4k followers EN negative +4 reposts']
    .map((t, i) => `<li id="r${i}" style="flex:none;height:40px"><div class="meta" style="display:flex;white-space:nowrap;overflow:hidden">${t}</div></li>`)
    .join('')}
</ol>`

describe('fitting the top posts list', () => {
  let browser: Browser
  let page: Page
  beforeAll(async () => {
    browser = await launchBrowser()
    page = await browser.newPage()
    const js = ts.transpileModule(readFileSync(repoPath('web/src/lib/fit.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText
    await page.setContent(`<body>${LIST}</body>`)
    await page.addScriptTag({ type: 'module', content: `${js}\nwindow.fit = { fitText, fitList }` })
    await page.waitForFunction(() => 'fit' in window)
  })
  afterAll(() => closeBrowser(browser))

  // What TopPosts does on every change: each row's meta shortened to its box, then the rows that do not fit hidden.
  const refit = () =>
    page.evaluate(() => {
      const { fitText, fitList } = (window as unknown as { fit: typeof import('../../web/src/lib/fit.ts') }).fit
      fitList(document.getElementById('list')!, (row) => row.querySelectorAll<HTMLElement>('.meta').forEach((el) => fitText(el)))
    })
  const rows = () =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#list li')].map((li) => {
        const meta = li.querySelector<HTMLElement>('.meta')!
        return { id: li.id, hidden: li.hidden, text: meta.textContent, over: meta.scrollWidth - meta.clientWidth }
      }),
    )

  it('a row that comes back into view is shortened to its box, not shown at full length', async () => {
    await refit()
    expect((await rows()).map((r) => r.hidden)).toEqual([false, false, true])
    // The first post leaves the feed: the long row now has room, and must come back fitted.
    await page.evaluate(() => document.getElementById('r0')!.remove())
    await refit()
    const [, long] = await rows()
    expect(long.hidden).toBe(false)
    expect(long.over).toBeLessThanOrEqual(0)
    expect(long.text).toMatch(/^@someone.*…$/)
    // And it gets its whole text back when the tile is wide enough again.
    await page.evaluate(() => (document.getElementById('list')!.style.width = '900px'))
    await refit()
    expect((await rows())[1].text).toBe('@someone_with_a_long_name 12.4k followers EN negative +4 reposts')
  })
})
