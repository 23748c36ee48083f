import { mkdirSync } from 'node:fs'
import { createClient, type ClickHouseClient } from '@clickhouse/client'

type ClientOptions = NonNullable<Parameters<typeof createClient>[0]>
import type { Config } from '../config.ts'

export interface Store {
  client: ClickHouseClient
  /** 'embedded' (chDB in this process) or 'server' (HTTP to CLICKHOUSE_URL). */
  kind: 'embedded' | 'server'
  close(): Promise<void>
}

type StoreConfig = Pick<Config, 'dataDir' | 'clickhouseUrl' | 'clickhouseUser' | 'clickhousePassword' | 'clickhouseDatabase' | 'clickhouseMaxMemoryBytes'>

/** The one place that creates the ClickHouse client: same SQL, embedded or over HTTP. */
export async function openStore(cfg: StoreConfig): Promise<Store> {
  const clickhouse_settings = { max_memory_usage: String(cfg.clickhouseMaxMemoryBytes) }
  if (cfg.clickhouseUrl) {
    const client = createClient({
      url: cfg.clickhouseUrl,
      username: cfg.clickhouseUser,
      password: cfg.clickhousePassword,
      database: cfg.clickhouseDatabase,
      clickhouse_settings,
    })
    return { client, kind: 'server', close: () => client.close() }
  }
  mkdirSync(cfg.dataDir, { recursive: true })
  // Loaded lazily: the native engine is ~500 MB and not needed when talking to a server.
  const { createChdbConnection } = await import('chdb/connection')
  // chdb types its Connection against @clickhouse/client-common, which @clickhouse/client now bundles as its own
  // copy: the shapes are identical, the declarations are not, hence the cast.
  const connection = createChdbConnection({ path: cfg.dataDir }) as unknown as NonNullable<ClientOptions['connection']>
  const client = createClient({ connection, clickhouse_settings })
  const { drainPending } = await import('chdb')
  return {
    client,
    kind: 'embedded',
    // The engine binds one directory per process: wait until it has really let go, so a next open (another test's
    // directory, or a restart in-process) is not refused.
    close: async () => {
      await client.close()
      await drainPending()
    },
  }
}
