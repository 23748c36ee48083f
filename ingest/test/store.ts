import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { PostInput } from '@pulso/types'
// The server's own store opener and migrations: ingest tests write to the same embedded ClickHouse as production.
import { openStore } from '../../server/src/store/client.ts'
import { migrate } from '../../server/src/store/migrate.ts'
import { createAnalyzer } from '../src/nlp/index.ts'
import { toRow } from '../src/row.ts'

/** A fresh embedded store (chDB) with every migration applied, in a temporary directory. */
export async function testStore() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pulso-ingest-test-'))
  const store = await openStore({ dataDir, clickhouseMaxMemoryBytes: 2 ** 31 } as Parameters<typeof openStore>[0])
  await migrate(store.client)
  return {
    client: store.client,
    dataDir,
    async count(where = '1'): Promise<number> {
      const rs = await store.client.query({ query: `SELECT count() AS n FROM posts WHERE ${where}`, format: 'JSONEachRow' })
      return Number((await rs.json<{ n: string }>())[0].n)
    },
    async close() {
      await store.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

let seq = 0
/** A valid post; `over` replaces fields. */
export function post(over: Partial<PostInput> = {}): PostInput {
  seq++
  return { id: `p-${seq}`, source: 'test', createdAt: new Date().toISOString(), text: 'Elena Ruiz ha estado brillante 👏', author: { id: `a-${seq % 7}` }, ...over }
}

const analyzer = createAnalyzer()
/** A posts row as the pipeline makes it, without validation (to reach the writer with what a validator would stop). */
export function row(p: PostInput) {
  return toRow({ post: p, createdAtMs: Date.parse(p.createdAt), receivedAtMs: Date.now(), entities: [], analysis: analyzer.analyze(p.text) })
}
