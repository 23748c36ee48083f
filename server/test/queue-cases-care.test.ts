// A queued post naming a candidate (care: false) and the brand stays in the queue (queue-care), but the cases grouped
// it under the first entity it names: "Elena Ruiz y Ondanet: llevo tres días sin internet…" became a case of
// Elena Ruiz's, beside Ondanet's case of the same outage, and the SLA counted it as an open post of the candidate's
// (customer care owes her no answer). Now a case belongs to the first-named entity customer care answers for, and the
// SLA counts a post only under care entities; between care entities nothing changes (the first named, or the listed
// one). Over app.inject on the embedded store, repo config in a file of its own (the last case makes Ruiz care).
import { beforeAll, describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import type { CaseDetail, CasesPage } from '@pulso/types'
import { configCopy, post, queryRows, suiteApp } from './helpers.ts'
import { ingestAll } from './wall-fixtures.ts'

const OUTAGE = 'llevo tres días sin internet y nadie me responde, pésimo servicio'
const POSTS = {
  mixed: `Elena Ruiz y Ondanet: ${OUTAGE}`,
  brand1: `Ondanet, ${OUTAGE}`,
  brand2: `Ondanet otra vez: ${OUTAGE}`,
}

describe('queue cases and SLA belong to care entities', () => {
  const configFile = configCopy('cases-care')
  const shipped = readFileSync(configFile, 'utf8')
  const t = suiteApp({ flushMs: 50, configFile })
  beforeAll(async () => {
    // A second apart, the mixed post first: it starts the outage's case where it joins one.
    const at = Date.now() - 60_000
    await ingestAll(t, Object.entries(POSTS).map(([id, text], i) => post({ id: `cc-${id}`, text, createdAt: new Date(at + i * 1000).toISOString(), author: { id: `cc-a${i}`, handle: `cc${i}`, followers: 300 } })))
  })
  const get = async <T>(url: string) => {
    const r = await t.app.inject({ url })
    expect(r.statusCode, `${url}: ${r.body}`).toBe(200)
    return r.json<T>()
  }
  const caseOf = (page: CasesPage, id: string) => page.cases.find((c) => c.postIds.includes(id))

  it('stores the mixed post as a complaint naming Ruiz first, then Ondanet', async () => {
    const [r] = await queryRows<{ intent: string; entities: string[] }>(t.app, `SELECT intent, entities FROM posts WHERE id = 'cc-mixed'`)
    expect(r.entities).toEqual(['ruiz', 'ondanet'])
    expect(r.intent).toBe('complaint')
  })

  it("groups the mixed post in Ondanet's case, whichever way the list is filtered", async () => {
    for (const qs of ['', '?entity=ondanet', '?status=all', '?entity=ruiz']) {
      const page = await get<CasesPage>(`/api/queue/cases${qs}`)
      const c = caseOf(page, 'cc-mixed')
      expect(c?.entity, qs).toBe('ondanet')
      // A care: false entity names no case.
      expect(page.cases.map((x) => x.entity).filter((e) => e !== 'ondanet'), qs).toEqual([])
    }
    const all = caseOf(await get<CasesPage>('/api/queue/cases'), 'cc-mixed')!
    const listed = caseOf(await get<CasesPage>('/api/queue/cases?entity=ondanet'), 'cc-mixed')!
    expect(listed.id).toBe(all.id)
    // One outage, one case (the last case relies on it).
    expect([...all.postIds].sort()).toEqual(['cc-brand1', 'cc-brand2', 'cc-mixed'])
    const d = await get<CaseDetail>(`/api/queue/cases/${all.id}`)
    expect(d.case.entity).toBe('ondanet')
    expect(d.posts.map((p) => p.id)).toContain('cc-mixed')
  })

  it("counts the SLA under Ondanet only, from the grouped rows and from the SLA's own query", async () => {
    // Default statuses: figures from the grouped rows; status=all: the SLA's own query (it counts open and assigned).
    for (const qs of ['', '?status=all']) {
      const sla = (await get<CasesPage>(`/api/queue/cases${qs}`)).sla
      expect(Object.keys(sla), qs).toEqual(['ondanet'])
      expect(sla.ondanet.open, qs).toBe(3)
    }
    // Asked for the candidate by name: he is owed no answers.
    expect((await get<CasesPage>('/api/queue/cases?entity=ruiz&status=all')).sla).toEqual({})
    const all = caseOf(await get<CasesPage>('/api/queue/cases'), 'cc-mixed')!
    expect((await get<CaseDetail>(`/api/queue/cases/${all.id}`)).sla.open).toBe(3)
  })

  it('between two care entities keeps the first named, or the listed one (Ruiz made care, no restart)', async () => {
    const ruiz = shipped.indexOf('id: ruiz')
    const flag = shipped.indexOf('care: false', ruiz)
    expect(shipped.indexOf('id: vidal')).toBeGreaterThan(flag) // the flag is Ruiz's
    writeFileSync(configFile, shipped.slice(0, flag) + 'care: true' + shipped.slice(flag + 'care: false'.length))
    await t.app.settingsReload.check()
    expect(t.app.entities.find((e) => e.id === 'ruiz')?.care).toBe(true)
    const all = await get<CasesPage>('/api/queue/cases')
    expect(caseOf(all, 'cc-mixed')?.entity).toBe('ruiz')
    const listed = caseOf(await get<CasesPage>('/api/queue/cases?entity=ondanet'), 'cc-mixed')!
    expect(listed.entity).toBe('ondanet')
    // Ondanet's case starts at the mixed post only when listed for Ondanet: its id opens in that grouping alone.
    expect(caseOf(all, 'cc-brand1')?.id).not.toBe(listed.id)
    expect((await t.app.inject({ url: `/api/queue/cases/${listed.id}` })).statusCode).toBe(404)
    expect((await t.app.inject({ url: `/api/queue/cases/${listed.id}?entity=ondanet` })).statusCode).toBe(200)
    // A post is owed an answer by each care entity it names.
    for (const qs of ['', '?status=all']) {
      const sla = (await get<CasesPage>(`/api/queue/cases${qs}`)).sla
      expect([sla.ruiz?.open, sla.ondanet?.open], qs).toEqual([1, 3])
    }
  })
})
