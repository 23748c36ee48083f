// The card's trend compares the last minute's posts with the minute before. On the demo, in the first two minutes
// after the server started, every card read "▲ rising +1,203 %", "+7,805 %": the minute before lay before the first
// stored post, so it counted next to nothing and the card claimed a rise that never happened. Now, while the store
// does not hold the whole minute before, the card says it is collecting instead; once it does, the trend is as before.
import { describe, expect, it, onTestFinished } from 'vitest'
import path from 'node:path'
import type { PostInput } from '@pulso/types'
import { post, suiteWall } from './helpers.ts'
import { artifactsDir, launchBrowser, settled } from './browser.ts'
import { ingestAll } from './wall-fixtures.ts'

const COLLECTING = { en: 'collecting', es: 'recopilando' }
const RISING = { en: 'rising', es: 'sube' }
const TEXT = { ruiz: 'Elena Ruiz ha estado brillante esta noche', vidal: 'Marcos Vidal responde sobre pensiones' }

/** `perSecond` posts a second for each of Ruiz and Vidal, over [from, to). */
function steady(tag: string, from: number, to: number, perSecond: number): PostInput[] {
  const out: PostInput[] = []
  for (let t = from; t < to; t += 1000 / perSecond) {
    for (const e of ['ruiz', 'vidal'] as const) out.push(post({ id: `${tag}-${e}-${t}`, createdAt: new Date(t).toISOString(), text: TEXT[e] }))
  }
  return out
}

type Page = Awaited<ReturnType<ReturnType<typeof suiteWall>['browser']['newPage']>>

/** The wall at `query`, once the cards count Ruiz's posts and every tile's reads are in; each card's trend line. */
async function trends(t: ReturnType<typeof suiteWall>, query: string, shot: string): Promise<{ page: Page; lines: Record<string, { text: string; direction: string | null }> }> {
  const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } })
  onTestFinished(() => page.close())
  await page.goto(`${t.url}${query}`)
  const card = (e: string) => page.locator(`[data-testid="entity-card"][data-entity="${e}"]`)
  const volume = () => card('ruiz').locator('[data-testid="volume"]').getAttribute('data-value', { timeout: 500 }).catch(() => null)
  await expect.poll(async () => Number(await volume()), { timeout: 15_000 }).toBeGreaterThan(0)
  await settled(page, query)
  await page.screenshot({ path: path.join(artifactsDir, `trend-start-${shot}.png`) })
  const lines: Record<string, { text: string; direction: string | null }> = {}
  for (const e of ['ruiz', 'vidal']) {
    const trend = card(e).locator('.trend')
    lines[e] = { text: (await trend.textContent())!.replace(/\s+/g, ' ').trim(), direction: await trend.getAttribute('data-direction') }
  }
  return { page, lines }
}

describe('entity cards: no trend before the store holds the minute before (Chromium)', () => {
  const t = suiteWall({ flushMs: 50, tickMs: 500 }, launchBrowser)

  it('a store that just started (posts in the last 40 s only): no percentage, no "rising", the collecting word (en, es; debate board and all); the same with the minute before partly stored', async () => {
    const now = Date.now()
    await ingestAll(t, steady('new', now - 40_000, now, 2))
    for (const [query, lang] of [['?board=debate&lang=en', 'en'], ['?board=debate&lang=es', 'es'], ['?lang=en', 'en']] as const) {
      const { lines } = await trends(t, query, `new-${query.replace(/\W+/g, '-')}`)
      for (const [e, line] of Object.entries(lines)) {
        expect(line.text, `${query} ${e}`).not.toMatch(/\d\s*%/)
        expect(line.text, `${query} ${e}`).not.toContain(RISING[lang])
        expect(line.text, `${query} ${e}`).not.toContain('▲')
        expect(line.text, `${query} ${e}`).toContain(COLLECTING[lang])
        expect(line.direction, `${query} ${e}`).toBe('new')
      }
    }
    // Posts reaching back 85 s: the minute before is now partly stored (~25 s of it), the demo's "+1,203 %" case.
    await ingestAll(t, steady('part', now - 85_000, now - 40_000, 2))
    for (const [query, lang] of [['?board=debate&lang=en', 'en'], ['?board=debate&lang=es', 'es']] as const) {
      const { lines } = await trends(t, query, `part-${lang}`)
      for (const [e, line] of Object.entries(lines)) {
        expect(line.text, `${query} ${e} (part)`).not.toMatch(/\d\s*%/)
        expect(line.text, `${query} ${e} (part)`).toContain(COLLECTING[lang])
        expect(line.direction, `${query} ${e} (part)`).toBe('new')
      }
    }
  })
})

describe('entity cards: the trend once the store holds the minute before (Chromium)', () => {
  const t = suiteWall({ flushMs: 50, tickMs: 500 }, launchBrowser)

  it('posts at a steady rate over the last 3 minutes (and on, so the read is late-proof): steady, with a percentage; a replay of those minutes collecting 30 s in, the trend 150 s in', async () => {
    const now = Date.now()
    // The stream goes on 40 s past now, as a live one would: however late the page reads, both minutes are full.
    await ingestAll(t, steady('old', now - 180_000, now + 40_000, 1))
    for (const [query, lang] of [['?board=debate&lang=en', 'en'], ['?board=debate&lang=es', 'es']] as const) {
      const { lines } = await trends(t, query, `covered-${lang}`)
      for (const [e, line] of Object.entries(lines)) {
        expect(line.direction, `${query} ${e}: ${line.text}`).toBe('flat')
        expect(line.text, `${query} ${e}`).toMatch(/\d\s*%/)
        expect(line.text, `${query} ${e}`).not.toContain(COLLECTING[lang])
      }
    }
    // A replay of those minutes says what the store held then: 30 s in, collecting; 150 s in, the trend.
    const at = (ms: number) => `?board=debate&lang=en&t=${new Date(ms).toISOString()}`
    for (const [e, line] of Object.entries((await trends(t, at(now - 150_000), 'replay-early')).lines)) {
      expect(line.text, `replay 30 s in, ${e}`).not.toMatch(/\d\s*%/)
      expect([line.direction, line.text], `replay 30 s in, ${e}`).toEqual(['new', expect.stringContaining(COLLECTING.en)])
    }
    for (const [e, line] of Object.entries((await trends(t, at(now - 30_000), 'replay-late')).lines)) {
      expect([line.direction, line.text], `replay 150 s in, ${e}`).toEqual(['flat', expect.stringMatching(/\d\s*%/)])
    }
  })
})
