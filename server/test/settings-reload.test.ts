import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import type { Snapshot } from '@pulso/types'
import { DEFAULT_CONFIG_FILE } from '@pulso/ingest/paths'
import { artifactsDir, closeBrowser, launchBrowser } from './browser.ts'
import { post, queryRows, testApp } from './helpers.ts'

/** Issue 14: an entity added mid-debate was not matched until a restart; a typo in the file stopped the server. */
describe('config/pulso.yaml reloads while the room runs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulso-reload-'))
  const configFile = path.join(dir, 'pulso.yaml')
  const original = readFileSync(DEFAULT_CONFIG_FILE, 'utf8')
  const withLopez = `${original.trimEnd()}\n  - id: lopez\n    name: Ana López\n    group: debate\n    color: "#0072B2"\n    terms: ["Ana López", lopez]\n`
  let t: Awaited<ReturnType<typeof testApp>>
  let url: string
  beforeAll(async () => {
    writeFileSync(configFile, original)
    t = await testApp({ configFile })
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
  })
  afterAll(() => t.close())

  it('matches posts to an entity added to the file within 5 s, and walls get its card', async () => {
    const wall = connect(url, { transports: ['websocket'] })
    await new Promise((r) => wall.once('snapshot', r))
    const fresh = new Promise<Snapshot>((r) => wall.on('snapshot', (s: Snapshot) => s.entities.some((e) => e.id === 'lopez') && r(s)))
    const changedAt = Date.now()
    writeFileSync(configFile, withLopez)
    await expect.poll(() => t.app.entities.some((e) => e.id === 'lopez'), { timeout: 5000, interval: 100 }).toBe(true)
    expect(Date.now() - changedAt).toBeLessThan(5000)
    const r = await t.app.inject({ method: 'POST', url: '/api/ingest', payload: [post({ id: 'reload-1', text: 'Ana López ha ganado el debate' })] })
    expect(r.json().accepted).toBe(1)
    expect(await queryRows(t.app, `SELECT entities FROM posts WHERE id = 'reload-1'`)).toEqual([{ entities: ['lopez'] }])
    expect((await fresh).entities.map((e) => e.id)).toContain('lopez')
    wall.close()
  })

  it('refuses an invalid change with file:line, keeps running on the previous config, and says so', async () => {
    writeFileSync(configFile, withLopez.replace('    color: "#0072B2"', '    colour: "#0072B2"'))
    await expect.poll(() => t.app.settingsReload.error(), { timeout: 5000, interval: 100 }).not.toBeNull()
    const status = (await t.app.inject('/api/config')).json()
    // The misspelt key is named where it stands (and the missing `color` too).
    expect(status.error.problems).toContainEqual(expect.objectContaining({ line: expect.any(Number), col: expect.any(Number), message: expect.stringMatching(/unknown field 'colour'/) }))
    expect(status.entities).toBe(6) // still the five and López
    expect((await t.app.inject('/api/health')).statusCode).toBe(200)
    // The operator sees it on /control: the refusal, the line to fix, and that the room still runs.
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
      await page.goto(`${url}/control?lang=en`)
      const box = page.locator('[data-testid="config-status"][data-state="refused"]')
      await box.waitFor({ timeout: 10_000 })
      expect(await box.locator('[data-testid="config-problem"]').allTextContents()).toContainEqual(expect.stringMatching(/pulso\.yaml:\d+:\d+.*colour/))
      expect(await box.textContent()).toMatch(/runs on the previous config/)
      await page.screenshot({ path: path.join(artifactsDir, 'control-config-refused.png') })
    } finally {
      await closeBrowser(browser)
    }
    const r = await t.app.inject({ method: 'POST', url: '/api/ingest', payload: [post({ id: 'reload-2', text: 'Ana López otra vez' })] })
    expect(r.json().accepted).toBe(1)
    expect(await queryRows(t.app, `SELECT entities FROM posts WHERE id = 'reload-2'`)).toEqual([{ entities: ['lopez'] }])
    // Fixed again: the error clears.
    writeFileSync(configFile, withLopez)
    await expect.poll(() => t.app.settingsReload.error(), { timeout: 5000, interval: 100 }).toBeNull()
  })
})
