// Issue 18: the control page lists incidents and acts on them, in Spanish and English, in Chromium.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Alert } from '@pulso/types'
import { launchBrowser } from './browser.ts'
import { suiteWall } from './helpers.ts'

const ADMIN = 'control-incidents-admin'
const alert = (entity: string, metric: string, severity: Alert['severity']): Alert => ({
  id: randomUUID(), entity, metric, severity, onset: Date.now() - 60_000, detectedAt: Date.now(), observed: 200, expected: 20, drivers: [], posts: [], emotion: null, status: 'open',
})

describe('incidents on the control page (Chromium)', () => {
  const t = suiteWall({ adminToken: ADMIN, viewerToken: 'control-incidents-viewer' }, launchBrowser)

  for (const [lang, words] of [['es', { ack: 'Reconocer', acked: 'reconocido', resolve: 'Resolver', resolved: 'resuelto', timeline: 'Cronología', note: 'Añadir nota', replay: 'Repetición al inicio' }], ['en', { ack: 'Acknowledge', acked: 'acknowledged', resolve: 'Resolve', resolved: 'resolved', timeline: 'Timeline', note: 'Add note', replay: 'Replay at onset' }]] as const) {
    it(`lists an incident, acknowledges it, notes and resolves it (${lang})`, async () => {
      const { incident } = await t.app.incidents.onAlert(alert(lang === 'es' ? 'molina' : 'ondanet', 'volume', 3))
      const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } })
      try {
        await page.goto(`${t.url}control?lang=${lang}&token=${ADMIN}`)
        const row = page.locator(`[data-testid="control-incident"][data-id="${incident.id}"]`)
        await row.waitFor({ timeout: 15_000 })
        expect(await row.getAttribute('data-state')).toBe('open')
        expect(await row.locator('a', { hasText: words.replay }).getAttribute('href')).toBe(`${incident.replay}&lang=${lang}`)

        await row.getByRole('button', { name: words.ack }).click()
        await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('acknowledged')
        expect(await row.getByTestId('incident-state').textContent()).toBe(words.acked)
        expect(t.app.incidents.get(incident.id)!.timeline.at(-1)).toMatchObject({ kind: 'acknowledged', by: 'control' })

        await row.getByRole('button', { name: words.timeline }).click()
        await row.locator('input[maxlength="2000"]').fill('Press statement out at 21:10')
        await row.getByRole('button', { name: words.note }).click()
        await expect.poll(() => row.getByTestId('incident-timeline').textContent(), { timeout: 10_000 }).toContain('Press statement out at 21:10')

        await row.getByRole('button', { name: words.resolve }).click()
        await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('resolved')
        expect(t.app.incidents.get(incident.id)!.state).toBe('resolved')
      } finally {
        await page.close()
      }
    })
  }
})
