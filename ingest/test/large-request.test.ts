import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG_FILE } from '../src/paths.ts'
import { loadEntities } from '../src/entities.ts'
import { createIngest, type Ingest } from '../src/front-door.ts'
import { MAX_LINES, TooManyLinesError, countLines, parseJsonBody, parseNdjson } from '../src/parse.ts'
import { MAX_REJECTED } from '../src/steps.ts'
import { post, testStore } from './store.ts'

/**
 * The longest the event loop was held while `run` goes on: the longest gap between 2 ms timer callbacks, counted
 * only as far as this process used CPU in it. On a busy shared machine the process is also descheduled; a gap it
 * spent not running at all is not a stall of its own making.
 */
async function longestStall<T>(run: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  const cpuMs = () => {
    const u = process.cpuUsage()
    return (u.user + u.system) / 1000
  }
  let last = performance.now()
  let lastCpu = cpuMs()
  let stallMs = 0
  const sample = () => {
    const now = performance.now()
    const cpu = cpuMs()
    stallMs = Math.max(stallMs, Math.min(now - last, cpu - lastCpu))
    last = now
    lastCpu = cpu
  }
  const timer = setInterval(sample, 2)
  try {
    const result = await run()
    sample()
    return { result, stallMs }
  } finally {
    clearInterval(timer)
  }
}

describe('a request of many lines', () => {
  let store: Awaited<ReturnType<typeof testStore>>
  let pipeline: Ingest
  beforeAll(async () => {
    store = await testStore()
    // The in-thread analyser (nlpWorkers 0): the heaviest case for the main thread.
    const entities = loadEntities(DEFAULT_CONFIG_FILE)
    pipeline = createIngest({ maxTextChars: 20_000, batchMaxRows: 10_000, flushMs: 50, nlpWorkers: 0, entities }, store.client)
  })
  afterAll(async () => {
    await pipeline.close()
    await store.close()
  })

  it('is refused past the line limit before any line is parsed, with the limit in the error', () => {
    const body = Buffer.from('{}\n'.repeat(500_000))
    const t0 = performance.now()
    let err: unknown
    try {
      parseNdjson(body)
    } catch (e) {
      err = e
    }
    expect(performance.now() - t0).toBeLessThan(100)
    expect(err).toBeInstanceOf(TooManyLinesError)
    expect(err).toMatchObject({ limit: MAX_LINES, statusCode: 413 })
    expect((err as Error).message).toContain(String(MAX_LINES))
    expect(countLines(body)).toBe(500_000)
    expect(countLines(body, 10)).toBe(11) // stops once past the bound
    expect(countLines('a\nb')).toBe(2)
    expect(countLines('')).toBe(0)
    // exactly the limit passes; one more does not; a JSON array is held to the same limit
    expect([...parseNdjson('{}\n'.repeat(10), { maxLines: 10 })]).toHaveLength(10)
    expect(() => parseNdjson('{}\n'.repeat(11), { maxLines: 10 })).toThrow(TooManyLinesError)
    expect(() => parseJsonBody(new Array(11).fill({}), { maxLines: 10 })).toThrow(TooManyLinesError)
    expect(MAX_LINES).toBe(100_000)
  })

  it('parses lazily but line by line as before: a bad line, bad UTF-8 or blank line costs only itself', () => {
    const body = Buffer.concat([Buffer.from('{"a":1}\n\n  \nnope\n'), Buffer.from([0xff, 0x0a]), Buffer.from('[2]')])
    const items = parseNdjson(body)
    const expected = [
      { line: 1, value: { a: 1 } },
      { line: 4, error: expect.stringMatching(/^invalid JSON/) },
      { line: 5, error: 'invalid UTF-8: the line is not valid UTF-8 text' },
      { line: 6, value: [2] },
    ]
    expect([...items]).toEqual(expected)
    expect([...items]).toEqual(expected) // iterable again
    expect([...parseNdjson('{"b":2}\r\n')]).toEqual([{ line: 1, value: { b: 2 } }])
  })

  it('keeps the event loop turning while 200,000 lines are checked, and answers small', async () => {
    const good = Array.from({ length: 500 }, (_, i) => JSON.stringify(post({ id: `big-${i}` })))
    const body = Buffer.from('{}\n'.repeat(199_000) + 'not json\n' + good.join('\n'))
    const { result, stallMs } = await longestStall(() => pipeline.process(parseNdjson(body, { maxLines: 200_000 })))
    expect(result.accepted).toBe(500)
    expect(result.rejectedCount).toBe(199_001)
    expect(result.rejected).toHaveLength(MAX_REJECTED)
    expect(result.rejected[0]).toMatchObject({ line: 1, error: expect.stringMatching(/^id: required/) })
    expect(result.rejected.at(-1)!.line).toBe(MAX_REJECTED)
    expect(JSON.stringify(result).length).toBeLessThan(20_000)
    expect(await store.count("id LIKE 'big-%'")).toBe(500)
    // Timers kept their cadence: the loop was never held much longer than one ~10 ms slice (slack for GC and a busy CI).
    expect(stallMs).toBeLessThan(100)
  })

  it('still lists the first rejected lines by number when later steps reject earlier lines', async () => {
    const lines = [JSON.stringify({ ...post(), bad: 1 }), ...Array.from({ length: 300 }, () => '[]'), JSON.stringify(post())]
    const r = await pipeline.process(parseNdjson(lines.join('\n')))
    expect(r).toMatchObject({ accepted: 1, rejectedCount: 301 })
    expect(r.rejected.map((x) => x.line)).toEqual(Array.from({ length: MAX_REJECTED }, (_, i) => i + 1))
    expect(r.rejected[0].error).toMatch(/unknown field 'bad'/)
    expect(r.rejected[1].error).toMatch(/must be a JSON object/)
  })
})
