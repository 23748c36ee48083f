import { describe, expect, it } from 'vitest'
import type { PostInput } from '@pulso/types'
import { createCommitter } from '../../src/sources/committer.ts'
import { memoryCursorStore } from '../../src/sources/cursor.ts'
import { createStatus } from '../../src/sources/status.ts'
import { testContext } from './helpers.ts'

describe('committer and a shortened rejected list', () => {
  it('re-sends every post not listed as refused when the store failed more posts than the answer lists', async () => {
    const stored = new Set<string>()
    let calls = 0
    const cursors = memoryCursorStore()
    const ctx = testContext(cursors, async (batch) => {
      calls++
      if (calls === 1) {
        // Post 1 is invalid; the other 299 hit an unavailable store; only the first 100 lines are listed.
        const all = batch.map((_, i) => ({ line: i + 1, error: i === 0 ? 'id: required' : 'store unavailable: down' }))
        return { accepted: 0, rejected: all.slice(0, 100), rejectedCount: all.length, retry: 'store-down' }
      }
      for (const p of batch) if (p.id) stored.add(p.id)
      return { accepted: batch.length, rejected: [] }
    })
    const c = createCommitter('t', ctx, createStatus('t', 'test'), { retryBaseMs: 5, retryMaxMs: 20, maxBatch: 1000 })
    await c.load()
    const posts: PostInput[] = Array.from({ length: 300 }, (_, i) => ({ id: i === 0 ? '' : `c-${i}`, source: 't', createdAt: new Date().toISOString(), text: 'x', author: { id: 'u' } }))
    posts.forEach((p, i) => c.push(p, String(i + 1)))
    await c.flush()
    expect(calls).toBe(2)
    expect(stored.size).toBe(299) // none of the 200 unlisted store failures was dropped
    expect(cursors.all.t).toBe('300')
  })
})
