// Regenerates sql/schema.sql from a scratch embedded store with every migration applied.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { repoPath } from '@pulso/ingest/paths'
import { openStore } from '../src/store/client.ts'
import { migrate } from '../src/store/migrate.ts'
import { schemaSnapshot } from '../src/store/snapshot.ts'

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pulso-schema-'))
  const store = await openStore({ dataDir, clickhouseUrl: undefined, clickhouseUser: '', clickhousePassword: '', clickhouseDatabase: '', clickhouseMaxMemoryBytes: 2e9 })
  await migrate(store.client)
  writeFileSync(repoPath('sql/schema.sql'), await schemaSnapshot(store.client))
  await store.close()
  rmSync(dataDir, { recursive: true, force: true })
  console.log('wrote sql/schema.sql')
}
main()
