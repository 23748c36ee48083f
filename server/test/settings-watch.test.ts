import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEFAULT_CONFIG_FILE } from '@pulso/ingest/paths'
import { loadSettings, watchSettings, type PulsoFile, type SettingsDiff, type SettingsIssue, type SettingsWatcher } from '../src/settings/index.ts'

const shipped = readFileSync(DEFAULT_CONFIG_FILE, 'utf8')
const LOPEZ = '  - id: lopez\n    name: Ana López\n    group: debate\n    color: "#0072B2"\n    terms: ["Ana López", lopez]\n'

/** A config file in its own folder, and a recorder of what the watcher reports. */
function setup(opts: { fsWatch?: boolean } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulso-watch-'))
  const file = path.join(dir, 'pulso.yaml')
  writeFileSync(file, shipped)
  const changes: { next: PulsoFile; prev: PulsoFile; diff: SettingsDiff; at: number }[] = []
  const invalid: { issues: SettingsIssue[]; at: number }[] = []
  const logged: string[] = []
  const log = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (_e: unknown, m?: string) => logged.push(m ?? '') }
  const watcher = watchSettings(file, {
    initial: loadSettings(file),
    onChange: (next, prev, diff) => changes.push({ next, prev, diff, at: Date.now() }),
    onInvalid: (issues) => invalid.push({ issues, at: Date.now() }),
    log,
    pollMs: 500,
    ...opts,
  })
  cleanup.push(() => (watcher.close(), rmSync(dir, { recursive: true, force: true })))
  return { dir, file, watcher, changes, invalid, logged }
}
const cleanup: (() => void)[] = []
afterEach(() => cleanup.splice(0).forEach((f) => f()))

/** How editors save: write a temporary file beside it, then rename it over the old one. */
function saveLikeAnEditor(file: string, text: string) {
  const tmp = `${file}.swp`
  writeFileSync(tmp, text)
  renameSync(tmp, file)
}

async function within<T>(ms: number, probe: () => T | undefined): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const v = probe()
    if (v !== undefined) return v
    if (Date.now() > until) throw new Error(`nothing within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

const ids = (s: PulsoFile) => s.entities.map((e) => e.id)

describe('watchSettings', () => {
  it('applies a valid change, refuses an invalid one keeping the running settings, then applies the fix', async () => {
    const { file, watcher, changes, invalid, logged } = setup()

    // 1. An entity added mid-debate.
    let t0 = Date.now()
    saveLikeAnEditor(file, shipped.replace('  - id: ondanet', `${LOPEZ}  - id: ondanet`))
    const first = await within(5000, () => changes[0])
    expect(first.at - t0).toBeLessThan(2000)
    expect(first.diff.entities).toEqual({ added: ['lopez'], removed: [], changed: [] })
    expect(first.diff.summary).toBe('entities +lopez')
    expect(ids(first.prev)).not.toContain('lopez')
    expect(ids(watcher.current().settings)).toContain('lopez')
    expect(logged.at(-1)).toMatch(/config reloaded \(pulso\.yaml\): entities \+lopez/)

    // 2. A typo: refused with file:line, the running settings stay, the error is kept for /control.
    const typo = shipped.replace('  - id: ondanet', `${LOPEZ.replace('color', 'colour')}  - id: ondanet`)
    const line = typo.split('\n').findIndex((l) => l.startsWith('    colour:')) + 1
    saveLikeAnEditor(file, typo)
    const refused = await within(5000, () => invalid[0])
    expect(refused.issues.map((i) => `${i.line}:${i.col} ${i.path}`)).toContain(`${line}:5 entities[4].colour`)
    expect(changes).toHaveLength(1)
    expect(ids(watcher.current().settings)).toContain('lopez')
    expect(watcher.current().error?.message).toContain(`${file}:${line}:5: entities[4].colour: unknown field 'colour'`)
    expect(logged.at(-1)).toMatch(/config refused, the running settings stay/)

    // 3. Fixed differently (lopez removed, the queue tuned): applied, the error cleared.
    t0 = Date.now()
    saveLikeAnEditor(file, shipped + 'queue:\n  lookbackHours: 12\n')
    const fixed = await within(5000, () => changes[1])
    expect(fixed.at - t0).toBeLessThan(2000)
    expect(fixed.diff).toMatchObject({ entities: { added: [], removed: ['lopez'], changed: [] }, queue: true, empty: false })
    expect(fixed.next.queue.lookbackHours).toBe(12)
    expect(watcher.current()).toMatchObject({ settings: fixed.next, error: null })
  })

  it('notices a file rewritten in place, reports changed entities, and ignores saves that change nothing', async () => {
    const { file, changes, logged } = setup()
    writeFileSync(file, '# a comment only\n' + shipped)
    await new Promise((r) => setTimeout(r, 1200))
    expect(changes).toHaveLength(0)
    expect(logged).toEqual([])
    writeFileSync(file, shipped.replace('terms: [ondanet,', 'terms: [ondanet, "fibra caida",'))
    const c = await within(5000, () => changes[0])
    expect(c.diff.entities.changed).toEqual(['ondanet'])
    expect(c.next.entities.find((e) => e.id === 'ondanet')?.terms).toContain('fibra caida')
  })

  it('going back to the running settings after a refused change clears the error (onChange with an empty diff)', async () => {
    const { file, watcher, changes, invalid } = setup()
    writeFileSync(file, shipped + 'entitys: []\n')
    await within(5000, () => invalid[0])
    expect(watcher.current().error).not.toBeNull()
    writeFileSync(file, shipped)
    const c = await within(5000, () => changes[0])
    expect(c.diff).toMatchObject({ empty: true, summary: 'no change' })
    expect(watcher.current().error).toBeNull()
  })

  it('polls when fs.watch is unavailable: a change is still seen within 2 s', async () => {
    const { file, changes } = setup({ fsWatch: false })
    const t0 = Date.now()
    saveLikeAnEditor(file, shipped.replace('  - id: ondanet', `${LOPEZ}  - id: ondanet`))
    const c = await within(5000, () => changes[0])
    expect(c.at - t0).toBeLessThan(2000)
    expect(c.diff.entities.added).toEqual(['lopez'])
  })

  it('reports a deleted file once, keeps running, and recovers when it comes back', async () => {
    const { file, watcher, changes, invalid } = setup()
    rmSync(file)
    const gone = await within(5000, () => invalid[0])
    expect(gone.issues).toEqual([{ file, path: '', message: 'file not found' }])
    expect(ids(watcher.current().settings)).toHaveLength(5)
    saveLikeAnEditor(file, shipped)
    await within(5000, () => changes[0])
    expect(invalid).toHaveLength(1)
    expect(watcher.current().error).toBeNull()
  })

  it('survives a consumer that throws, and stops on close', async () => {
    const { file, watcher, logged, changes } = setup()
    const dir = path.dirname(file)
    const w2 = watchSettings(file, {
      onChange: () => {
        throw new Error('consumer bug')
      },
      onInvalid: () => {},
      log: { info: () => {}, warn: () => {}, error: (_e, m) => logged.push(m ?? '') },
    })
    saveLikeAnEditor(file, shipped.replace('  - id: ondanet', `${LOPEZ}  - id: ondanet`))
    await within(5000, () => changes[0])
    await within(5000, () => (logged.includes('config: onChange failed') ? true : undefined))
    expect(ids(w2.current().settings)).toContain('lopez')
    w2.close()
    watcher.close()
    writeFileSync(path.join(dir, 'pulso.yaml'), shipped)
    await new Promise((r) => setTimeout(r, 1200))
    expect(changes).toHaveLength(1)
  })
})
