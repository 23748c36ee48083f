// The review finding as the room lives it: a source was down for minutes, a wave on Ruiz happened meanwhile, and the
// reconnecting source backfills the gap in one go. The running server (real clock, its own watch, the shipped config's
// default horizon) now tells every wall: an `alert` arrives on the socket, onset at the wave, detected now.
import { describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import type { Alert, PostInput } from '@pulso/types'
import { createDemoGenerator } from '@pulso/ingest'
import { suiteApp } from './helpers.ts'

describe('a backfilled wave reaches the wall', () => {
  const t = suiteApp({ alertIntervalS: 2 })

  it('alerts every wall when a source backfills a wave it missed, with the onset at the wave', async () => {
    const app = t.app
    await app.listen({ port: 0, host: '127.0.0.1' }) // starts the watch: nothing stored yet
    expect(app.settings.alerts.lateHorizonS).toBe(600)
    const client = connect(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`, { transports: ['websocket'] })
    const alerts: Alert[] = []
    client.on('alert', (a) => alerts.push(a))
    try {
      await new Promise((r) => setTimeout(r, 1500)) // the watch reads a few empty intervals
      const now = Date.now()
      const waveAt = now - 30_000
      const wave: PostInput[] = Array.from({ length: 120 }, (_, i) => ({
        id: `wave-${i}`, source: 'test', createdAt: new Date(waveAt + i * 12).toISOString(), lang: 'es',
        text: `Elena Ruiz ha estado brillante en el debate, momento ${i} #RuizPresidenta`, author: { id: `wave-fan-${i}`, followers: 5000 },
      }))
      // The backfill: the last 2.5 minutes of the ordinary stream with the wave inside, oldest first, in batches.
      const gap = createDemoGenerator(app.entities, { rate: 25, cycleS: 3600, surges: [], seed: 51 }).posts(now - 150_000, now)
      const all = [...gap, ...wave].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
      for (let i = 0; i < all.length; i += 1000) await app.ingest(all.slice(i, i + 1000).map((value, k) => ({ line: k + 1, value })))
      await expect.poll(() => alerts.filter((a) => a.entity === 'ruiz').length, { timeout: 15_000, interval: 200 }).toBeGreaterThan(0)
      const a = alerts.find((x) => x.entity === 'ruiz')!
      expect(Math.abs(a.onset - waveAt), 'onset at the wave').toBeLessThanOrEqual(2000)
      expect(a.detectedAt - a.onset, 'detected after the backfill, not at the wave').toBeGreaterThan(25_000)
      expect(a.drivers.map((d) => d.term)).toContain('#ruizpresidenta')
      expect(alerts.filter((x) => x.entity !== 'ruiz'), 'the ordinary stream raised nothing').toEqual([])
      // And it stays one alert while the watch keeps scanning.
      await new Promise((r) => setTimeout(r, 6000))
      expect(alerts.filter((x) => x.entity === 'ruiz')).toHaveLength(1)
    } finally {
      client.close()
    }
  }, 90_000)
})
