import { gzipSync } from 'node:zlib'
import { connect as tcp } from 'node:net'
import { spawnSync } from 'node:child_process'
import { repoPath } from '@pulso/ingest/paths'
import { describe, expect, it } from 'vitest'
import { exposureProblem } from '../../src/config.ts'
import { ndjson, post, queryRows, suiteApp } from '../helpers.ts'

/** Issue 13 #5 and #8: times, store errors, encodings, slow senders, and where an open server listens. */
describe('hostile inputs get a clear 4xx, never a 500 or the store’s text', () => {
  const t = suiteApp({ requestTimeoutMs: 1000 })

  it('bounds every time input: pre-1970, pre-2000 and far-future times are 400s that say the range', async () => {
    for (const url of ['/api/series?from=1960-01-01T00:00:00Z', '/api/replay?t=1960-01-01T00:00:00Z', '/api/feed?at=9999-01-01T00:00:00Z', '/api/series?to=1700000000']) {
      const r = await t.app.inject(url)
      expect(r.statusCode, url).toBe(400)
      expect(r.json().error, url).toMatch(/2000-01-01|epoch milliseconds/)
    }
    const future = await t.app.inject({ method: 'POST', url: '/api/moments', payload: { label: 'x', at: Date.UTC(9999, 0, 1) } })
    expect(future.statusCode).toBe(400)
    expect(future.json().error).toMatch(/one day from now/)
  })

  it('answers a store failure with a 500 that names no table, query or path', async () => {
    const real = t.app.store.client.query.bind(t.app.store.client)
    t.app.store.client.query = (async () => {
      throw new Error('Code: 62. DB::Exception: Syntax error: failed at position 1 (SELECT) in /srv/pulso/data/store/posts')
    }) as typeof real
    try {
      const r = await t.app.inject('/api/series?entity=ruiz')
      expect(r.statusCode).toBe(500)
      expect(r.body).not.toMatch(/DB::Exception|posts|\/srv/)
      expect(r.json().error).toMatch(/internal error/)
    } finally {
      t.app.store.client.query = real
    }
  })

  it('accepts a gzip body, refuses one that inflates past the body limit, and names an unknown encoding', async () => {
    const body = ndjson([post({ id: 'gz-1' }), post({ id: 'gz-2' })])
    const ok = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' }, payload: gzipSync(body) })
    expect(ok.statusCode, ok.body).toBe(202)
    expect(ok.json().accepted).toBe(2)
    expect(await queryRows(t.app, `SELECT id FROM posts WHERE id IN ('gz-1', 'gz-2') ORDER BY id`)).toEqual([{ id: 'gz-1' }, { id: 'gz-2' }])
    const bomb = gzipSync(Buffer.alloc(t.app.config.bodyLimitBytes + 1024, 0x20)) // ~16 KB that inflates past 16 MB
    const big = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' }, payload: bomb })
    expect(big.statusCode).toBe(413)
    const corrupt = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' }, payload: Buffer.from('not gzip at all') })
    expect(corrupt.statusCode).toBe(400)
    expect(corrupt.json().error).toMatch(/gzip/)
    const br = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'br' }, payload: body })
    expect(br.statusCode).toBe(415)
    expect(br.json().error).toMatch(/content-encoding br/)
  })

  it('cuts off a client that sends its request too slowly (slowloris)', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const port = (t.app.server.address() as { port: number }).port
    const s = tcp(port, '127.0.0.1')
    s.on('error', () => {}) // the server hangs up mid-write: that is the point
    await new Promise((r) => s.once('connect', r))
    s.write('POST /api/ingest HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{')
    const started = Date.now()
    const drip = setInterval(() => s.writable && s.write(' '), 200)
    await new Promise((r) => s.once('close', r))
    clearInterval(drip)
    expect(Date.now() - started).toBeLessThan(5000)
  })
})

describe('where an open server listens', () => {
  it('binds to loopback by default without tokens, and refuses other interfaces unless told to', () => {
    expect(exposureProblem({ host: '127.0.0.1', adminToken: undefined, viewerToken: undefined, insecureOpenNetwork: false })).toBeNull()
    expect(exposureProblem({ host: '0.0.0.0', adminToken: 'a', viewerToken: undefined, insecureOpenNetwork: false })).toBeNull()
    expect(exposureProblem({ host: '0.0.0.0', adminToken: undefined, viewerToken: undefined, insecureOpenNetwork: true })).toBeNull()
    expect(exposureProblem({ host: '0.0.0.0', adminToken: undefined, viewerToken: undefined, insecureOpenNetwork: false })).toMatch(/ADMIN_TOKEN/)
  })

  it('exits at start with the reason when asked to listen on 0.0.0.0 without tokens', () => {
    const main = repoPath('server/src/main.ts')
    const env = { ...process.env, HOST: '0.0.0.0', ADMIN_TOKEN: '', VIEWER_TOKEN: '', INSECURE_OPEN_NETWORK: '' }
    const r = spawnSync(process.execPath, ['--import', 'tsx', main], { env, encoding: 'utf8', timeout: 30_000 })
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/refusing to listen on 0\.0\.0\.0/)
  })
})
