import { describe, expect, it } from 'vitest'
import { createJob } from '../src/realtime/job.ts'
import { testApp } from './helpers.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('background jobs, written once', () => {
  it('skips beats while busy, queues one run after runNow, and stop waits for the run in flight', async () => {
    let running = 0
    let peak = 0
    let runs = 0
    let finished = 0
    const job = createJob('slow', async () => {
      runs++, running++, (peak = Math.max(peak, running))
      await sleep(120)
      running--, finished++
    }, 20, () => {})
    job.start()
    await sleep(300)
    expect(peak).toBe(1) // beats every 20 ms never stacked a second run
    expect(runs).toBeLessThan(5)
    const before = runs
    void job.runNow() // during a run: one more right after it
    void job.runNow() // …not two
    await sleep(10)
    await job.stop()
    expect(running).toBe(0)
    expect(finished).toBe(runs) // nothing left half-done
    expect(runs).toBeLessThanOrEqual(before + 2)
  })

  it('closing the app waits for a job in flight, and each job stops once', async () => {
    const t = await testApp()
    let done = false
    let starts = 0
    t.app.hub.schedule('slow-test-job', async () => {
      starts++
      await sleep(400)
      done = true
    }, 60_000)
    await t.app.ready()
    await sleep(50)
    expect(starts).toBe(1)
    await t.close()
    expect(done).toBe(true)
    expect(starts).toBe(1)
  })
})
