// Issue 18: the wall's alert list acts on incidents. An admin acknowledges (then resolves) the incident an alert opened,
// from the alert list, in Spanish and English; a viewer sees the incident's state and no buttons. In Chromium.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Alert, Incident } from '@pulso/types'
import { launchBrowser, pageErrors } from './browser.ts'
import { suiteWall } from './helpers.ts'

const ADMIN = 'wall-incidents-admin'
const VIEWER = 'wall-incidents-viewer'
const WORDS = {
  es: { top: 'Publicaciones principales', drivers: 'Motivos', ack: 'Reconocer', acked: 'reconocido', open: 'abierto', resolve: 'Resolver', resolved: 'resuelto', snooze: 'Posponer' },
  en: { top: 'Top posts', drivers: 'Drivers', ack: 'Acknowledge', acked: 'acknowledged', open: 'open', resolve: 'Resolve', resolved: 'resolved', snooze: 'Snooze' },
} as const

describe("incidents from the wall's alert list (Chromium)", () => {
  const t = suiteWall({ adminToken: ADMIN, viewerToken: VIEWER, tickMs: 500 }, launchBrowser)

  /** What the pages threw or logged as errors: a pushed incident once looped the alert list's effect (Svelte's
   * effect_update_depth_exceeded on every push, the list drawn right all the same). */
  let errors: string[][] = []
  /** The wall at 1920×1080 on the brand board (Ondanet), signed in with `token`, live. */
  async function wall(token: string, lang: string): Promise<Page> {
    const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } })
    errors.push(pageErrors(page, `${lang}: `))
    await page.goto(`${t.url}?board=brand&mode=standard&lang=${lang}&token=${token}`)
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 20_000 })
    return page
  }
  /** Pushes the alert as the alert service does until the wall lists it (a push before the socket joined is lost). */
  async function listed(page: Page, a: Alert) {
    const item = page.locator(`[data-testid="alert-item"][data-alert="${a.id}"]`)
    await expect.poll(async () => (t.app.hub.emit('alert', a), item.count()), { timeout: 20_000, interval: 500 }).toBe(1)
    return item
  }
  const stored = async (id: string) => (await t.app.inject({ url: '/api/incidents', headers: { authorization: `Bearer ${ADMIN}` } })).json<{ incidents: Incident[] }>().incidents.find((i) => i.id === id)

  for (const lang of ['es', 'en'] as const) {
    it(`an admin acknowledges and resolves an alert's incident from the wall; a viewer sees its state, no buttons (${lang})`, async () => {
      const w = WORDS[lang]
      errors = []
      // One metric family per language: each test opens its own incident whatever the other left.
      const alert: Alert = {
        id: randomUUID(), entity: 'ondanet', metric: lang === 'es' ? 'volume' : 'negative_share', severity: 3, onset: Date.now() - 60_000, detectedAt: Date.now(), observed: lang === 'es' ? 200 : 0.6, expected: lang === 'es' ? 20 : 0.2,
        drivers: [{ term: '#sinsenal', kind: 'hashtag', observed: 13, expected: 0.4, lift: 30 }],
        posts: [{ id: 'p1', text: 'Ondanet caído en todo el país #SinSeñal', author: 'lanoticia', reposts: 40, likes: 90, observed: 16, expected: 0 }],
        emotion: null, status: 'open',
      }
      const { incident, opened } = await t.app.incidents.onAlert(alert)
      expect(opened).toBe(true)
      const admin = await wall(ADMIN, lang)
      const viewer = await wall(VIEWER, lang)
      try {
        const item = await listed(admin, alert)
        const inc = item.getByTestId('alert-incident')
        await expect.poll(() => inc.getAttribute('data-state'), { timeout: 15_000 }).toBe('open')
        expect(await inc.getAttribute('data-id')).toBe(incident.id)
        expect(await item.getByTestId('alert-incident-state').textContent()).toBe(w.open)
        expect(await item.getByRole('button', { name: w.snooze, exact: true }).count()).toBe(1)
        // The alert's detail (its tooltip) names the drivers and the top posts with their counts against the baseline.
        expect(await item.getAttribute('title')).toBe(`${w.drivers}: #sinsenal 13 / 0\n${w.top}:\n@lanoticia “Ondanet caído en todo el país #SinSeñal” 16 / 0`)

        // The viewer's wall lists it too, open, with no button on the item.
        const seen = await listed(viewer, alert)
        await expect.poll(() => seen.getByTestId('alert-incident').getAttribute('data-state'), { timeout: 15_000 }).toBe('open')
        expect(await seen.locator('button').count()).toBe(0)

        await item.getByRole('button', { name: w.ack, exact: true }).click()
        await expect.poll(() => inc.getAttribute('data-state'), { timeout: 10_000 }).toBe('acknowledged')
        expect(await item.getByTestId('alert-incident-state').textContent()).toBe(w.acked)
        expect((await stored(incident.id))!.state).toBe('acknowledged')
        expect(t.app.incidents.get(incident.id)!.timeline.at(-1)).toMatchObject({ kind: 'acknowledged', by: 'wall' })

        // The viewer's wall follows at once: the change is pushed (its REST read comes only every 30 s).
        await expect.poll(() => seen.getByTestId('alert-incident').getAttribute('data-state'), { timeout: 3_000, interval: 100 }).toBe('acknowledged')
        expect(await seen.getByTestId('alert-incident-state').textContent()).toBe(w.acked)
        expect(await seen.locator('button').count()).toBe(0)

        await item.getByRole('button', { name: w.resolve, exact: true }).click()
        await expect.poll(() => inc.getAttribute('data-state'), { timeout: 10_000 }).toBe('resolved')
        expect(await item.getByTestId('alert-incident-state').textContent()).toBe(w.resolved)
        expect(await item.locator('button').count()).toBe(0)
        expect((await stored(incident.id))!.state).toBe('resolved')
        // A change made elsewhere (the control page's API) reaches both walls the same way.
        const reopened = await t.app.inject({ method: 'POST', url: `/api/incidents/${incident.id}/actions`, headers: { authorization: `Bearer ${ADMIN}` }, payload: { action: 'reopen', by: 'control' } })
        expect(reopened.statusCode).toBe(200)
        await expect.poll(() => seen.getByTestId('alert-incident').getAttribute('data-state'), { timeout: 3_000, interval: 100 }).toBe('open')
        await expect.poll(() => inc.getAttribute('data-state'), { timeout: 3_000, interval: 100 }).toBe('open')
        expect(errors.flat(), 'no page errors while incidents are pushed').toEqual([])
      } finally {
        await admin.close()
        await viewer.close()
      }
    }, 90_000)
  }
})
