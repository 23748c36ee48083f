/**
 * `npm run purge -- --source demo`: every post of one source out of the store, its per-second and per-minute
 * aggregates corrected, each removal recorded in post_removals (issue 19). The embedded store belongs to one process
 * at a time: stop Pulso first, or use POST /api/admin/purge on a running one (docs/sources.md).
 */
import { loadConfig } from '../src/config.ts'
import { openStore } from '../src/store/client.ts'
import { migrate } from '../src/store/migrate.ts'
import { deletesSettled, removePosts } from '../src/store/removals.ts'

const args = process.argv.slice(2).filter((a) => a !== '--')
const at = args.indexOf('--source')
const source = at >= 0 ? args[at + 1]?.trim() : undefined
if (!source || args.length !== 2 || source.length > 64) {
  console.error('usage: npm run purge -- --source <label>   (e.g. demo)')
  process.exit(2)
}

const store = await openStore(loadConfig())
try {
  await migrate(store.client)
  const removed = await removePosts(store.client, { source }, 'purged')
  await deletesSettled(store.client, 3600_000) // the DELETE runs in the background: done before the store closes
  console.log(`purged ${removed} post(s) of source '${source}'; aggregates corrected`)
} finally {
  await store.close()
}
