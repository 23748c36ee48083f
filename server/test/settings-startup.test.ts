import { afterAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEFAULT_CONFIG_FILE, repoPath } from '@pulso/ingest/paths'
import { SettingsError } from '../src/settings/index.ts'
import { testApp } from './helpers.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'pulso-startup-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const shipped = readFileSync(DEFAULT_CONFIG_FILE, 'utf8')
const bad = path.join(dir, 'bad.yaml')
writeFileSync(bad, shipped + 'queu:\n  lookbackHours: 2\n')
const line = shipped.split('\n').length

describe('start-up with a bad config file', () => {
  it('buildApp refuses it with a SettingsError naming file:line:column', async () => {
    const err = await testApp({ configFile: bad }).then(
      (t) => (t.close(), null),
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(SettingsError)
    expect((err as Error).message).toBe(`${bad}:${line}:1: queu: unknown field 'queu'`)
  })

  it('a refused start leaves no store open: the next app in the same process opens its own', async () => {
    // chDB binds one data directory per process: a session left open by the refused app refuses this one.
    const t = await testApp()
    try {
      expect((await t.app.inject('/api/health')).statusCode).toBe(200)
    } finally {
      await t.close()
    }
  })

  it('the server prints the problems, not a stack trace, and exits 1', () => {
    const data = mkdtempSync(path.join(dir, 'data-'))
    const r = spawnSync(process.execPath, ['--import', 'tsx', repoPath('server/src/main.ts')], {
      env: { ...process.env, PULSO_CONFIG: bad, DATA_DIR: data, PORT: '0', NLP_WORKERS: '0', LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(r.status).toBe(1)
    expect(r.stderr.trim()).toBe(`pulso: the config file was refused, not starting:\n${bad}:${line}:1: queu: unknown field 'queu'`)
  })
})
