import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ClickHouseClient } from '@clickhouse/client'
import { migrationsDir } from '@pulso/sql'

const FILE = /^(\d{4})_[\w-]+\.sql$/

/** Statements of one migration file: `--` comment lines dropped, split on a `;` that ends a line. */
export function splitStatements(sql: string): string[] {
  const body = sql
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('--'))
    .join('\n')
  return body
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean)
}

/**
 * Applies sql/migrations/NNNN_*.sql in order, once each, recording them in schema_migrations.
 * Idempotent: run at every start-up. Returns the versions now applied.
 */
export async function migrate(client: ClickHouseClient, dir = migrationsDir): Promise<string[]> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations
            (version String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
            ENGINE = MergeTree ORDER BY version`,
  })
  const rs = await client.query({ query: 'SELECT version FROM schema_migrations', format: 'JSONEachRow' })
  const applied = new Set((await rs.json<{ version: string }>()).map((r) => r.version))
  const files = (await readdir(dir)).filter((f) => FILE.test(f)).sort()
  for (const file of files) {
    const version = file.replace(/\.sql$/, '')
    if (applied.has(version)) continue
    for (const query of splitStatements(await readFile(path.join(dir, file), 'utf8'))) {
      await client.command({ query })
    }
    await client.insert({ table: 'schema_migrations', values: [{ version }], format: 'JSONEachRow' })
    applied.add(version)
  }
  return [...applied].sort()
}

/** Applies the configured retention to posts, only when it differs (MODIFY TTL rewrites parts). */
export async function applyRetention(client: ClickHouseClient, days: number): Promise<void> {
  const rs = await client.query({
    query: `SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = 'posts'`,
    format: 'JSONEachRow',
  })
  const [row] = await rs.json<{ engine_full: string }>()
  if (!row || row.engine_full.includes(`toIntervalDay(${days})`)) return
  await client.command({ query: `ALTER TABLE posts MODIFY TTL toDateTime(created_at) + toIntervalDay(${Math.floor(days)})` })
}
