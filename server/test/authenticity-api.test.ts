// Issue 20, the API: GET /api/authenticity validates its query like /api/series, defaults to the last 10 minutes,
// exports the evidence as CSV (formula-safe), and the wall's board lists every entity; the config section is strict.
import { describe, expect, it } from 'vitest'
import type { Authenticity, AuthenticityBoard } from '@pulso/types'
import { suiteApp } from './helpers.ts'
import { ingestAll } from './wall-fixtures.ts'
import { campaign, organic } from './authenticity-streams.ts'
import { settingsSchema } from '../src/settings/schema.ts'

describe('GET /api/authenticity', () => {
  const t = suiteApp({ flushMs: 50 })
  const now = Date.now()

  it('refuses a bad query, naming the problem', async () => {
    const bad: [string, RegExp][] = [
      ['', /entity/],
      ['entity=nobody', /unknown entity nobody/],
      [`entity=ruiz&from=${now}&to=${now - 1000}`, /from must be before to/],
      [`entity=ruiz&from=${now - 2 * 86_400_000}&to=${now}`, /at most 24 hours/],
      ['entity=ruiz&from=yesterday', /from: must be epoch milliseconds or ISO-8601/],
      ['entity=ruiz&format=xml', /format/],
      ['entity=ruiz&window=5', /window/],
    ]
    for (const [q, why] of bad) {
      const r = await t.app.inject(`/api/authenticity?${q}`)
      expect(r.statusCode, q).toBe(400)
      expect(r.json().error, q).toMatch(why)
    }
  })

  it('judges the last 10 minutes by default, and exports the evidence as CSV', async () => {
    const start = now - 5 * 60_000
    const bots = campaign(30, 1, 1, { start, spanMs: 60_000, seed: 31, tag: 'api' })
    // One copy starts with '=': a spreadsheet must show it, never run it.
    bots[0] = { ...bots[0], createdAt: new Date(start - 1000).toISOString(), text: `=HYPERLINK("x") ${bots[0].text}` }
    await ingestAll(t, [...bots, ...organic(20, { start, spanMs: 60_000, seed: 32, tag: 'api' })])
    const r = await t.app.inject('/api/authenticity?entity=ruiz')
    expect(r.statusCode).toBe(200)
    const a = r.json<Authenticity>()
    expect(a.to - a.from).toBe(600_000)
    expect(Math.abs(a.to - Date.now())).toBeLessThan(10_000)
    expect(a.posts).toBe(50)
    expect(a.evidence.clusters).toHaveLength(1)
    expect(a.evidence.clusters[0]).toMatchObject({ size: 30, authors: 30 })
    expect(a.evidence.clusters[0].ids).toHaveLength(30)

    const csv = await t.app.inject(`/api/authenticity?entity=ruiz&from=${a.from}&to=${a.to}&format=csv`)
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="pulso-authenticity-ruiz-/)
    const lines = csv.body.trim().split('\r\n')
    expect(lines[0]).toBe('kind,entity,cluster,size,authors,first,last,account,handle,account_created,posts,copies,new_account,post_ids,text')
    expect(lines.filter((l) => l.startsWith('cluster,'))).toHaveLength(1)
    expect(lines.filter((l) => l.startsWith('account,')).length).toBe(30)
    const cluster = lines.find((l) => l.startsWith('cluster,'))!
    expect(cluster).toContain(`"'=HYPERLINK(""x"")`)
    for (const id of a.evidence.clusters[0].ids) expect(cluster).toContain(id)
  })

  it('the board lists every entity with organic and suspect posts per bucket', async () => {
    // The board is recomputed every wall.everyS (5 s): wait for one that has read the posts above.
    const read = async () => (await t.app.inject('/api/authenticity/board')).json<AuthenticityBoard>()
    let b = await read()
    const posts = (x: AuthenticityBoard) => x.entities.find((e) => e.authenticity.entity === 'ruiz')?.authenticity.posts ?? 0
    for (const until = Date.now() + 12_000; Date.now() < until && posts(b) < 50; ) await new Promise((r) => setTimeout(r, 250)), (b = await read())
    expect(b.entities.map((e) => e.authenticity.entity).sort()).toEqual(t.app.entities.map((e) => e.id).sort())
    const ruiz = b.entities.find((e) => e.authenticity.entity === 'ruiz')!
    const sum = ruiz.buckets.reduce((s, x) => s + x.organic + x.suspect, 0)
    expect(sum).toBe(ruiz.authenticity.posts)
    expect(ruiz.buckets.reduce((s, x) => s + x.suspect, 0)).toBe(30)
    // Of the suspect, the copies (the volume chart's organic-only line leaves them out): the campaign's 30 posts.
    expect(ruiz.buckets.reduce((s, x) => s + x.copies, 0)).toBe(30)
  })
})

describe('the authenticity: config section', () => {
  const parse = (section: unknown) => settingsSchema('/tmp/pulso.yaml').safeParse({ entities: [{ id: 'a', name: 'A', group: 'g', color: '#000000', terms: ['a'] }], authenticity: section })

  it('takes partial overrides over the defaults and refuses unknown keys and out-of-range values', () => {
    const ok = parse({ mixed: { copyShare: 0.2 }, alertGate: 'hold' })
    expect(ok.success).toBe(true)
    const s = ok.data!.authenticity
    expect(s.mixed).toMatchObject({ copyShare: 0.2, newAccountShare: 0.3 })
    expect(s.alertGate).toBe('hold')
    expect(s.minClusterAuthors).toBe(3)
    expect(parse({ copyShar: 0.5 }).success).toBe(false)
    expect(parse({ coordinated: { copyShare: 1.5 } }).success).toBe(false)
    expect(parse({ alertGate: 'maybe' }).success).toBe(false)
    expect(parse({ minClusterAuthors: 1 }).success).toBe(false)
  })
})
