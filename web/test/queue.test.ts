import { describe, expect, it } from 'vitest'
import type { QueueActionRecord, QueueItem } from '@pulso/types'
import { careEntities } from '../src/lib/queue/api.ts'
import { percentOf } from '../src/lib/queue/format.ts'
import { settle } from '../src/lib/queue/settle.ts'

const item = (id: string): QueueItem => ({ id, status: 'open', assignee: null, lastAction: null }) as unknown as QueueItem
const rec = (action: QueueActionRecord['action']): QueueActionRecord => ({ id: 'x', action, assignee: action === 'assign' ? 'Marta' : null, by: 'Marta', note: '', at: 5 }) as unknown as QueueActionRecord

describe('the queue page after an action', () => {
  const page = { items: [item('a'), item('b')], total: 2 }
  it('drops an item that leaves the statuses shown', () => {
    expect(settle(page, page.items[0], rec('answered'), '')).toEqual({ items: [page.items[1]], total: 1 })
  })
  it('keeps it with its new status when still shown', () => {
    const out = settle(page, page.items[0], rec('assign'), '')
    expect(out.total).toBe(2)
    expect(out.items[0]).toMatchObject({ id: 'a', status: 'assigned', assignee: 'Marta', lastAction: { action: 'assign', by: 'Marta', at: 5 } })
    expect(settle(page, page.items[0], rec('dismiss'), 'all').items[0].status).toBe('dismissed')
    expect(settle(page, page.items[0], rec('dismiss'), 'dismissed').total).toBe(2)
  })
})

describe('a typed percentage (min. priority, min. confidence %)', () => {
  it('clamps to 0–100 and reads anything else as 0', () => {
    expect(['58', '-5', '250', '', 'abc', '1e9', '12.5'].map(percentOf)).toEqual([58, 0, 100, 0, 0, 100, 12.5])
  })
})

describe('the entities a queue picker offers', () => {
  const all = [{ id: 'ruiz', care: false }, { id: 'ondanet' }, { id: 'bank', care: true }]
  it('keeps customer-care ones, and the one a link picked even when it is not', () => {
    expect(careEntities(all).map((e) => e.id)).toEqual(['ondanet', 'bank'])
    expect(careEntities(all, 'ruiz').map((e) => e.id)).toEqual(['ruiz', 'ondanet', 'bank'])
    expect(careEntities(all, '').map((e) => e.id)).toEqual(['ondanet', 'bank'])
  })
})
