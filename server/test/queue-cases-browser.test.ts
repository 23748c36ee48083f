import { describe, expect, it } from 'vitest'
import path from 'node:path'
import type { PostInput } from '@pulso/types'
import { post, queryRows, suiteWall } from './helpers.ts'
import { artifactsDir, launchBrowser } from './browser.ts'
import { nearDuplicate } from './queue-cases-fixtures.ts'

const ADMIN = 'cases-browser-admin'
const EN_BASE = 'Ondanet fibre is not working again since this morning, no internet at all'
const EN_OPENERS = ['', 'Seriously, ', 'Again: ', 'Hey @ondanet_ayuda ', 'Ugh. ']
const EN_TAILS = ['', ' 😡', ' #OndanetCaido', '!!', ' anyone else?', ' 🙄🙄']

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()
/** A story told `n` times by different people, the first post with a link to the original. */
function story(prefix: string, n: number, text: (k: number) => string, lang: string, from = 0): PostInput[] {
  return Array.from({ length: n }, (_, i) => {
    const k = from + i
    return post({ id: `${prefix}-${k}`, lang, text: text(k), createdAt: minutesAgo(from ? 0.2 : 40 - k), url: `https://social.example/${prefix}/${k}`, author: { id: `${prefix}-u${k}`, handle: `${prefix}${k}`, followers: 200 + k * 150 } })
  })
}

