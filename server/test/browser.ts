import { existsSync, mkdirSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { repoPath } from '@pulso/ingest/paths'

export const CHROMIUM = '/usr/bin/chromium'
/** Screenshots land here; CI keeps them as test artifacts. */
export const artifactsDir = repoPath('test-artifacts')

/** Debian's Chromium, headless, never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium); .ci/run does`)
  mkdirSync(artifactsDir, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}
