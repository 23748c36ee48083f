import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { io as connect } from 'socket.io-client'
import type { PostInput, QueueActionRecord, QueuePage, QueueSummary } from '@pulso/types'
import { DEFAULT_CONFIG_FILE } from '@pulso/ingest/paths'
import { post, queryRows, testApp } from './helpers.ts'

const ADMIN = 'admin-secret'
const VIEWER = 'viewer-secret'
const admin = { authorization: `Bearer ${ADMIN}` }
const viewer = { authorization: `Bearer ${VIEWER}` }
const ago = (min: number) => new Date(Date.now() - min * 60_000).toISOString()

// Texts the analyser reads as the intent/nature in the name (checked below through the API's own fields).
const SAFETY = 'El router de Ondanet se incendió en mi casa, casi se quema la cocina. Es un peligro, exijo una respuesta ya'
const PRICE = 'Ondanet es demasiado caro, la factura ha subido otra vez'
const QUESTION = '¿Cómo cambio la contraseña del wifi de Ondanet?'
const OUTAGE = 'Ondanet no funciona, la fibra está caída desde esta mañana'
const PRAISE = 'Gracias Ondanet, excelente servicio, me encanta'

describe('the response queue API (embedded store, tokens on)', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  let cfgDir: string | undefined
  const ids: Record<string, string> = {}
  const ingest = async (posts: PostInput[]) => {
    const r = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: admin, payload: posts })
    expect(r.statusCode, r.body).toBe(202)
  }
  const list = async (qs = '', headers = viewer) => {
    const r = await t.app.inject({ method: 'GET', url: `/api/queue${qs}`, headers })
    expect(r.statusCode, r.body).toBe(200)
    return r.json<QueuePage>()
  }
  const act = (id: string, payload: object, headers = admin) => t.app.inject({ method: 'POST', url: `/api/queue/${encodeURIComponent(id)}/actions`, headers, payload })

  beforeAll(async () => {
    // The repo's config plus a customers map: a gold customer's price complaint.
    cfgDir = mkdtempSync(path.join(tmpdir(), 'pulso-queue-cfg-'))
    const configFile = path.join(cfgDir, 'pulso.yaml')
    writeFileSync(configFile, readFileSync(DEFAULT_CONFIG_FILE, 'utf8') + '\ncustomers:\n  cust-gold: gold\n')
    t = await testApp({ adminToken: ADMIN, viewerToken: VIEWER, configFile })
    await t.app.ready()
    const mk = (key: string, over: Partial<PostInput>) => {
      const p = post({ id: `q-${key}`, source: 'test', ...over })
      ids[key] = p.id
      return p
    }
    await ingest([
      mk('safety', { text: SAFETY, author: { id: 'a-safety', handle: 'lucia', followers: 48_000, verified: true } }),
      mk('price', { text: PRICE, author: { id: 'cust-gold', handle: 'oro', followers: 100_000 } }),
      mk('question', { text: QUESTION, author: { id: 'a-q', handle: 'pepe', followers: 100 } }),
      mk('outage', { text: OUTAGE, author: { id: 'a-out', handle: 'ana', followers: 900 } }),
      mk('praise', { text: PRAISE, author: { id: 'a-pr', handle: 'fan', followers: 5000 } }),
      mk('old', { text: OUTAGE, createdAt: ago(5 * 60), author: { id: 'a-old', handle: 'late', followers: 10 } }),
    ])
  })
  afterAll(async () => {
    await t?.close()
    if (cfgDir) rmSync(cfgDir, { recursive: true, force: true })
  })

  it('lists questions, complaints and claims only, highest priority first, with reasons and deadlines', async () => {
    const page = await list()
    const got = page.items.map((i) => i.id)
    expect(got).not.toContain(ids.praise)
    expect(new Set(got)).toEqual(new Set([ids.safety, ids.price, ids.question, ids.outage, ids.old]))
    expect(got[0]).toBe(ids.safety)
    const prios = page.items.map((i) => i.priority)
    expect([...prios].sort((a, b) => b - a)).toEqual(prios)
    const top = page.items[0]
    expect(top).toMatchObject({ nature: 'safety', status: 'open', entities: ['ondanet'], author: { handle: 'lucia', followers: 48_000, verified: true } })
    expect(top.reasons[0]).toMatchObject({ kind: 'nature', nature: 'safety' })
    expect(top.reasons).toContainEqual({ kind: 'followers', n: 48_000 })
    expect(top.deadline - top.createdAt).toBe((top.priority >= 80 ? 15 : top.priority >= 50 ? 60 : 240) * 60_000)
    const price = page.items.find((i) => i.id === ids.price)!
    expect(price.reasons).toContainEqual({ kind: 'customer', tier: 'gold' })
    expect(page.items.find((i) => i.id === ids.question)!.intent).toBe('question')
    expect(page.total).toBe(5)
  })

  it('raises a post as its reposts arrive', async () => {
    const before = await list()
    const outage = before.items.find((i) => i.id === ids.outage)!
    const price = () => before.items.find((i) => i.id === ids.price)!
    // The gold customer's price complaint (100k followers) starts above the outage by a small account.
    expect(price().priority).toBeGreaterThan(outage.priority)
    await ingest(Array.from({ length: 60 }, (_, k) => post({ id: `rp-${k}`, text: `RT ${OUTAGE}`, repostOf: ids.outage, author: { id: `rt-${k}`, followers: 50 } })))
    const after = await list()
    const now = after.items.find((i) => i.id === ids.outage)!
    expect(now.priority).toBeGreaterThan(outage.priority)
    expect(now.reposts).toEqual({ recent: 60, total: 60 })
    expect(now.reasons).toContainEqual({ kind: 'reposts', n: 60, minutes: 10 })
    expect(after.items.indexOf(now)).toBeLessThan(after.items.findIndex((i) => i.id === ids.price))
    // A repost is never an item itself.
    expect(after.items.some((i) => i.id.startsWith('rp-'))).toBe(false)
  })

  it('filters by entity, intent, nature and minimum priority, and pages', async () => {
    expect((await list('?intent=question')).items.map((i) => i.id)).toEqual([ids.question])
    expect((await list('?nature=safety,price')).items.map((i) => i.id).sort()).toEqual([ids.price, ids.safety].sort())
    expect((await list('?entity=ruiz')).items).toEqual([])
    const all = await list()
    const min = all.items[1].priority
    expect((await list(`?minPriority=${min}`)).items.every((i) => i.priority >= min)).toBe(true)
    const p1 = await list('?limit=2&offset=0')
    const p2 = await list('?limit=2&offset=2')
    const p9 = await list('?limit=2&offset=90')
    expect(p1.items).toHaveLength(2)
    expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(all.items.slice(0, 4).map((i) => i.id))
    expect([p1.total, p2.total, p9.total]).toEqual([all.total, all.total, all.total])
    expect(p9.items).toEqual([])
    for (const bad of ['?entity=nobody', '?intent=praise', '?status=closed', '?limit=0', '?minPriority=101', '?foo=1']) {
      expect((await t.app.inject({ method: 'GET', url: `/api/queue${bad}`, headers: viewer })).statusCode, bad).toBe(400)
    }
  })

  it('records actions with who and when; answered and dismissed leave the open queue', async () => {
    const r = await act(ids.safety, { action: 'assign', assignee: 'marta', by: 'jefa' })
    expect(r.statusCode, r.body).toBe(201)
    let item = (await list()).items.find((i) => i.id === ids.safety)!
    expect(item).toMatchObject({ status: 'assigned', assignee: 'marta', lastAction: { action: 'assign', by: 'jefa' } })

    expect((await act(ids.safety, { action: 'answered', by: 'marta', note: 'DM sent' })).statusCode).toBe(201)
    expect((await list()).items.map((i) => i.id)).not.toContain(ids.safety)
    item = (await list('?status=answered')).items[0]
    expect(item).toMatchObject({ id: ids.safety, status: 'answered', assignee: 'marta' })
    expect((await act(ids.question, { action: 'dismiss' })).statusCode).toBe(201)
    expect((await list('?status=all')).items.find((i) => i.id === ids.question)!.status).toBe('dismissed')

    const stored = await queryRows<{ action: string; by: string; assignee: string; note: string; at: string }>(
      t.app,
      'SELECT action, by, assignee, note, at FROM queue_actions WHERE post_id = {id:String} ORDER BY at',
      { id: ids.safety },
    )
    expect(stored.map((s) => [s.action, s.by, s.assignee, s.note])).toEqual([
      ['assign', 'jefa', 'marta', ''],
      ['answered', 'marta', '', 'DM sent'],
    ])
    expect(Math.abs(Date.parse(stored[1].at + 'Z') - Date.now())).toBeLessThan(60_000)
    const hist = await t.app.inject({ method: 'GET', url: `/api/queue/${ids.safety}/actions`, headers: viewer })
    expect(hist.json<{ actions: QueueActionRecord[] }>().actions.map((a) => a.action)).toEqual(['assign', 'answered'])

    // Reopen brings it back.
    expect((await act(ids.safety, { action: 'reopen', by: 'jefa' })).statusCode).toBe(201)
    expect((await list()).items[0].id).toBe(ids.safety)

    expect((await act(ids.safety, { action: 'assign' })).statusCode).toBe(400)
    expect((await act(ids.safety, { action: 'close' })).statusCode).toBe(400)
    expect((await act('no-such-post', { action: 'answered' })).statusCode).toBe(404)
    expect((await act(ids.praise, { action: 'answered' })).statusCode).toBe(404)
  })

  it('needs a credential to read and the admin token to act (401 / 403)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/queue' })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'GET', url: '/api/queue', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'GET', url: '/api/queue/export.csv' })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'GET', url: '/api/queue/summary' })).statusCode).toBe(401)
    expect((await act(ids.outage, { action: 'dismiss' }, {} as typeof admin)).statusCode).toBe(401)
    expect((await act(ids.outage, { action: 'dismiss' }, viewer)).statusCode).toBe(403)
    const rows = await queryRows(t.app, 'SELECT * FROM queue_actions WHERE post_id = {id:String}', { id: ids.outage })
    expect(rows).toEqual([])
  })

  it('exports the filtered queue as CSV, neutralising formulas in post text', async () => {
    await ingest([post({ id: 'q-formula', text: '=HYPERLINK("http://x") Ondanet no funciona, "otra vez"', author: { id: 'a-f', followers: 10 } })])
    const r = await t.app.inject({ method: 'GET', url: '/api/queue/export.csv?lang=es', headers: viewer })
    expect(r.statusCode).toBe(200)
    expect(r.headers['content-type']).toMatch(/^text\/csv/)
    expect(r.headers['content-disposition']).toMatch(/attachment; filename="pulso-queue-.*\.csv"/)
    const lines = r.body.trimEnd().split('\r\n')
    expect(lines[0].split(',').slice(0, 4)).toEqual(['priority', 'status', 'deadline', 'overdue'])
    expect(lines.length - 1).toBe(Number(r.headers['x-total-count']))
    expect(lines.length - 1).toBe((await list('?limit=500')).total)
    expect(r.body).toContain(`"'=HYPERLINK(""http://x"") Ondanet no funciona, ""otra vez"""`)
    expect(r.body).toMatch(/queja de seguridad|reclamación de seguridad/)
    const only = await t.app.inject({ method: 'GET', url: '/api/queue/export.csv?intent=question&status=all', headers: viewer })
    expect(only.body.trimEnd().split('\r\n')).toHaveLength(2)
  })

  it('summarises open, high-risk and missed-deadline items for the wall, and pushes it over socket.io', async () => {
    const summary = async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/queue/summary', headers: viewer })
      expect(r.statusCode).toBe(200)
      return r.json<QueueSummary>()
    }
    const open = await list('?limit=500')
    // Served from memory, refreshed every 2 s: it catches up with the post stored by the previous test.
    await expect.poll(async () => (await summary()).open, { timeout: 3000 }).toBe(open.total)
    const s = await summary()
    expect(s.highRisk).toBe(open.items.filter((i) => i.priority >= s.highRiskMin).length)
    // The post from 5 h ago is past even the longest (4 h) deadline.
    expect(s.missed).toBeGreaterThanOrEqual(1)
    expect(s.missed).toBe(open.items.filter((i) => i.deadline < s.at).length)
    expect(s.top.map((i) => i.id)).toEqual(open.items.slice(0, 3).map((i) => i.id))

    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const port = (t.app.server.address() as { port: number }).port
    const client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], auth: { token: VIEWER } })
    const got: QueueSummary[] = []
    client.on('queue', (q: QueueSummary) => got.push(q))
    try {
      await expect.poll(() => got.length, { timeout: 5000 }).toBeGreaterThan(0)
      const openBefore = got[got.length - 1].open
      expect((await act(ids.outage, { action: 'answered', by: 'ana' })).statusCode).toBe(201)
      await expect.poll(() => got[got.length - 1].open, { timeout: 3000 }).toBe(openBefore - 1)
    } finally {
      client.close()
    }
  })
})
