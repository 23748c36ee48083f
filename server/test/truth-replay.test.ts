// Issue 17, point 3, over HTTP: a replayed second carries the alerts detected by then, each with its status then.
import { describe, expect, it } from 'vitest'
import type { Alert } from '@pulso/types'
import { suiteApp } from './helpers.ts'

const min = 60_000

describe('replay: alerts as they were at the replayed second', () => {
  const t = suiteApp({})

  it('shows an alert open before it was acknowledged, acknowledged after, and none before it was detected', async () => {
    const base = Math.floor(Date.now() / 1000) * 1000 - 30 * min
    const row = (id: string, entity: string, detected: number, status: string) => ({
      id, entity, metric: 'volume', severity: 4, onset: detected - 20_000, detected_at: detected, observed: 90, expected: 9,
      emotion: 'anger', drivers: JSON.stringify([{ kind: 'hashtag', term: '#OndanetCaido', observed: 40, expected: 1, lift: 20 }]), posts: '[]', status, updated_at: detected,
    })
    const { client } = t.app.store
    // al-1 detected at base, acknowledged 5 min later (a newer version of the row and a feedback row, as the service
    // writes them); al-2 detected 10 min after base, still open; al-3 a false positive 2 min after its detection.
    await client.insert({ table: 'alerts', format: 'JSONEachRow', values: [row('al-1', 'ondanet', base, 'open'), row('al-2', 'ruiz', base + 10 * min, 'open'), row('al-3', 'vidal', base + 12 * min, 'open')] })
    await client.insert({ table: 'alerts', format: 'JSONEachRow', values: [{ ...row('al-1', 'ondanet', base, 'acknowledged'), updated_at: base + 5 * min }, { ...row('al-3', 'vidal', base + 12 * min, 'false_positive'), updated_at: base + 14 * min }] })
    await client.insert({
      table: 'alert_feedback',
      format: 'JSONEachRow',
      values: [
        { alert_id: 'al-1', entity: 'ondanet', metric: 'volume', status: 'acknowledged', by: 'control', at: base + 5 * min },
        { alert_id: 'al-3', entity: 'vidal', metric: 'volume', status: 'false_positive', by: 'wall', at: base + 14 * min },
      ],
    })
    const at = async (ms: number) => {
      const r = await t.app.inject({ url: `/api/replay?t=${ms}&history=0` })
      expect(r.statusCode).toBe(200)
      return Object.fromEntries(r.json<{ alerts: Alert[] }>().alerts.map((a) => [a.id, a.status]))
    }
    expect(await at(base - 1000)).toEqual({})
    expect(await at(base + 2 * min)).toEqual({ 'al-1': 'open' })
    expect(await at(base + 11 * min)).toEqual({ 'al-1': 'acknowledged', 'al-2': 'open' })
    expect(await at(base + 13 * min)).toEqual({ 'al-1': 'acknowledged', 'al-2': 'open', 'al-3': 'open' })
    expect(await at(base + 20 * min)).toEqual({ 'al-1': 'acknowledged', 'al-2': 'open', 'al-3': 'false_positive' })
    // The alert is whole: its drivers and figures, not only its id.
    const full = (await t.app.inject({ url: `/api/replay?t=${base + 2 * min}&history=0` })).json<{ alerts: Alert[] }>().alerts[0]
    expect(full).toMatchObject({ entity: 'ondanet', severity: 4, detectedAt: base, onset: base - 20_000, observed: 90, expected: 9, emotion: 'anger' })
    expect(full.drivers[0].term).toBe('#OndanetCaido')
  })
})
