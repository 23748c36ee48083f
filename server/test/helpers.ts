import { afterAll, beforeAll } from 'vitest'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { DEFAULT_CONFIG_FILE } from '@pulso/ingest/paths'
import { migrationsDir } from '@pulso/sql'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { PostInput } from '@pulso/types'
import type { Browser } from 'playwright-core'
import { buildApp } from '../src/app.ts'
import { closeBrowser } from './browser-errors.ts'
import type { Config } from '../src/config.ts'

/** A fresh app on its own embedded store in a temporary directory (chDB binds one directory per process). */
export async function testApp(config: Partial<Config> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pulso-test-'))
  const app = await buildApp({ logger: false, config: { dataDir, demo: false, ...config } }).catch((err: unknown) => {
    rmSync(dataDir, { recursive: true, force: true })
    throw err
  })
  return {
    app,
    dataDir,
    async close() {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A copy of the repo's config (plus `extra` YAML) in a temporary directory, removed after the describe block: for
 * a suite that edits its config while running. Returns the file's path. */
export function configCopy(prefix: string, extra = ''): string {
  const dir = mkdtempSync(path.join(tmpdir(), `pulso-${prefix}-`))
  const file = path.join(dir, 'pulso.yaml')
  writeFileSync(file, readFileSync(DEFAULT_CONFIG_FILE, 'utf8') + extra)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return file
}

/**
 * One app for a describe block: built before its tests, closed after them. `t.app` is the app once built.
 */
export function suiteApp(config: Partial<Config> = {}) {
  let t: Awaited<ReturnType<typeof testApp>> | undefined
  beforeAll(async () => {
    t = await testApp(config)
  })
  afterAll(() => t?.close())
  return {
    get app() {
      return t!.app
    },
  }
}

/** suiteApp, listening on loopback, with Chromium beside it: what every wall test in a browser starts from. */
export function suiteWall(config: Partial<Config> = {}, launch: () => Promise<Browser>) {
  const t = suiteApp(config)
  let browser: Browser | undefined
  let url = ''
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}/`
    browser = await launch()
  })
  afterAll(() => closeBrowser(browser))
  return {
    get app() {
      return t.app
    },
    get url() {
      return url
    },
    get browser() {
      return browser!
    },
  }
}

let seq = 0
/** A valid post; `over` replaces fields. */
export function post(over: Partial<PostInput> = {}): PostInput {
  seq++
  return {
    id: `t-${seq}`,
    source: 'test',
    createdAt: new Date().toISOString(),
    text: 'Elena Ruiz ha estado brillante esta noche 👏',
    author: { id: `author-${seq % 50}`, handle: `h${seq}`, followers: 100 },
    ...over,
  }
}

export const ndjson = (lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')

export async function queryRows<T>(app: Awaited<ReturnType<typeof buildApp>>, query: string, query_params = {}): Promise<T[]> {
  const rs = await app.store.client.query({ query, query_params, format: 'JSONEachRow' })
  return rs.json<T>()
}

/** Every migration file's version, in order (what schema_migrations must hold after start-up). */
export const migrationVersions = () =>
  readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_.*\.sql$/.test(f))
    .sort()
    .map((f) => f.replace(/\.sql$/, ''))
