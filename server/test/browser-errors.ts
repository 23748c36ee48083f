// Kept apart from browser.ts so that helpers.ts (imported by every server test) can close a browser without loading
// playwright-core: only a type is imported here.
import type { Browser } from 'playwright-core'

/** What each launched browser's pages threw and did not catch. */
const uncaught = new WeakMap<Browser, string[]>()

/** The list launchBrowser fills for `browser`. */
export function watchUncaught(browser: Browser): string[] {
  const seen: string[] = []
  uncaught.set(browser, seen)
  return seen
}

/**
 * Closes the browser, then fails if any of its pages threw without catching. A wall can draw right while it throws:
 * Svelte's effect_update_depth_exceeded fired hundreds of times a minute on the demo's walls, unseen by every test
 * (they read the page, and some watched console.error, which a thrown error is not).
 */
export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  if (!browser) return
  const errors = uncaught.get(browser) ?? []
  await browser.close()
  if (errors.length) throw new Error(`${errors.length} uncaught error(s) in the pages: ${[...new Set(errors)].slice(0, 5).join(' | ')}`)
}
