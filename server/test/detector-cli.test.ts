import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const SERVER = resolve(import.meta.dirname, '..')
const dir = mkdtempSync(join(tmpdir(), 'pulso-detect-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the CLI exactly as `npm run --silent detect -- <file>` does (cwd = server workspace). */
function detect(rows: [string, number][]): Record<string, unknown>[] {
  const file = join(dir, `s${rows.length}.csv`)
  writeFileSync(file, ['timestamp,value', ...rows.map(([t, v]) => `${t},${v}`)].join('\n') + '\n')
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/alerts/cli.ts', file], { cwd: SERVER, encoding: 'utf8' })
  return out.split('\n').filter(Boolean).map((l) => JSON.parse(l))
}

// 5-minute buckets around 40 posts with a mild daily-like wobble, and two surges.
const rows: [string, number][] = Array.from({ length: 400 }, (_, i) => {
  const t = new Date(Date.UTC(2015, 2, 1) + i * 300_000).toISOString().slice(0, 19).replace('T', ' ')
  const v = Math.round(40 + 8 * Math.sin(i / 20) + ((i * 7919) % 11) - 5)
  return [t, i === 150 ? 900 : i >= 300 && i < 306 ? 260 : v]
})

describe('detect CLI', () => {
  let full: Record<string, unknown>[] = []

  it('prints one NDJSON alert per surge with timestamp, severity, value and expected', () => {
    const alerts = (full = detect(rows))
    // Both surges are jumps of more than threshold × instantFactor (2 since issue 18): each fires on its first row.
    expect(alerts.map((a) => a.timestamp)).toEqual([rows[150][0], rows[300][0]])
    expect(Object.keys(alerts[0]).sort()).toEqual(['expected', 'severity', 'timestamp', 'value'])
    expect(alerts[0]).toMatchObject({ value: 900 })
    expect(alerts[0].severity).toBeGreaterThanOrEqual(4)
    expect(Math.abs((alerts[0].expected as number) - 40)).toBeLessThan(10)
  })

  it('is online: the alerts up to row k do not depend on rows after k', () => {
    const prefix = detect(rows.slice(0, 302))
    expect(prefix).toEqual(full.filter((a) => (a.timestamp as string) <= rows[301][0]))
  })
})
