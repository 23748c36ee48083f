// Issue 17, point 3, in Chromium: at ?t= every tile shows that second's state or says it is live-only. An alert open
// at the replayed second is in the banner and the list (acknowledged later, it still shows open then); the header
// says REPLAY, never LIVE; the queue tile says it is live-only; "Share link" is whole on screen at every size.
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { post, suiteWall } from './helpers.ts'
import { artifactsDir, gate, launchBrowser, pageErrors } from './browser.ts'
import { ingestAll } from './wall-fixtures.ts'

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
]
const min = 60_000
const TEXT = {
  en: { replay: 'REPLAY', live: /\bLIVE\b/, liveOnly: 'Live only — not kept for replay', share: 'Share link' },
  es: { replay: 'REPETICIÓN', live: /EN VIVO/, liveOnly: 'Solo en directo — no se guarda para repetición', share: 'Enlace para compartir' },
} as const

describe('replay is faithful (issue 17, point 3)', () => {
  const t = suiteWall({ flushMs: 50, tickMs: 500 }, launchBrowser)
  const base = Math.floor(Date.now() / 1000) * 1000 - 40 * min
  // al-ruiz: detected at base, acknowledged 5 min later; al-ondanet: detected 1 min after base, never acted on.
  const open = { at: base + 2 * min, ids: ['al-ruiz', 'al-ondanet'] }
  const acked = base + 8 * min
  // al-ondanet's incident: Pulso resolved it after a quiet spell, 10 min after base (the alert stays open: nobody answered).
  const resolved = base + 10 * min

  beforeAll(async () => {
    const row = (id: string, entity: string, severity: number, detected: number, status: string, updated: number) => ({
      id, entity, metric: 'volume', severity, onset: detected - 30_000, detected_at: detected, observed: 120, expected: 6, emotion: 'anger',
      drivers: JSON.stringify([{ kind: 'hashtag', term: '#OndanetCaido', observed: 40, expected: 1, lift: 20 }]), posts: '[]', status, updated_at: updated,
    })
    const { client } = t.app.store
    await client.insert({ table: 'alerts', format: 'JSONEachRow', values: [row('al-ruiz', 'ruiz', 4, base, 'open', base), row('al-ondanet', 'ondanet', 3, base + min, 'open', base + min), row('al-ruiz', 'ruiz', 4, base, 'acknowledged', base + 5 * min)] })
    await client.insert({ table: 'alert_feedback', format: 'JSONEachRow', values: [{ alert_id: 'al-ruiz', entity: 'ruiz', metric: 'volume', status: 'acknowledged', by: 'control', at: base + 5 * min }] })
    const event = (kind: string, at: number, over: object = {}) => ({
      incident_id: 'inc-ondanet', fingerprint: 'ondanet|volume', entity: 'ondanet', family: 'volume', kind, severity: 3, alert_id: '', owner: '', note: '', route: '', onset: 0, until: 0, by: 'pulso', at, ...over,
    })
    await client.insert({ table: 'incident_events', format: 'JSONEachRow', values: [event('opened', base + min, { alert_id: 'al-ondanet', onset: base + min - 30_000 }), event('resolved', resolved)] })
    // Posts around the replayed seconds for every entity, so the replay bar lists each one's figure.
    const texts = ['Elena Ruiz responde', 'Marcos Vidal responde', 'Soto habla de vivienda', 'Molina responde', 'Ondanet caído otra vez']
    await ingestAll(t, Array.from({ length: 200 }, (_, i) => post({ id: `rw-${i}`, createdAt: new Date(base - min + i * 3000).toISOString(), text: texts[i % texts.length] })))
  })

  const replayAt = async (page: Page, at: number, query: string) => {
    await page.goto(`${t.url}?${query}&t=${at}`)
    await page.locator(`[data-testid="replay-time"][data-t="${at}"]`).waitFor({ timeout: 15_000 })
    await page.locator('[data-testid="entity-card"]').first().waitFor({ timeout: 15_000 })
  }

  // These cases only read a replayed second: two at a time, each in its own page.
  const twoAtATime = gate(2)
  // vitest starts up to 5 at once and a case's clock runs while it waits at the gate: room for the cases ahead of it.
  const QUEUED = { timeout: 120_000 }
  describe.concurrent('at every size', () => {
  for (const vp of VIEWPORTS) {
    for (const lang of ['es', 'en'] as const) {
      it(`at a second when two alerts were open, both show and LIVE does not (${lang}, ${vp.width}×${vp.height})`, QUEUED, ({ expect, onTestFinished }) => twoAtATime(async () => {
        const page = await t.browser.newPage({ viewport: vp })
        onTestFinished(() => page.close())
        await replayAt(page, open.at, `lang=${lang}`)
        // Both open then: both in the banner, the graver first; the list shows the graver as open.
        for (const id of open.ids) await page.locator(`[data-testid="banner-alert"][data-alert="${id}"]`).waitFor({ state: 'visible', timeout: 10_000 })
        expect(await page.locator('[data-testid="banner-alert"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-alert')))).toEqual(open.ids)
        await expect(page.locator('[data-testid="alert-item"][data-alert="al-ruiz"]').getAttribute('data-status')).resolves.toBe('open')
        // The graver (ruiz's) is listed whole, inside its tile and the screen.
        const box = await page.locator('[data-testid="alert-item"][data-alert="al-ruiz"]').evaluate((el) => {
          const r = el.getBoundingClientRect()
          const tile = el.closest('section')!.getBoundingClientRect()
          return { h: r.height, inside: r.top >= tile.top - 0.5 && r.bottom <= tile.bottom + 0.5 && r.bottom <= innerHeight && r.right <= innerWidth }
        })
        expect(box.h).toBeGreaterThan(10)
        expect(box.inside).toBe(true)
        // The top posts are that time's (the posts around base), not empty and not today's.
        await page.locator('[data-testid="top-post"]').first().waitFor({ timeout: 15_000 })
        const conn = page.locator('[data-testid="connection"]')
        await expect(conn.getAttribute('data-state')).resolves.toBe('replay')
        await expect(conn.textContent()).resolves.toContain(TEXT[lang].replay)
        expect(await page.evaluate(() => document.body.innerText)).not.toMatch(TEXT[lang].live)
        await expect(page.locator('[data-testid="queue-live-only"]').textContent()).resolves.toBe(TEXT[lang].liveOnly)
        // "Share link" whole on screen and not covered: the point at its middle is the button itself.
        const share = await page.getByRole('button', { name: TEXT[lang].share }).evaluate((b) => {
          const r = b.getBoundingClientRect()
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
          return { whole: r.left >= 0 && r.right <= innerWidth && r.width >= b.scrollWidth - 0.5, onTop: hit === b || b.contains(hit) }
        })
        expect(share).toEqual({ whole: true, onTop: true })
        await page.screenshot({ path: path.join(artifactsDir, `truth-replay-${lang}-${vp.width}x${vp.height}.png`) })
      }))
    }
  }
  })

  it('after the acknowledgement the replay shows it acknowledged, off the banner, on every board showing alerts', { timeout: 120_000 }, async () => {
    const page = await t.browser.newPage({ viewport: VIEWPORTS[1] })
    onTestFinished(() => page.close())
    const errors = pageErrors(page)
    const banner = () => page.locator('[data-testid="banner-alert"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-alert')))
    await replayAt(page, acked, 'lang=en')
    await expect.poll(banner, { timeout: 10_000 }).toEqual(['al-ondanet'])
    for (const board of ['board=debate', 'board=debate&mode=standard']) {
      await replayAt(page, acked, `lang=en&${board}`)
      const item = page.locator('[data-testid="alert-item"][data-alert="al-ruiz"]')
      await expect.poll(() => item.getAttribute('data-status'), { timeout: 10_000 }).toBe('acknowledged')
      expect(await banner()).toEqual([])
      // Before it was detected: nothing of it.
      await replayAt(page, base - 10_000, `lang=en&${board}`)
      await expect(page.locator('[data-alert="al-ruiz"]').count()).resolves.toBe(0)
    }
    expect(errors).toEqual([])
  })

  it('an alert whose incident had resolved by then is off the replayed banner, and listed as resolved; before that it was raised', { timeout: 120_000 }, async () => {
    const page = await t.browser.newPage({ viewport: VIEWPORTS[1] })
    onTestFinished(() => page.close())
    const errors = pageErrors(page)
    const banner = () => page.locator('[data-testid="banner-alert"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-alert')))
    const item = page.locator('[data-testid="alert-item"][data-alert="al-ondanet"]')
    // A minute before Pulso resolved it: raised, its incident open.
    await replayAt(page, resolved - min, 'lang=es')
    await expect.poll(banner, { timeout: 10_000 }).toEqual(['al-ondanet'])
    await expect.poll(() => item.getByTestId('alert-incident').getAttribute('data-state'), { timeout: 10_000 }).toBe('open')
    // Two minutes after: the surge was over. Off the banner; the list says resolved, dimmed, the status still open.
    await replayAt(page, resolved + 2 * min, 'lang=es')
    await expect.poll(() => item.getByTestId('alert-incident').getAttribute('data-state'), { timeout: 10_000 }).toBe('resolved')
    expect(await banner()).toEqual([])
    expect(await item.getByTestId('alert-incident-state').textContent()).toBe('resuelto')
    expect(await item.getAttribute('class')).toContain('done')
    expect(await item.getAttribute('data-status')).toBe('open')
    // A replay acts on nothing: no incident buttons.
    expect(await item.locator('[data-incident-action]').count()).toBe(0)
    await page.screenshot({ path: path.join(artifactsDir, 'truth-replay-resolved-es.png') })
    expect(errors).toEqual([])
  })
})
