import { afterAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEFAULT_CONFIG_FILE, REPO_ROOT } from '@pulso/ingest/paths'

const dir = mkdtempSync(path.join(tmpdir(), 'pulso-check-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const shipped = readFileSync(DEFAULT_CONFIG_FILE, 'utf8')

/** `npm run --silent config:check [file]` as a user types it, from `cwd`. */
function check(args: string[], cwd = REPO_ROOT, env: Record<string, string> = {}) {
  const { PULSO_CONFIG: _ignored, ...base } = process.env
  const r = spawnSync('npm', ['run', '--silent', 'config:check', ...args], { cwd, encoding: 'utf8', env: { ...base, ...env }, timeout: 60_000 })
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() }
}

describe('npm run config:check', () => {
  it('validates the shipped file without starting anything', () => {
    expect(check([])).toEqual({ code: 0, out: 'ok: 5 entities in 2 boards, 0 sources', err: '' })
  })

  it('exits non-zero on a bad file, printing each problem with file:line:column and no stack trace', () => {
    const bad = path.join(dir, 'bad.yaml')
    writeFileSync(bad, shipped.replace('    color: "#CC79A7"', '    colour: "#CC79A7"') + 'sourcez: []\n')
    const line = shipped.split('\n').findIndex((l) => l.includes('#CC79A7')) + 1
    const r = check([bad])
    expect(r.code).toBe(1)
    expect(r.out).toBe('')
    expect(r.err.split('\n')).toEqual([
      `${bad}:${line - 3}:5: entities[3].color: required`,
      `${bad}:${line}:5: entities[3].colour: unknown field 'colour'`,
      `${bad}:${shipped.split('\n').length}:1: sourcez: unknown field 'sourcez'`,
      '3 problems: the file was not accepted',
    ])
    expect(r.err).not.toMatch(/\n\s+at /)
  })

  it('takes a path relative to where it is typed, and PULSO_CONFIG as the default', () => {
    const good = path.join(dir, 'good.yaml')
    writeFileSync(good, shipped + 'sources:\n  - kind: demo\n')
    // npm runs the script at the repo root; the argument is still read from the folder the user is in.
    const sub = path.join(REPO_ROOT, 'config')
    expect(check([path.relative(sub, good)], sub)).toMatchObject({ code: 0, out: 'ok: 5 entities in 2 boards, 1 source' })
    expect(check([], REPO_ROOT, { PULSO_CONFIG: good })).toMatchObject({ code: 0, out: 'ok: 5 entities in 2 boards, 1 source' })
    expect(check(['missing.yaml'], sub)).toMatchObject({ code: 1, err: `config/missing.yaml: file not found\n1 problem: the file was not accepted` })
  })
})
