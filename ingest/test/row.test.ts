import { describe, expect, it } from 'vitest'
import { zeroEmotions } from '@pulso/types'
import { POST_COLUMNS, toRow } from '../src/row.ts'

describe('posts rows', () => {
  it('lists every column toRow fills, once, so the compact insert format drops nothing', () => {
    const row = toRow({
      post: { id: '1', source: 's', createdAt: '', text: 't', author: { id: 'a' } },
      createdAtMs: 0,
      receivedAtMs: 0,
      entities: [],
      analysis: { lang: 'es', sentiment: { score: 0, label: 'neutral', confidence: 0 }, emotions: zeroEmotions(), emotion: null, intent: 'other', nature: null, irony: false },
    })
    expect([...POST_COLUMNS].sort()).toEqual(Object.keys(row).sort())
    expect(new Set(POST_COLUMNS).size).toBe(POST_COLUMNS.length)
  })
})
