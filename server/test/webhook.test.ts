import { createServer } from 'node:http'
import { afterAll, describe, expect, it } from 'vitest'
import type { Alert } from '@pulso/types'
import { createWebhook, slackBody } from '../src/alerts/webhook.ts'

const alert = (id: string): Alert => ({
  id, entity: 'ondanet', metric: 'volume', severity: 3, onset: 0, detectedAt: 0, observed: 120, expected: 10,
  drivers: [{ term: '#ondanetcaido', kind: 'hashtag', observed: 90, expected: 1, lift: 45 }], posts: [], emotion: 'anger', status: 'open',
})

describe('alert webhook delivery', () => {
  const tries: number[] = []
  const failing = createServer((_req, res) => {
    tries.push(Date.now())
    res.writeHead(500).end()
  })
  const stalled = createServer(() => undefined) // accepts, never answers
  afterAll(() => {
    failing.close()
    stalled.closeAllConnections()
    stalled.close()
  })
  const listen = (s: typeof failing) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as { port: number }).port)))

  it('retries a failing receiver with exponential backoff, then gives up', async () => {
    const port = await listen(failing)
    const gaveUp: string[] = []
    const hook = createWebhook({ url: `http://127.0.0.1:${port}/`, maxAttempts: 4, retryBaseMs: 100, timeoutMs: 1000, maxQueue: 10, onGiveUp: (a, e) => gaveUp.push(`${a.id}: ${e}`) })
    hook.send(alert('a1'), 'Ondanet')
    await expect.poll(() => gaveUp, { timeout: 5000 }).toEqual(['a1: HTTP 500'])
    expect(tries).toHaveLength(4)
    const gaps = tries.slice(1).map((t, i) => t - tries[i])
    expect(gaps[0]).toBeGreaterThanOrEqual(95)
    expect(gaps[1]).toBeGreaterThanOrEqual(195)
    expect(gaps[2]).toBeGreaterThanOrEqual(395)
    hook.stop()
  })

  it('never blocks the caller, even when the receiver is dead or stalled', async () => {
    const port = await listen(stalled)
    for (const url of [`http://127.0.0.1:${port}/`, 'http://127.0.0.1:9/']) {
      const hook = createWebhook({ url, maxAttempts: 2, retryBaseMs: 50, timeoutMs: 300, maxQueue: 3, onGiveUp: () => undefined })
      const t0 = performance.now()
      for (let i = 0; i < 20; i++) hook.send(alert(`b${i}`), 'Ondanet')
      expect(performance.now() - t0).toBeLessThan(50)
      expect(hook.pending).toBeLessThanOrEqual(3) // bounded: the oldest waiting are dropped
      hook.stop()
    }
  })

  it('speaks Slack: a text line with entity, metric, severity, figures and drivers', () => {
    const body = slackBody(alert('c'), 'Ondanet') as { text: string }
    expect(body.text).toBe(':rotating_light: *Ondanet* — volume spike, severity 3/5: 120 vs 10 expected · drivers: #ondanetcaido · emotion: anger')
  })
})
