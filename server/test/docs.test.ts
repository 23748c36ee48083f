import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from './helpers.ts'

interface Op {
  responses: Record<string, unknown>
  parameters?: { in: string }[]
  requestBody?: unknown
}

/**
 * `METHOD /path/{param}` for every API route fastify really serves, read from its own route tree
 * (`printRoutes`: one segment per line, nested by indentation), HEAD left out.
 */
function servedRoutes(tree: string): Set<string> {
  const out = new Set<string>()
  const stack: string[] = []
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line)
    if (!m) continue
    const depth = m[1].length / 4
    stack[depth] = (depth ? stack[depth - 1] : '') + m[2]
    stack.length = depth + 1
    const path = stack[depth].replace(/:(\w+)/g, '{$1}')
    if (!m[3] || !(path.startsWith('/api/') || path === '/metrics')) continue
    for (const method of m[3].split(', ')) if (method !== 'HEAD') out.add(`${method} ${path}`)
  }
  return out
}

describe('the OpenAPI document at /openapi.json', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    t = await testApp()
    await t.app.ready()
  })
  afterAll(() => t.close())

  it('documents exactly the API routes the server serves, each with its errors', async () => {
    const doc = (await t.app.inject('/openapi.json')).json<{ paths: Record<string, Record<string, Op>> }>()
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)))
    const served = servedRoutes(t.app.printRoutes({ commonPrefix: false }))
    expect(served.size).toBeGreaterThan(10)
    expect([...served].filter((r) => !documented.has(r)), 'served but not documented').toEqual([])
    expect([...documented].filter((r) => !served.has(r)), 'documented but not served').toEqual([])
    // Every route that reads a query or a body says how it answers bad input.
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops))
        if (op.requestBody || op.parameters?.some((x) => x.in === 'query')) expect(Object.keys(op.responses).some((c) => c.startsWith('4')), `${m} ${p}`).toBe(true)
  })
})
