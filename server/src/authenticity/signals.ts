import type { AuthenticityVerdict } from '@pulso/types'
import type { AuthenticitySettings } from './settings.ts'

/** Half-width of the moving average that stands for "what the volume explains", seconds. */
const TREND_HALF_S = 15

/**
 * Synchrony beyond what the volume explains: per-second counts against their own ±15 s moving average, as
 * Σ(c − m)² / Σm. Posts that arrive independently (a Poisson stream, however fast and however it rises) give ~1; many
 * accounts firing in the same seconds give several times that. A whole window with fewer than 2 posts a second on
 * average says little either way and is reported as 1 when it has no posts.
 */
export function burstiness(counts: number[]): number {
  const n = counts.length
  if (!n) return 1
  const prefix = [0]
  for (const c of counts) prefix.push(prefix[prefix.length - 1] + c)
  let num = 0
  let den = 0
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - TREND_HALF_S)
    const hi = Math.min(n, i + TREND_HALF_S + 1)
    const m = (prefix[hi] - prefix[lo]) / (hi - lo)
    num += (counts[i] - m) ** 2
    den += m
  }
  return den > 0 ? num / den : 1
}

/** Share of posts written by the top `percent`% of authors (at least one author). */
export function topAuthorShare(postsByAuthor: number[], percent = 1): number {
  const total = postsByAuthor.reduce((a, b) => a + b, 0)
  if (!total) return 0
  const top = Math.max(1, Math.ceil((postsByAuthor.length * percent) / 100))
  return [...postsByAuthor].sort((a, b) => b - a).slice(0, top).reduce((a, b) => a + b, 0) / total
}

export interface Shares {
  posts: number
  copyShare: number
  newAccountShare: number
  topAuthorShare: number
  burstiness: number
}

const r2 = (x: number) => Math.round(x * 100) / 100

/**
 * The verdict and the thresholds that decided it. Coordinated: half the volume from scripts, or a majority of new
 * accounts next to some copying or lock-step posting. Mixed: any one signal past its "mixed" line. Organic otherwise,
 * and always below `minPosts` (a handful of posts cannot be judged).
 */
export function verdictOf(s: Shares, o: AuthenticitySettings): { verdict: AuthenticityVerdict; reasons: string[] } {
  if (s.posts < o.minPosts) return { verdict: 'organic', reasons: [`too few posts (${s.posts} < ${o.minPosts})`] }
  const c = o.coordinated
  const m = o.mixed
  const reasons: string[] = []
  const past = (name: keyof Shares, value: number, line: number) => value >= line && reasons.push(`${name} ${r2(value)} ≥ ${line}`)
  const copying = s.copyShare >= m.copyShare || s.burstiness >= m.burstiness
  if (past('copyShare', s.copyShare, c.copyShare) || (copying && past('newAccountShare', s.newAccountShare, c.newAccountShare))) {
    return { verdict: 'coordinated', reasons }
  }
  past('copyShare', s.copyShare, m.copyShare)
  past('newAccountShare', s.newAccountShare, m.newAccountShare)
  past('topAuthorShare', s.topAuthorShare, m.topAuthorShare)
  past('burstiness', s.burstiness, m.burstiness)
  return { verdict: reasons.length ? 'mixed' : 'organic', reasons }
}
