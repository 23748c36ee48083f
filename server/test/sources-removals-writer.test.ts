import { describe, expect, it } from 'vitest'
import { post, queryRows, suiteApp } from './helpers.ts'

/**
 * Issue 16: a delete wins over its post still waiting in the writer's batch. Apart from sources-removals.test.ts
 * (which runs in the pure group) because this case is a race against the clock: the delete must land within the
 * writer's 1.5 s batch window, after a 100 ms wait for the post to enter it, so it runs in the live group.
 */
describe('a delete wins over its post still waiting in the writer', () => {
  const t = suiteApp({ flushMs: 1500 })
  it('the post queued for the next batch is never stored, nor counted', async () => {
    const p = post({ id: 'queued-1', source: 'bsky', text: 'Marcos Vidal, última hora' })
    const stored = t.app.ingest([{ line: 1, value: p }]) // waits in the writer for up to 1.5 s
    await new Promise((r) => setTimeout(r, 100))
    await t.app.frontDoor.remove([{ source: 'bsky', id: 'queued-1' }], 'deleted')
    expect(await stored).toMatchObject({ accepted: 1, duplicates: 1 })
    const [row] = await queryRows<{ n: string }>(t.app, `SELECT count() AS n FROM posts WHERE id = 'queued-1'`)
    const [agg] = await queryRows<{ n: string | null }>(t.app, `SELECT sum(posts) AS n FROM entity_seconds WHERE entity = 'vidal'`)
    expect({ posts: Number(row.n), aggregated: Number(agg.n ?? 0) }).toEqual({ posts: 0, aggregated: 0 })
  })
})
