import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rng } from '@pulso/ingest'
import { post, queryRows, testApp } from './helpers.ts'

const INJECTIONS = ["'; DROP TABLE posts; --", '<script>alert(1)</script>', '" OR 1=1 --', '{x:String}', '\\\'); SELECT * FROM system.users; --', '<img src=x onerror=alert(1)>', '${process.exit()}', '\u0000\u202e']
const BODY_LIMIT = 64 * 1024

type Req = { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: string | Buffer | object }

/** One bad request of a random kind: every one must get a 4xx that says what is wrong. */
function badRequest(r: () => number, i: number): Req {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]
  const inj = pick(INJECTIONS)
  const nd = { 'content-type': 'application/x-ndjson' }
  const valid = JSON.stringify(post({ id: `fz-bad-${i}` }))
  switch (Math.floor(r() * 9)) {
    case 0: // malformed JSON: a valid post cut short
      return { method: 'POST', url: '/api/ingest', headers: nd, payload: valid.slice(0, Math.floor(r() * (valid.length - 1))) }
    case 1: { // wrong types in a random field
      const p: Record<string, unknown> = JSON.parse(valid)
      const field = pick(['id', 'source', 'createdAt', 'text', 'author', 'metrics', 'lang'])
      p[field] = pick([42, true, null, [], { a: inj }, -1.5])
      return { method: 'POST', url: '/api/ingest', payload: [p] }
    }
    case 2: { // invalid UTF-8 bytes inside a line
      const b = Buffer.from(valid)
      const at = Math.floor(r() * b.length)
      return { method: 'POST', url: '/api/ingest', headers: nd, payload: Buffer.concat([b.subarray(0, at), Buffer.from([pick([0xc3, 0xff, 0xed, 0x80])]), Buffer.from([0x28]), b.subarray(at)]) }
    }
    case 3: // a body over the limit
      return { method: 'POST', url: '/api/ingest', headers: nd, payload: Buffer.alloc(BODY_LIMIT + 1 + Math.floor(r() * 1000), 0x61) }
    case 4: // injection in an entity name, a time, a step
      return { method: 'GET', url: `/api/series?entity=${encodeURIComponent(inj)}&step=${pick(['60', '-1', 'x', '0'])}` }
    case 5: // injection in an id, with unknown fields
      return { method: 'POST', url: '/api/ingest', payload: [{ ...JSON.parse(valid), [inj.slice(0, 10)]: inj }] }
    case 6: // wrong media type
      return { method: 'POST', url: '/api/ingest', headers: { 'content-type': pick(['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) }, payload: valid }
    case 7: // actions on alerts that do not exist, or with bad bodies
      return { method: 'POST', url: `/api/alerts/${encodeURIComponent(inj)}/status`, payload: pick([{ status: 'acknowledged' }, { status: inj }, { nope: 1 }]) }
    default: // an array of garbage
      return { method: 'POST', url: '/api/ingest', payload: [pick([1, 'x', null, [inj]])] }
  }
}

describe('fuzz: 10,000 bad requests', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    t = await testApp({ bodyLimitBytes: BODY_LIMIT, rateLimitPerMinute: 1_000_000, flushMs: 1 })
  })
  afterAll(() => t.close())

  it('answers each with a clear 4xx, stays up, and stores every good post sent alongside, verbatim', async () => {
    const r = rng(20261123)
    const good: { id: string; text: string }[] = []
    const answers: Promise<number>[] = []
    const unclear: string[] = []
    for (let i = 0; i < 10_000; i++) {
      const req = badRequest(r, i)
      const res = await t.app.inject(req)
      const body = res.json() as { error?: string; message?: string }
      const message = body.error ?? body.message ?? ''
      if (res.statusCode < 400 || res.statusCode >= 500 || message.length < 8) unclear.push(`${req.method} ${req.url} → ${res.statusCode} ${res.body.slice(0, 120)}`)
      if (i % 50 === 0) {
        // Good posts alongside, with hostile text that must be stored as text. Each is answered once stored (0.3–2 s
        // here, most of the file's time when awaited in turn): the bad requests go on meanwhile, as on a live server.
        const p = post({ id: `fz-good-${i}`, text: `Elena Ruiz ${INJECTIONS[i % INJECTIONS.length]}` })
        answers.push(t.app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': 'application/x-ndjson' }, payload: `${JSON.stringify(p)}\n{broken\n` }).then((ok) => ok.statusCode))
        good.push({ id: p.id, text: p.text })
      }
    }
    expect(await Promise.all(answers)).toEqual(good.map(() => 202))
    expect(unclear.slice(0, 5)).toEqual([])
    const stored = await queryRows<{ id: string; text: string }>(t.app, `SELECT id, text FROM posts WHERE id LIKE 'fz-good-%' ORDER BY id`)
    expect(stored).toEqual([...good].sort((a, b) => a.id.localeCompare(b.id)))
    const [{ n }] = await queryRows<{ n: string }>(t.app, `SELECT count() AS n FROM posts WHERE id LIKE 'fz-bad-%'`)
    expect(Number(n)).toBe(0)
    expect((await t.app.inject('/api/health')).json().status).toBe('ok')
  }, 240_000)
})
