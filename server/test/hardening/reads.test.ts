import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import { BusyError, createReadGate } from '../../src/store/gate.ts'
import { testApp } from '../helpers.ts'

describe('the read gate', () => {
  it('answers the same question asked together once, bounds concurrency, and refuses past its queue', async () => {
    const gate = createReadGate({ concurrency: 2, maxWaiting: 3, ttlMs: 1000, maxEntries: 10 }, { query: async () => null })
    let calls = 0
    let running = 0
    let peak = 0
    const slow = async () => {
      calls++, running++, (peak = Math.max(peak, running))
      await new Promise((r) => setTimeout(r, 50))
      running--
      return calls
    }
    const same = await Promise.all(Array.from({ length: 50 }, () => gate.run('k', slow)))
    expect(calls).toBe(1)
    expect(new Set(same).size).toBe(1)
    const mixed = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => gate.run(`k${i}`, slow)))
    expect(peak).toBe(2)
    expect(mixed.filter((r) => r.status === 'fulfilled')).toHaveLength(5) // 2 running + 3 waiting
    expect(mixed.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof BusyError)).toBe(true)
    // A failure is not cached.
    await expect(gate.run('bad', async () => Promise.reject(new Error('x')))).rejects.toThrow('x')
    expect(await gate.run('bad', async () => 'fine')).toBe('fine')
  })
})

/** Issue 13 #4: eight clients looping /api/feed moved the tick's p50 from 20 ms to 2.8 s. */
describe('a feed flood does not starve the tick', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    t = await testApp({ tickMs: 250 })
    // 90k posts over the last hour, written straight into the store (the feed's hour of rising terms reads them all).
    await t.app.store.client.command({
      query: `INSERT INTO posts (id, source, created_at, received_at, lang, author_id, text, entities, sentiment_label)
              SELECT toString(number), 'flood', now64(3) - toIntervalMillisecond(number * 40), now64(3), 'es', toString(number % 5000),
                     concat('Elena Ruiz habla de pensiones y vivienda ', toString(number % 997), ' #Debate palabra', toString(number % 300)),
                     ['ruiz'], 'neutral'
              FROM numbers(90000)`,
    })
    await t.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(() => t.close())

  it('keeps the tick’s cadence while 8 clients loop the feed at changing times', async () => {
    const url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
    const wall = connect(url, { transports: ['websocket'] })
    const arrivals: number[] = []
    wall.on('tick', () => arrivals.push(Date.now()))
    await new Promise((r) => wall.once('tick', r))
    const until = Date.now() + 6000
    let answered = 0
    let busy = 0
    const loop = async (k: number) => {
      for (let i = 0; Date.now() < until; i++) {
        const at = Date.now() - (k * 37 + i) * 1000 // a new `at` every call: no two the same
        const r = await fetch(`${url}/api/feed?at=${at}`)
        if (r.status === 200) answered++
        else if (r.status === 503) busy++, await new Promise((res) => setTimeout(res, 100))
        else throw new Error(`feed answered ${r.status}`)
      }
    }
    await Promise.all(Array.from({ length: 8 }, (_, k) => loop(k)))
    wall.close()
    const gaps = arrivals.slice(1).map((a, i) => a - arrivals[i]).sort((a, b) => a - b)
    const p99 = gaps[Math.floor(gaps.length * 0.99)] ?? Infinity
    console.log(`feed flood: ${answered} answered, ${busy} refused busy; ${arrivals.length} ticks, gap p50 ${gaps[Math.floor(gaps.length / 2)]} ms, p99 ${p99} ms`)
    expect(answered).toBeGreaterThan(0)
    // Before the gate: p50 2.8 s. The 1.5 s p99 target is measured by `npm run attack` on a quiet machine; here, with
    // whatever else the machine runs, a margin keeps the test about the regression, not about the machine.
    expect(gaps[Math.floor(gaps.length / 2)]).toBeLessThan(1000)
    expect(p99).toBeLessThan(2500)
  })
})
