// One surge, one page — on every wall. An alert on an entity + metric family whose incident is still open updates that
// incident instead of being raised again: the server never pushes it. Seen on the demo: a wall open at 02:35 showed
// one Javier Molina row in its banner, while a wall opened a minute later (its snapshot lists every recent alert) showed
// two, the incident's first alert and the one that had joined it. Now a wall leaves out an alert that joined an
// incident it did not open, in the banner and in the list, live and in a replay, so walls opened at any time agree.
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Alert } from '@pulso/types'
import { artifactsDir, launchBrowser, pageErrors } from './browser.ts'
import { suiteWall } from './helpers.ts'

const alert = (over: Partial<Alert>): Alert => ({
  id: randomUUID(), entity: 'molina', metric: 'volume', severity: 2, onset: Date.now() - 360_000, detectedAt: Date.now() - 350_000, observed: 120, expected: 13,
  drivers: [], posts: [], emotion: null, status: 'open', ...over,
})

describe('an alert that joined an open incident is not raised again (Chromium)', () => {
  const t = suiteWall({ tickMs: 500 }, launchBrowser)

  it('a wall opened after the second alert shows the incident once, as a wall open all along does', async () => {
    const first = alert({})
    const second = alert({ onset: Date.now() - 60_000, detectedAt: Date.now() - 50_000, observed: 126, expected: 14 })
    const opened = await t.app.incidents.onAlert(first)
    expect(opened.opened).toBe(true)
    const joined = await t.app.incidents.onAlert(second)
    expect(joined.opened, 'the premise: the second alert joins the first one’s incident').toBe(false)
    expect(joined.incident.id).toBe(opened.incident.id)

    const page = await t.browser.newPage({ viewport: { width: 1920, height: 1080 } })
    const errors = pageErrors(page)
    await page.goto(`${t.url}?board=debate&lang=es`)
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 20_000 })
    // What a wall opened now holds: both alerts (a snapshot lists every recent one), pushed until it has them.
    const items = page.locator('[data-testid="alert-item"]')
    const banner = page.getByTestId('banner-alert')
    await expect.poll(async () => (t.app.hub.emit('alert', first), t.app.hub.emit('alert', second), banner.count()), { timeout: 20_000, interval: 500 }).toBeGreaterThan(0)
    await page.waitForTimeout(1500) // incidents read, pushes applied
    await page.screenshot({ path: path.join(artifactsDir, 'banner-incident-once-es.png') })
    expect(await banner.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-alert')))).toEqual([first.id])
    expect(await items.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-alert')))).toEqual([first.id])
    expect(errors).toEqual([])
    await page.close()
  })
})
