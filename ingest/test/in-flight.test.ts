// The front door's `settled(t)`: the spike watch waits on it before reading an interval, so it must resolve only once
// every request that arrived before t is in the store, and must not wait for requests that arrived later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadEntities } from '../src/entities.ts'
import { createIngest } from '../src/front-door.ts'
import { DEFAULT_CONFIG_FILE } from '../src/paths.ts'
import { post, testStore } from './store.ts'

const lines = (posts: unknown[]) => posts.map((value, i) => ({ line: i + 1, value }))

describe('requests on their way to the store', () => {
  let store: Awaited<ReturnType<typeof testStore>>
  beforeAll(async () => void (store = await testStore()))
  afterAll(() => store.close())

  it('settles once the requests that arrived before t are stored, not before, and ignores later ones', async () => {
    // A slow writer (it waits 400 ms for a fuller batch) keeps each request in flight for a while.
    const door = createIngest({ maxTextChars: 20_000, batchMaxRows: 10_000, flushMs: 400, nlpWorkers: 0, entities: loadEntities(DEFAULT_CONFIG_FILE), log: { warn() {}, error() {} } }, store.client)
    try {
      const before = Date.now()
      const first = door.process(lines(Array.from({ length: 30 }, (_, i) => post({ id: `flight-a-${i}` }))))
      // Nothing arrived before `before`: no wait, and the request is still on its way.
      await door.settled(before - 1)
      expect(await store.count("id LIKE 'flight-a-%'")).toBe(0)
      await door.settled(Date.now() + 1)
      expect(await store.count("id LIKE 'flight-a-%'")).toBe(30)
      await first

      const cut = Date.now() + 1
      await new Promise((r) => setTimeout(r, 5))
      const later = door.process(lines([post({ id: 'flight-b-0' })]))
      await door.settled(cut)
      expect(await store.count("id = 'flight-b-0'"), 'a request after t is not waited for').toBe(0)
      await later
      // A request whose posts are all refused settles too.
      const bad = door.process(lines([{ id: 'x' }]))
      await door.settled(Date.now() + 1)
      await bad
    } finally {
      await door.close()
    }
  })
})
