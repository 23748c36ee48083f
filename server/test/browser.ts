import { existsSync, mkdirSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'
import { repoPath } from '@pulso/ingest/paths'
import { watchUncaught } from './browser-errors.ts'

export { closeBrowser } from './browser-errors.ts'

export const CHROMIUM = '/usr/bin/chromium'
/** Screenshots land here; CI keeps them as test artifacts. */
export const artifactsDir = repoPath('test-artifacts')

/** Debian's Chromium, headless, never a downloaded browser. Every page it opens (`newPage` opens its own context)
 * records what it throws without catching, for closeBrowser. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium); .ci/run does`)
  mkdirSync(artifactsDir, { recursive: true })
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  const seen = watchUncaught(browser)
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await newContext(options)
    context.on('weberror', (e) => seen.push(`${e.page()?.url() ?? '?'}: ${e.error().message}`))
    return context
  }
  return browser
}

/**
 * What the page threw (uncaught, `pageerror`) or logged with console.error, as it happens. Both count: Svelte's
 * effect_update_depth_exceeded is thrown, not logged, and a wall test that watched the console alone missed it.
 */
export function pageErrors(page: Page, tag = ''): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`${tag}${e.message}`))
  page.on('console', (m) => m.type() === 'error' && errors.push(`${tag}${m.text()}`))
  return errors
}

/**
 * Waits until the page has every REST answer it asked for (`<html data-api-pending="0">`, kept by web/src/lib/api.ts)
 * and has painted two frames since (text is shortened to its box on the next frame): call it once the first snapshot
 * is drawn, when every tile has started its reads. Fails with `what` if the reads never finish.
 */
export async function settled(page: Page, what: string, timeout = 15_000): Promise<void> {
  try {
    await page.waitForFunction(() => document.documentElement.dataset.apiPending === '0', undefined, { timeout, polling: 50 })
  } catch {
    const pending = await page.evaluate(() => document.documentElement.dataset.apiPending ?? 'unset').catch(() => '?')
    throw new Error(`${what}: REST reads not all answered within ${timeout} ms (html[data-api-pending] = ${pending})`)
  }
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
}

/**
 * At most `n` of the wrapped bodies at once. Layout cases that only read the wall run as `describe.concurrent`
 * (vitest starts up to 5): two pages at a time keep both cores busy without starving either page's first paint.
 */
export function gate(n: number): <T>(body: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: (() => void)[] = []
  return async (body) => {
    if (running < n) running++
    else await new Promise<void>((r) => waiting.push(r)) // a finishing body hands its slot over
    try {
      return await body()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else running--
    }
  }
}
