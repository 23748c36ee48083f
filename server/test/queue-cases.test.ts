import { describe, expect, it } from 'vitest'
import type { CaseDetail, CasesPage, PostInput, QueuePage } from '@pulso/types'
import { post, queryRows, suiteApp } from './helpers.ts'
import { BASE, DISTINCT, complaints, nearDuplicate } from './queue-cases-fixtures.ts'

const ADMIN = 'cases-admin'
const VIEWER = 'cases-viewer'
const admin = { authorization: `Bearer ${ADMIN}` }
const viewer = { authorization: `Bearer ${VIEWER}` }

describe('the queue as cases (embedded store)', () => {
  const t = suiteApp({ adminToken: ADMIN, viewerToken: VIEWER })
  const ingest = async (posts: PostInput[]) => {
    for (let i = 0; i < posts.length; i += 200) {
      const r = await t.app.inject({ method: 'POST', url: '/api/ingest', headers: admin, payload: posts.slice(i, i + 200) })
      expect(r.statusCode, r.body).toBe(202)
    }
  }
  const cases = async (qs = '') => {
    const r = await t.app.inject({ method: 'GET', url: `/api/queue/cases${qs}`, headers: viewer })
    expect(r.statusCode, r.body).toBe(200)
    return r.json<CasesPage>()
  }
  const queue = async (qs = '') => (await t.app.inject({ method: 'GET', url: `/api/queue${qs}`, headers: viewer })).json<QueuePage>()

  it('groups 500 near-duplicate complaints and 50 distinct ones into at most 60 cases', async () => {
    const dups = Array.from({ length: 500 }, (_, k) => nearDuplicate(k))
    expect(new Set(dups).size).toBeGreaterThan(300)
    await ingest([...complaints(dups, 'dup'), ...complaints(DISTINCT, 'one', 50)])
    // Every one of them is queued as a post of its own...
    expect((await queue('?limit=1')).total).toBe(550)
    const started = performance.now()
    const page = await cases('?limit=200')
    const ms = performance.now() - started
    console.log(`cases: 550 posts → ${page.total} cases in ${ms.toFixed(0)} ms; sizes ${page.cases.map((c) => c.count).slice(0, 8).join(', ')}…`)
    // ...and as cases the 500 retellings are one (or very few), the 50 others stay apart.
    expect(page.total).toBeLessThanOrEqual(60)
    expect(page.total).toBeGreaterThanOrEqual(50)
    const big = page.cases.filter((c) => c.postIds.some((id) => id.startsWith('dup-')))
    expect(big.reduce((s, c) => s + c.count, 0)).toBe(500)
    expect(big[0].count).toBeGreaterThanOrEqual(490)
    for (const c of page.cases.filter((c) => c.postIds.some((id) => id.startsWith('one-')))) expect(c.postIds.every((id) => id.startsWith('one-'))).toBe(true)
    // The big case: highest first, counted, first and latest post, sample with a link; priority = top post + size.
    const c = big[0]
    expect(page.cases[0].id).toBe(c.id)
    expect(c).toMatchObject({ entity: 'ondanet', status: 'open', first: { id: 'dup-0' }, latest: { id: 'dup-499' } })
    expect(c.authors).toBe(c.count)
    expect(c.sample.text).toMatch(/router/i)
    expect(c.priority).toBeGreaterThan(c.parts.top)
    const prios = page.cases.map((x) => x.priority)
    expect([...prios].sort((a, b) => b - a)).toEqual(prios)
  })
  it('does not chain different complaints that share a stock phrase', async () => {
    const TAIL = ' Mis hijos sin poder hacer los deberes, ya no sé a quién llamar, mañana vuelvo a llamar.'
    const texts = DISTINCT.slice(0, 40).map((t) => t + TAIL)
    await ingest(complaints(texts, 'tail', 20))
    const page = await cases('?limit=200')
    const tails = page.cases.filter((c) => c.postIds.some((id) => id.startsWith('tail-')))
    console.log(`stock phrase: 40 complaints → ${tails.length} cases (${tails.map((c) => c.count).sort((x, y) => y - x).slice(0, 5).join(', ')}…)`)
    expect(tails.length).toBeGreaterThanOrEqual(30)
    expect(Math.max(...tails.map((c) => c.count))).toBeLessThanOrEqual(5)
  })

  const BILL = 'Ondanet me cobró de más en la factura de noviembre, exijo que me devuelvan el dinero'
  const bill = (k: number, minAgo: number) =>
    post({ id: `bill-${k}`, text: `${['', 'Oye ', 'Ya basta, '][k % 3]}${BILL}${['', ' 😡', ' #OndanetCaido', '!!'][k % 4]}`, createdAt: new Date(Date.now() - minAgo * 60_000).toISOString(), author: { id: `payer-${k}`, handle: `payer${k}`, followers: 100 + k } })
  const billCase = async () => (await cases('?entity=ondanet&limit=200')).cases.find((c) => c.postIds.includes('bill-0'))!
  let billId = ''

  it("keeps a case's id as posts arrive, and raises its count and priority", async () => {
    await ingest([0, 1, 2].map((k) => bill(k, 30 - k)))
    const before = await billCase()
    expect(before).toMatchObject({ count: 3, first: { id: 'bill-0' }, intent: 'claim', nature: 'price' })
    billId = before.id
    // A burst: twenty more in the last minutes.
    await ingest(Array.from({ length: 20 }, (_, i) => bill(3 + i, 2 - i / 20)))
    const after = await billCase()
    expect(after.id).toBe(billId)
    expect(after.count).toBe(23)
    expect(after.latest.id).toBe('bill-22')
    expect(after.recent).toBeGreaterThanOrEqual(20)
    expect(after.priority).toBeGreaterThan(before.priority)
    expect(after.parts.size).toBeGreaterThan(before.parts.size)
    expect(after.parts.growth).toBeGreaterThan(0)
  })

  it('validates its input and needs the admin token to act', async () => {
    const bad = ['?limit=0', '?limit=9999', '?status=closed', '?entity=nobody', '?foo=1']
    for (const qs of bad) expect((await t.app.inject({ method: 'GET', url: `/api/queue/cases${qs}`, headers: viewer })).statusCode, qs).toBe(400)
    const send = (url: string, payload: unknown, headers = admin) => t.app.inject({ method: 'POST', url, headers, payload: payload as object })
    expect((await send(`/api/queue/cases/${billId}/actions`, { action: 'answered' }, viewer)).statusCode).toBe(403)
    expect((await send(`/api/queue/cases/${billId}/actions`, { action: 'assign' })).statusCode).toBe(400)
    expect((await send(`/api/queue/cases/${billId}/actions`, { action: 'answered', extra: 1 })).statusCode).toBe(400)
    expect((await send(`/api/queue/cases/${billId}/actions`, { action: 'answered', postIds: ['dup-1'] })).statusCode).toBe(400)
    expect((await send('/api/queue/cases/not-a-case/actions', { action: 'answered' })).statusCode).toBe(400)
    expect((await send('/api/queue/cases/0123456789abcdef/actions', { action: 'answered' })).statusCode).toBe(404)
    expect((await send('/api/queue/actions', { action: 'dismiss', ids: ['one-1', 'nope'] })).statusCode).toBe(404)
    expect((await send('/api/queue/actions', { action: 'dismiss', ids: [] })).statusCode).toBe(400)
    expect((await t.app.inject({ method: 'GET', url: '/api/queue/cases/zz', headers: viewer })).statusCode).toBe(400)
  })

  it('answers a whole case at once: every post closes, with the note, who and when', async () => {
    const templates = (await t.app.inject({ method: 'GET', url: '/api/queue/templates', headers: viewer })).json<{ templates: Record<string, { es: string }> }>().templates
    const note = templates.price.es.replace('{handle}', '@payer22').replace('{entity}', 'Ondanet')
    expect(note).toMatch(/factura/)
    // One more retelling lands after the page was read: the case acts on it too.
    await ingest([bill(23, 0.1)])
    const r = await t.app.inject({ method: 'POST', url: `/api/queue/cases/${billId}/actions`, headers: admin, payload: { action: 'answered', by: 'Marta', note } })
    expect(r.statusCode, r.body).toBe(201)
    expect(r.json<{ postIds: string[] }>().postIds).toHaveLength(24)
    const stored = await queryRows<{ n: number; who: string[]; notes: string[] }>(t.app, `SELECT count() AS n, groupUniqArray(by) AS who, groupUniqArray(note) AS notes FROM queue_actions WHERE post_id LIKE 'bill-%' AND action = 'answered'`)
    expect(stored[0]).toMatchObject({ n: 24, who: ['Marta'], notes: [note] })
    const open = await queue('?limit=500')
    expect(open.items.filter((i) => i.id.startsWith('bill-'))).toEqual([])
    expect((await cases('?limit=200')).cases.find((c) => c.id === billId)).toBeUndefined()
    // Still there among the answered, one case, answered.
    const answered = (await cases('?status=answered')).cases.find((c) => c.id === billId)
    expect(answered).toMatchObject({ count: 24, status: 'answered' })
    // Opened from that list, it is grouped among the same statuses.
    const d = await t.app.inject({ method: 'GET', url: `/api/queue/cases/${billId}?status=answered`, headers: viewer })
    expect(d.statusCode, d.body).toBe(200)
    expect(d.json<CaseDetail>().posts).toHaveLength(24)
    expect((await t.app.inject({ method: 'GET', url: `/api/queue/cases/${billId}`, headers: viewer })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/api/queue/cases/${billId}?status=nope`, headers: viewer })).statusCode).toBe(400)
  })

  it('assigns or dismisses a selection of posts', async () => {
    // The selection: every post of the case holding one-1 (a retelling with a stock ending may have joined it), and one-2.
    const before = (await cases('?limit=200')).cases.find((c) => c.postIds.includes('one-1'))!
    const ids = [...before.postIds, 'one-2', 'one-2']
    const r = await t.app.inject({ method: 'POST', url: '/api/queue/actions', headers: admin, payload: { action: 'assign', assignee: 'Luis', by: 'Luis', ids } })
    expect(r.statusCode, r.body).toBe(201)
    expect(r.json<{ postIds: string[] }>().postIds).toHaveLength(before.count + 1)
    const page = await queue('?status=assigned')
    expect(page.items.filter((i) => i.id === 'one-1' || i.id === 'one-2').map((i) => [i.status, i.assignee])).toEqual([['assigned', 'Luis'], ['assigned', 'Luis']])
    const one = (await cases('?limit=200')).cases.find((c) => c.postIds.includes('one-1'))
    expect(one).toMatchObject({ id: before.id, status: 'assigned', assignee: 'Luis' })
    const d = (await t.app.inject({ method: 'GET', url: `/api/queue/cases/${one!.id}`, headers: viewer })).json<CaseDetail>()
    expect(new Set(d.posts.map((p) => p.status))).toEqual(new Set(['assigned']))
    expect(d.actions[0]).toMatchObject({ action: 'assign', by: 'Luis', assignee: 'Luis' })
  })

  it("opens a case with its posts' links, the thread, the authors' history and the SLA", async () => {
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString()
    const AUTHOR = { id: 'grumpy', handle: 'grumpy', followers: 900 }
    await ingest([
      // Earlier complaints by the same author (outside the queue's 24 h, inside the 30-day history).
      post({ id: 'old-1', text: 'Ondanet no funciona el teléfono fijo otra vez, estoy harto', createdAt: old, author: AUTHOR }),
      post({ id: 'old-2', text: 'Ondanet exijo que me devuelvan el dinero de la cuota de agosto', createdAt: old, author: AUTHOR }),
      post({ id: 'root', text: 'Ondanet la televisión se queda congelada cada noche a las nueve, es inaceptable', author: AUTHOR, url: 'https://example.org/grumpy/root' }),
      post({ id: 'reply-1', replyTo: 'root', text: 'A mí me pasa igual con el decodificador, pésimo servicio Ondanet', author: { id: 'neighbour', handle: 'vecina', followers: 40 } }),
      post({ id: 'brand-1', replyTo: 'root', text: '¡Hola! Gracias por avisar, lo revisamos ya mismo 🙂', author: { id: 'ondanet', handle: 'ondanet_ayuda', followers: 90_000, verified: true } }),
    ])
    const c = (await cases('?limit=200')).cases.find((x) => x.postIds.includes('root'))!
    const r = await t.app.inject({ method: 'GET', url: `/api/queue/cases/${c.id}`, headers: viewer })
    expect(r.statusCode, r.body).toBe(200)
    const d = r.json<CaseDetail>()
    expect(d.posts.find((p) => p.id === 'root')).toMatchObject({ url: 'https://example.org/grumpy/root', author: { handle: 'grumpy' } })
    expect(d.history.grumpy).toMatchObject({ complaints: 1, claims: 1 })
    expect(d.sla.open).toBeGreaterThan(500)
    expect(d.sla.missed).toBeGreaterThanOrEqual(0)
    // The store keeps reply links (migration 0009): the reply is in the same thread, so the same case; the brand's
    // reply (not a queue post) is the thread around it.
    expect(d.thread.known).toBe(true)
    expect(c.postIds).toEqual(expect.arrayContaining(['root', 'reply-1']))
    expect(d.posts.find((p) => p.id === 'reply-1')?.replyTo).toBe('root')
    expect(d.thread.posts.map((p) => p.id)).toEqual(['brand-1'])
  })

  it('serves pages that ask at the same moment (the same push) with one read', async () => {
    const hits = t.app.reads.stats.hits
    const pages = await Promise.all([cases('?limit=7'), cases('?limit=7'), cases('?limit=7')])
    expect(t.app.reads.stats.hits - hits).toBe(2)
    expect(pages[1]).toEqual(pages[0])
  })

  it('finds a case in the grouping it was listed with (a post naming a candidate and the brand is the brand\'s)', async () => {
    await ingest([post({ id: 'both-1', text: 'Elena Ruiz y Ondanet: llevo tres días sin internet y nadie me responde, pésimo servicio', author: { id: 'both', handle: 'both', followers: 10 } })])
    const listed = (await cases('?entity=ondanet&limit=200')).cases.find((c) => c.postIds.includes('both-1'))!
    expect(listed.entity).toBe('ondanet')
    // Ruiz is care: false: the post joins Ondanet's case listed unfiltered too (it joined Ruiz's, named first, before
    // queue-cases-care), so the same id opens in both groupings. A post naming two care entities joins the listed
    // one's case, and its id then depends on the grouping: queue-cases-care's last case.
    const all = (await cases('?limit=200')).cases.find((c) => c.postIds.includes('both-1'))!
    expect(all.entity).toBe('ondanet')
    expect(all.id).toBe(listed.id)
    expect((await t.app.inject({ method: 'GET', url: `/api/queue/cases/${listed.id}`, headers: viewer })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: `/api/queue/cases/${listed.id}?entity=ondanet`, headers: viewer })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: `/api/queue/cases/${listed.id}?entity=nobody`, headers: viewer })).statusCode).toBe(400)
    const r = await t.app.inject({ method: 'POST', url: `/api/queue/cases/${listed.id}/actions?entity=ondanet`, headers: admin, payload: { action: 'dismiss', by: 'Ana', note: 'duplicate' } })
    expect(r.statusCode, r.body).toBe(201)
    expect(r.json<{ postIds: string[] }>().postIds).toContain('both-1')
  })

  it("counts each entity's SLA the same from the grouped rows as with its own query", async () => {
    const { entitySla, listCases, skipWords } = await import('../src/store/cases.ts')
    const now = Date.now()
    for (const f of [{}, { entities: ['ondanet'] }]) {
      const page = await listCases(t.app.store.client, t.app.queue.settings, { ...f, limit: 5 }, skipWords([]), now)
      const sql = await entitySla(t.app.store.client, t.app.queue.settings, now, (f as { entities?: string[] }).entities)
      expect(page.truncated).toBe(false)
      expect(page.sla).toEqual(sql)
      expect(page.sla.ondanet.open).toBeGreaterThan(500)
    }
  })

  it('reads answer templates from the config, and refuses unknown ones', async () => {
    const { queueSettingsFrom } = await import('../src/queue/settings.ts')
    const s = queueSettingsFrom({ queue: { templates: { safety: { en: 'Unplug it, {handle}.' } }, cases: { sizeWeight: 4 } } })
    expect(s.templates.safety.en).toBe('Unplug it, {handle}.')
    expect(s.templates.safety.es).toMatch(/seguridad/)
    expect(s.cases).toMatchObject({ sizeWeight: 4, growthWeight: 6 })
    expect(() => queueSettingsFrom({ queue: { templates: { weather: { en: 'x' } } } })).toThrow(/weather/)
    expect(() => queueSettingsFrom({ queue: { templates: { price: { fr: 'x' } } } })).toThrow(/fr/)
    expect(() => queueSettingsFrom({ queue: { cases: { bands: 0 } } })).toThrow(/bands/)
  })
})
