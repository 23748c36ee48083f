import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEFAULT_CONFIG_FILE } from '@pulso/ingest/paths'
import { DEFAULT_SETTINGS } from '../src/queue/settings.ts'
import { formatIssue, loadSettings, parseSettings, readSettings, SettingsError } from '../src/settings/index.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'pulso-settings-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const shipped = readFileSync(DEFAULT_CONFIG_FILE, 'utf8')
const write = (name: string, text: string) => {
  const f = path.join(dir, name)
  writeFileSync(f, text)
  return f
}
/** The problems of a file, formatted as the user sees them. */
const problems = (file: string, env = {}) => {
  const r = readSettings(file, env)
  return r.ok ? [] : r.issues.map(formatIssue)
}
const ENTITY = 'entities:\n  - id: a\n    name: A\n    group: g\n    color: "#000000"\n    terms: [a]\n'

describe('one strict schema for config/pulso.yaml', () => {
  it('reads the shipped file into typed settings: entities, no sources, the default queue', () => {
    const s = loadSettings(DEFAULT_CONFIG_FILE)
    expect(s.file).toBe(DEFAULT_CONFIG_FILE)
    expect(s.entities.map((e) => e.id)).toEqual(['ruiz', 'vidal', 'soto', 'molina', 'ondanet'])
    expect(s.sources).toEqual([])
    expect(s.queue).toEqual(DEFAULT_SETTINGS)
  })

  // Regression: a misspelt section used to be ignored silently (the queue ran on defaults, nobody knew).
  it('refuses a misspelt top-level section, naming file:line:column', () => {
    const f = write('top.yaml', shipped + 'queu:\n  lookbackHours: 2\n')
    const line = shipped.split('\n').length
    expect(problems(f)).toEqual([`${f}:${line}:1: queu: unknown field 'queu'`])
  })

  it('refuses unknown fields at every level, each at its own line', () => {
    const colour = write('colour.yaml', shipped.replace('    color: "#009E73"', '    colour: "#009E73"'))
    const line = shipped.split('\n').findIndex((l) => l.includes('#009E73')) + 1
    expect(problems(colour)).toContain(`${colour}:${line}:5: entities[2].colour: unknown field 'colour'`)
    const nested = write('nested.yaml', `${ENTITY}queue:\n  weights:\n    nature: 0.5\n    price: 1\nsources:\n  - kind: bluesky\n    filtr: false\n`)
    expect(problems(nested)).toEqual([`${nested}:10:5: queue.weights.price: unknown field 'price'`, `${nested}:13:5: sources[0].filtr: unknown field 'filtr'`])
  })

  it('places a wrong value at the value, and a missing field at its entry', () => {
    const f = write('values.yaml', 'entities:\n  - id: "Bad Id"\n    name: A\n    group: g\n    color: red\n    terms: [a]\n  - id: b\n    group: g\n    color: "#000000"\n    terms: [b]\n')
    expect(problems(f)).toEqual([
      `${f}:2:9: entities[0].id: lowercase letters, digits, - and _ only (max 64)`,
      `${f}:5:12: entities[0].color: a #rrggbb colour`,
      `${f}:7:5: entities[1].name: required`,
    ])
  })

  it('refuses an out-of-range case similarity, and reads a valid one', () => {
    const bad = write('cases.yaml', `${ENTITY}queue:\n  cases:\n    minSimilarityAcross: 1.5\n`)
    expect(problems(bad)).toEqual([expect.stringMatching(new RegExp(`^${bad}:\\d+:\\d+: queue\\.cases\\.minSimilarityAcross: `))])
    const good = write('cases-ok.yaml', `${ENTITY}queue:\n  cases:\n    minSimilarityAcross: 0.7\n`)
    expect(problems(good)).toEqual([])
  })

  it('refuses a duplicate entity id at the second one', () => {
    const f = write('dup.yaml', shipped.replace('id: soto', 'id: ruiz'))
    const line = shipped.split('\n').findIndex((l) => l.includes('id: soto')) + 1
    expect(problems(f)).toEqual([`${f}:${line}:9: entities[2].id: duplicate entity id 'ruiz'`])
  })

  it('reports bad YAML with its position, and a key written twice', () => {
    const f = write('syntax.yaml', `${ENTITY}queue: {lookbackHours: 2\n`)
    expect(problems(f)).toHaveLength(1)
    expect(problems(f)[0]).toMatch(new RegExp(`^${f}:8:1: YAML: Flow map .* end with a }$`))
    const twice = write('twice.yaml', `${ENTITY}queue: {}\nqueue: {}\n`)
    expect(problems(twice)).toEqual([`${twice}:8:1: YAML: Map keys must be unique`])
  })

  it('checks the sources section: secrets from the environment, paths relative to the file', () => {
    const f = write('src.yaml', `${ENTITY}sources:\n  - kind: x\n    token: \${X_TOKEN}\n  - kind: file\n    path: replays/a.jsonl\n`)
    expect(problems(f, {})).toEqual([`${f}:9:12: sources[0].token: environment variable X_TOKEN is not set`])
    const s = loadSettings(f, { X_TOKEN: 'secret' })
    expect(s.sources.map((x) => x.kind)).toEqual(['x', 'file'])
    expect(s.sources[1]).toMatchObject({ name: 'file', path: path.join(dir, 'replays/a.jsonl') })
    const kind = write('kind.yaml', `${ENTITY}sources:\n  - kind: telegram\n`)
    expect(problems(kind)).toEqual([`${kind}:8:11: sources[0].kind: unknown kind`])
  })

  it('checks queue and customers together: a customer tier must exist, one deadline must start at 0', () => {
    const f = write('queue.yaml', `${ENTITY}customers:\n  u-1: gold\n  "a b": diamond\nqueue:\n  tiers: {vip: 1}\n  deadlines: [{min: 50, minutes: 10}]\n`)
    expect(problems(f)).toEqual([
      `${f}:9:10: customers["a b"]: unknown tier diamond (known: platinum, gold, silver, bronze, vip; add it under queue.tiers)`,
      `${f}:12:14: queue.deadlines: one tier must have min: 0`,
    ])
    const ok = write('queue-ok.yaml', `${ENTITY}customers:\n  u-1: vip\nqueue:\n  tiers: {vip: 1}\n  weights: {nature: 0.5}\n`)
    const s = loadSettings(ok)
    expect(s.queue.customers).toEqual({ 'u-1': 'vip' })
    expect(s.queue.tiers.vip).toBe(1)
    expect(s.queue.weights.nature).toBe(0.5)
  })

  it('needs at least one entity, and says so for an empty or missing file', () => {
    expect(problems(write('empty.yaml', ''))).toEqual([`${path.join(dir, 'empty.yaml')}:1:1: entities: required`])
    expect(problems(write('none.yaml', 'entities: []\n'))[0]).toMatch(/none\.yaml:1:11: entities: at least one entity/)
    expect(problems(path.join(dir, 'missing.yaml'))).toEqual([`${path.join(dir, 'missing.yaml')}: file not found`])
  })

  it('reads JSON too (YAML is a superset), with positions', () => {
    const f = write('c.json', JSON.stringify({ entities: [{ id: 'a', name: 'A', group: 'g', color: '#000000', terms: ['a'], x: 1 }] }, null, 2))
    expect(problems(f)).toEqual([`${f}:11:7: entities[0].x: unknown field 'x'`])
  })

  it('never throws from parse or read; loadSettings throws one SettingsError listing every problem', () => {
    expect(parseSettings('{{{', path.join(dir, 'x.yaml')).ok).toBe(false)
    expect(parseSettings('- a\n- b\n', path.join(dir, 'x.yaml'))).toMatchObject({ ok: false, issues: [{ line: 1, col: 1, message: 'expected object, received array' }] })
    const f = write('two.yaml', shipped + 'entitys: []\nroutng: {}\n')
    const err = (() => {
      try {
        loadSettings(f)
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(SettingsError)
    expect((err as SettingsError).issues).toHaveLength(2)
    expect((err as SettingsError).message.split('\n')).toEqual(problems(f))
  })

  it('shows files in the repo by their path from the repo root', () => {
    const r = parseSettings('entities: []\n', DEFAULT_CONFIG_FILE)
    expect(r.ok ? '' : formatIssue(r.issues[0])).toMatch(/^config\/pulso\.yaml:1:11: entities: /)
  })
})
