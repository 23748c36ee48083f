// The server serves the wall's files per request so a rebuilt wall needs no restart (routes/web.ts), but the CSP's
// hashes of index.html's inline bootstrap script were computed once at start: after `npm run build` beside a running
// server, the browser blocked the new bootstrap and the wall stayed blank (seen on the demo, and as two wall-truth
// failures while a web build ran). The hashes now follow the file.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { suiteApp } from './helpers.ts'

const webDir = mkdtempSync(path.join(tmpdir(), 'pulso-web-'))
const page = (script: string) => `<!doctype html><html><head><script>${script}</script></head><body></body></html>`
const hash = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`
writeFileSync(path.join(webDir, 'index.html'), page('start("first build")'))

describe('CSP after the wall is rebuilt under a running server', () => {
  const t = suiteApp({ webDir })
  afterAll(() => rmSync(webDir, { recursive: true, force: true }))
  const csp = async () => String((await t.app.inject({ url: '/' })).headers['content-security-policy'])

  it("allows the served index.html's inline script, before and after a rebuild", async () => {
    expect(await csp()).toContain(hash('start("first build")'))
    writeFileSync(path.join(webDir, 'index.html'), page('start("second build")'))
    const later = new Date(Date.now() + 5000)
    utimesSync(path.join(webDir, 'index.html'), later, later) // a new mtime even on a coarse-clock file system
    const after = await csp()
    expect(after).toContain(hash('start("second build")'))
    expect(after).not.toContain(hash('start("first build")'))
    // API answers carry the same policy.
    expect(String((await t.app.inject({ url: '/api/health' })).headers['content-security-policy'])).toContain(hash('start("second build")'))
  })
})
