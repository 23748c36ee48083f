// Every API route, hostile input: the route list is read from the OpenAPI document (docs.test.ts holds it equal to the
// routes fastify serves), so a route added tomorrow is fuzzed too without touching this file. Each request is sent as
// admin, so it reaches the route's own validation instead of stopping at the token check. Every answer must be a 2xx
// or a 4xx whose JSON says what is wrong — never a 5xx, a hang or a crash — and the server must still store good posts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InjectOptions } from 'fastify'
import { rng } from '@pulso/ingest'
import { post, queryRows, testApp } from '../helpers.ts'

const ADMIN = 'admin-secret-0123456789'
const STRINGS = [
  '', ' ', '-1', '0', '1e309', 'NaN', 'Infinity', '9'.repeat(400), 'x'.repeat(5000), '__proto__', 'constructor', 'toString',
  "'; DROP TABLE posts; --", '{x:String}', '<script>alert(1)</script>', '\u0000', '\u202e\ud800', '../../etc/passwd', '2026-13-45T99:99:99Z',
  'true', 'null', '[]', '{}', 'ruiz', 'all', 'csv', '%', '%%32%35',
]
// Bodies as sent (a 5,000-deep object is written as text: JSON.stringify itself would overflow the stack on it).
const BODIES: string[] = [
  null, 42, 'x', true, [], {}, [null], [[[]]], { __proto__: { admin: true } }, JSON.parse('{"__proto__":{"admin":true}}'),
  { constructor: { prototype: { admin: true } } }, { id: {} }, { status: [] }, { action: 'x'.repeat(100_000) },
  Array.from({ length: 5000 }, (_, i) => i),
].map((b) => JSON.stringify(b))
BODIES.push('{"a":'.repeat(5000) + '1' + '}'.repeat(5000), '[{"id":'.repeat(3000), '{"a":1,"a":2}')

/** A bare HTTP status phrase says nothing about what was wrong. */
const GENERIC = /^(bad request|forbidden|not found|unauthorized|internal server error|payload too large|unsupported media type|uri too long)$/i

type Op = { parameters?: { in: string; name: string }[]; requestBody?: unknown }
type Req = { method: string; url: string; headers: Record<string, string>; payload?: string }

function request(r: () => number, method: string, path: string, op: Op | undefined): Req {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
  // Path params: encoded hostile strings, or raw bytes no decoder accepts (a lone surrogate's UTF-8, a cut escape).
  const param = () => (r() < 0.2 ? pick(['%ED%A0%80', '%E0%A4%A', '%zz', '%00']) : encodeURIComponent(pick(STRINGS).replace(/[\ud800-\udfff]/g, '')) || 'x')
  const url = path.replace(/\{\w+\}/g, param)
  const query = new URLSearchParams()
  for (const p of op?.parameters ?? []) if (p.in === 'query' && r() < 0.7) query.append(p.name, pick(STRINGS))
  if (r() < 0.3) query.append(pick(['nope', '__proto__', 'a[b]', 'entity', 'from']), pick(STRINGS)) // unknown or repeated
  const qs = query.toString()
  const headers: Record<string, string> = { authorization: `Bearer ${ADMIN}` }
  if (method === 'GET' || method === 'DELETE') return { method, url: qs ? `${url}?${qs}` : url, headers }
  headers['content-type'] = pick(['application/json', 'application/json', 'text/plain', 'application/x-ndjson'])
  const body = r() < 0.15 ? pick(STRINGS) : pick(BODIES)
  return { method, url: qs ? `${url}?${qs}` : url, headers, payload: body }
}

describe('fuzz: every API route with hostile params, queries and bodies', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    t = await testApp({ adminToken: ADMIN, rateLimitPerMinute: 1_000_000, flushMs: 5 })
    await t.app.ready()
  })
  afterAll(() => t.close())

  it('answers each with a 2xx or a clear 4xx, and still stores a good post afterwards', async () => {
    const doc = (await t.app.inject('/openapi.json')).json<{ paths: Record<string, Record<string, Op>> }>()
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path: p, op: ops[m] })))
    expect(routes.length).toBeGreaterThan(25)
    // Methods a route does not serve must be refused cleanly too.
    for (const path of new Set(routes.map((x) => x.path))) for (const method of ['PUT', 'PATCH']) routes.push({ method, path, op: {} })
    const r = rng(20261201)
    const unclear: string[] = []
    const perRoute = new Map<string, Set<number>>()
    for (let i = 0; i < 40; i++) {
      for (const route of routes) {
        const req = request(r, route.method, route.path, route.op)
        const res = await t.app.inject(req as InjectOptions)
        const key = `${route.method} ${route.path}`
        perRoute.set(key, (perRoute.get(key) ?? new Set()).add(res.statusCode))
        let message = ''
        try {
          const body = res.json() as { error?: unknown; message?: unknown }
          message = String(body.error ?? '')
        } catch {}
        const refused = res.statusCode >= 400
        if (res.statusCode >= 500 || (refused && (message.length < 8 || GENERIC.test(message)))) unclear.push(`${req.method} ${req.url.slice(0, 120)} ${String(req.payload ?? '').slice(0, 60)} → ${res.statusCode} ${res.body.slice(0, 160)}`)
      }
    }
    expect(unclear.slice(0, 8), `${unclear.length} unclear answers`).toEqual([])
    // The fuzz really reached the routes' own checks: most answered 400 (their schemas) to something.
    const with400 = [...perRoute.values()].filter((s) => s.has(400)).length
    expect(with400).toBeGreaterThan(perRoute.size / 3)
    expect((await t.app.inject('/api/health')).json().status).toBe('ok')
    const good = post({ id: 'rf-good', text: 'Elena Ruiz, gracias por la respuesta' })
    const res = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: { authorization: `Bearer ${ADMIN}` }, payload: [good] })
    expect(res.statusCode).toBe(202)
    expect(await queryRows(t.app, `SELECT id FROM posts WHERE id = 'rf-good'`)).toEqual([{ id: 'rf-good' }])
  }, 300_000)
})
