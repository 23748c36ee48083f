import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileCursorStore, loadSources, sourcesFrom, createSource } from '../../src/sources/index.ts'
import { createCommitter } from '../../src/sources/committer.ts'
import { createStatus } from '../../src/sources/status.ts'
import { entities, recorder, waitFor } from './helpers.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'pulso-sources-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const write = (name: string, text: string) => {
  const f = path.join(dir, name)
  writeFileSync(f, text)
  return f
}

describe('sources config', () => {
  it('reads the sources key with defaults, secrets from the environment and paths relative to the config file', () => {
    const f = write(
      'a.yaml',
      `entities: []\nsources:\n  - kind: bluesky\n  - kind: mastodon\n    name: fedi\n    instance: https://mastodon.social\n    stream: hashtag\n    tag: debate\n    token: \${MASTODON_TOKEN:-}\n  - kind: x\n    token: \${X_BEARER_TOKEN}\n  - kind: file\n    path: replays/debate.jsonl\n    speed: 2\n  - kind: demo\n`,
    )
    const specs = loadSources(f, { X_BEARER_TOKEN: 'abc' })
    expect(specs.map((s) => [s.kind, s.name])).toEqual([['bluesky', 'bluesky'], ['mastodon', 'fedi'], ['x', 'x'], ['file', 'file'], ['demo', 'demo']])
    expect(specs[0]).toMatchObject({ url: 'wss://jetstream2.us-east.bsky.network/subscribe', filter: true, rewindS: 3, label: 'bluesky' })
    expect(specs[1]).not.toHaveProperty('token') // unset optional secret = absent
    expect(specs[2]).toMatchObject({ token: 'abc', baseUrl: 'https://api.x.com', syncRules: true, backfillMinutes: 0 })
    expect(specs[3]).toMatchObject({ path: path.join(dir, 'replays/debate.jsonl'), speed: 2, retime: true, format: 'auto' })
  })

  it('says what is wrong: a missing secret, an unknown field, a duplicate name, a hashtag stream without tag', () => {
    expect(() => loadSources(write('b.yaml', 'sources:\n  - kind: x\n    token: ${X_BEARER_TOKEN}\n'), {})).toThrow(/X_BEARER_TOKEN is not set/)
    expect(() => loadSources(write('c.yaml', 'sources:\n  - kind: bluesky\n    filtr: false\n'), {})).toThrow(/unknown field.*filtr/)
    expect(() => loadSources(write('d.yaml', 'sources:\n  - kind: demo\n  - kind: demo\n'), {})).toThrow(/duplicate source name 'demo'/)
    expect(() => loadSources(write('e.yaml', 'sources:\n  - kind: mastodon\n    instance: https://m.example\n    stream: hashtag\n'), {})).toThrow(/tag: required/)
    expect(loadSources(write('f.yaml', 'entities: []\n'), {})).toEqual([])
  })

  it('takes already-parsed data: env and the folder for relative paths given by the caller', () => {
    const doc = { entities: 'not mine', sources: [{ kind: 'file', path: 'a.csv', name: '' }, { kind: 'x', token: '${TOKEN}' }] }
    const specs = sourcesFrom(doc, { env: { TOKEN: 't' }, dir: '/srv/pulso' })
    expect(specs[0]).toMatchObject({ kind: 'file', name: 'file', path: '/srv/pulso/a.csv' })
    expect(specs[1]).toMatchObject({ kind: 'x', token: 't' })
    expect(() => sourcesFrom(doc, { env: {}, where: 'p.yaml' })).toThrow(/p\.yaml: sources: 1\.token: environment variable TOKEN is not set/)
    expect(sourcesFrom({})).toEqual([])
    expect(sourcesFrom({ sources: null })).toEqual([])
  })
})

describe('cursors and commits', () => {
  it('keeps cursors in a file written atomically, across instances (restarts)', async () => {
    const file = path.join(dir, 'state', 'cursors.json')
    const a = fileCursorStore(file)
    expect(await a.get('bluesky')).toBeUndefined()
    await Promise.all([a.set('bluesky', '1'), a.set('x', '2'), a.set('bluesky', '3')])
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bluesky: '3', x: '2' })
    expect(readdirSync(path.dirname(file))).toEqual(['cursors.json']) // no temporary file left
    const b = fileCursorStore(file)
    expect(await b.get('bluesky')).toBe('3')
    writeFileSync(file, '{broken')
    await expect(fileCursorStore(file).get('x')).rejects.toThrow(/unreadable cursor file/)
  })

  it('re-sends while the store is unavailable and never commits the cursor past unstored posts', async () => {
    const rec = recorder({ failFirst: 1000 }) // the store stays down
    const status = createStatus('t', 'test')
    const c = createCommitter('t', rec.ctx, status, { retryBaseMs: 5, retryMaxMs: 20 })
    await c.load()
    c.push({ id: 'a', source: 't', createdAt: new Date().toISOString(), text: 'x', author: { id: 'u' } }, '5')
    const flushed = c.flush()
    await waitFor(() => rec.calls() >= 3, 5000, 'retries')
    expect(status.state).toBe('paused')
    await c.stop() // gives up for now: the cursor stays where the store stands
    await flushed
    expect(rec.cursors.all.t).toBeUndefined()
    expect(rec.posts).toEqual([])
  })

  it('runs the demo generator as a source with a status', async () => {
    const rec = recorder()
    const s = createSource({ kind: 'demo', name: 'demo', label: 'demo', rate: 200, cycleS: 300, seed: 1 }, rec.ctx)
    s.start()
    await waitFor(() => rec.posts.length > 20, 5000, 'demo posts')
    await s.stop()
    const st = s.status()
    expect(st).toMatchObject({ name: 'demo', kind: 'demo', state: 'stopped', total: rec.posts.length })
    expect(st.ratePerS).toBeGreaterThan(0)
    expect(st.lagMs).toBeLessThan(5000)
    expect(entities.length).toBeGreaterThan(0)
  })
})