describe('the queue page works a case end to end in headless Chromium', () => {
  const t = suiteWall({ adminToken: ADMIN, viewerToken: 'cases-browser-viewer' }, launchBrowser)
  const ingest = async (posts: PostInput[]) => {
    const r = await fetch(`${t.url}api/ingest`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(posts) })
    expect(r.status).toBe(202)
  }

  const runs = [
    { lang: 'es', prefix: 'es', text: nearDuplicate, template: 'safety', expectNote: /Por tu seguridad/, send: /Enviar respuesta y cerrar 3\d publicaciones/, done: /Hecho: 3\d publicaciones/, thread: /lo revisamos/ },
    { lang: 'en', prefix: 'en', text: (k: number) => `${EN_OPENERS[k % 5]}${EN_BASE}${EN_TAILS[k % 6]}`, template: 'performance', expectNote: /checking the service/, send: /Send answer and close 3\d posts/, done: /Done: 3\d posts/, thread: /looking into/ },
  ] as const

  for (const r of runs)
    it(`opens, assigns and answers a case with a template (${r.lang})`, async () => {
      // 30 retellings of one complaint, the brand's reply to the first (the thread), and a few unrelated complaints.
      await ingest([
        ...story(r.prefix, 30, r.text, r.lang),
        post({ id: `${r.prefix}-brand`, lang: r.lang, replyTo: `${r.prefix}-0`, text: r.lang === 'es' ? 'Hola, lo revisamos ahora mismo' : 'Hi, we are looking into it right now', author: { id: 'ondanet-care', handle: 'ondanet_ayuda', followers: 90_000, verified: true } }),
        post({ id: `${r.prefix}-x1`, lang: r.lang, text: 'Ondanet me ha cobrado dos veces la factura de octubre, es inaceptable' }),
        post({ id: `${r.prefix}-x2`, lang: r.lang, text: 'Ondanet customer service transferred me six times and then hung up, useless' }),
      ])
      const page = await t.browser.newPage({ viewport: { width: 1500, height: 1100 } })
      // Other suites run Chromium beside this one on 2 cores: a first paint can take tens of seconds.
      page.setDefaultTimeout(60_000)
      await page.goto(`${t.url}queue?token=${ADMIN}&lang=${r.lang}&view=cases`)
      await page.locator('[data-testid="queue-name"]').fill('Marta')
      const mine = page.locator('[data-testid="case"]').filter({ has: page.locator(`a[href="https://social.example/${r.prefix}/29"], a[href^="https://social.example/${r.prefix}/"]`) })
      const theCase = mine.first()
      await expect.poll(() => theCase.getAttribute('data-count'), { timeout: 15_000 }).toBe('30')
      const id = (await theCase.getAttribute('data-id'))!
      const card = page.locator(`[data-testid="case"][data-id="${id}"]`)
      await expect(card.locator('[data-testid="case-original"]').getAttribute('href')).resolves.toMatch(new RegExp(`^https://social.example/${r.prefix}/\\d+$`))
      await page.screenshot({ path: path.join(artifactsDir, `queue-cases-${r.lang}.png`) })

      // Live by push: five more retellings arrive and the open page counts them, no reload, no polling.
      const before = Number(await card.getAttribute('data-priority'))
      await ingest(story(r.prefix, 5, r.text, r.lang, 30))
      const sent = Date.now()
      await expect.poll(() => card.getAttribute('data-count'), { timeout: 15_000 }).toBe('35')
      console.log(`queue cases (${r.lang}): count updated on the page ${Date.now() - sent} ms after ingest; priority ${before} → ${await card.getAttribute('data-priority')}`)
      expect(Number(await card.getAttribute('data-priority'))).toBeGreaterThanOrEqual(before)

      // Open: the posts with their original links, the thread (the brand's reply), the authors' history, the SLA.
      await card.locator('[data-testid="case-open"]').click()
      const detail = page.locator(`[data-testid="case-detail"][data-id="${id}"]`)
      await detail.waitFor()
      await expect.poll(() => detail.locator('[data-testid="case-post"]').count()).toBe(35)
      await expect(detail.locator(`[data-testid="case-post"][data-id="${r.prefix}-0"] [data-testid="post-original"]`).getAttribute('href')).resolves.toBe(`https://social.example/${r.prefix}/0`)
      await expect(detail.locator('[data-testid="thread-post"]').first().textContent()).resolves.toMatch(r.thread)
      await expect(detail.locator('[data-testid="case-history"]').first().textContent()).resolves.toMatch(r.lang === 'es' ? /quejas anteriores|antes:/ : /earlier/)
      await expect(detail.locator('[data-testid="case-sla"]').textContent()).resolves.toMatch(/SLA Ondanet/)

      // Assign to me.
      await card.locator('[data-testid="case-assign"]').click()
      await expect.poll(() => card.getAttribute('data-status'), { timeout: 10_000 }).toBe('assigned')
      // The opened case re-reads too: its posts say assigned.
      await expect.poll(() => detail.locator('[data-testid="case-post"][data-status="assigned"]').count(), { timeout: 10_000 }).toBe(35)

      // Answer with a template, in the language picked.
      await detail.locator('[data-testid="case-template"]').selectOption(r.template)
      await detail.locator('[data-testid="case-lang"]').selectOption(r.lang)
      const note = await detail.locator('[data-testid="case-note"]').inputValue()
      expect(note).toMatch(r.expectNote)
      expect(note).toMatch(/@\w+/)
      await expect(detail.locator('[data-testid="case-send"]').textContent()).resolves.toMatch(r.send)
      await page.screenshot({ path: path.join(artifactsDir, `queue-case-open-${r.lang}.png`) })
      await detail.locator('[data-testid="case-send"]').click()
      await expect(page.locator('[data-testid="cases-done"]').textContent()).resolves.toMatch(r.done)
      await card.waitFor({ state: 'detached', timeout: 10_000 })

      const rows = await queryRows<{ n: number; by: string[]; notes: string[] }>(
        t.app,
        `SELECT count() AS n, groupUniqArray(by) AS by, groupUniqArray(note) AS notes FROM queue_actions WHERE action = 'answered' AND post_id LIKE {p:String}`,
        { p: `${r.prefix}-%` },
      )
      expect(rows[0]).toMatchObject({ n: 35, by: ['Marta'], notes: [note] })

      // A selection of cases answered at once, with the general template in the page's language.
      const others = [/dos veces la factura de octubre/, /transferred me six times/].map((text) => page.locator('[data-testid="case"]').filter({ hasText: text }))
      for (const o of others) await o.locator('input[type="checkbox"]').check()
      const bulk = await page.locator('[data-testid="cases-note"]').inputValue()
      expect(bulk).toMatch(r.lang === 'es' ? /^Hola, gracias por escribirnos/ : /^Hi, thanks for reaching out/)
      await page.locator('[data-testid="cases-answer"]').click()
      for (const o of others) await o.waitFor({ state: 'detached', timeout: 10_000 })
      const picked = await queryRows<{ id: string; note: string }>(t.app, `SELECT post_id AS id, note FROM queue_actions WHERE action = 'answered' AND post_id IN {ids:Array(String)} ORDER BY id`, { ids: [`${r.prefix}-x1`, `${r.prefix}-x2`] })
      expect(picked).toEqual([{ id: `${r.prefix}-x1`, note: bulk }, { id: `${r.prefix}-x2`, note: bulk }])
      await page.close()
    }, 180_000)
})
