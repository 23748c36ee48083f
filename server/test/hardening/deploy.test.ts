import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { repoPath } from '@pulso/ingest/paths'

/**
 * Issue 13 #5: docker-compose published ClickHouse's port with a fixed password and access management on. There is
 * no Docker engine here to run it, so the file itself is held to what it must say.
 */
describe('the deployment files are safe by default', () => {
  const compose = parse(readFileSync(repoPath('docker-compose.yml'), 'utf8'))
  const { clickhouse, pulso } = compose.services

  it('keeps the store on an internal network, unpublished, with secrets from the environment', () => {
    expect(clickhouse.ports).toBeUndefined()
    expect(clickhouse.networks).toEqual(['internal'])
    expect(compose.networks.internal.internal).toBe(true)
    expect(clickhouse.environment.CLICKHOUSE_PASSWORD).toMatch(/^\$\{CLICKHOUSE_PASSWORD:\?/)
    expect(clickhouse.environment.CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT).toBe('0')
    expect(pulso.environment.CLICKHOUSE_PASSWORD).toBe(clickhouse.environment.CLICKHOUSE_PASSWORD)
  })

  it('requires tokens for a server that listens on every interface, and restarts both', () => {
    expect(pulso.environment.HOST).toBe('0.0.0.0')
    expect(pulso.environment.ADMIN_TOKEN).toMatch(/^\$\{ADMIN_TOKEN:\?/)
    expect(pulso.environment.VIEWER_TOKEN).toMatch(/^\$\{VIEWER_TOKEN:\?/)
    expect([clickhouse.restart, pulso.restart]).toEqual(['unless-stopped', 'unless-stopped'])
  })

  it('runs the image as a non-root user', () => {
    const lines = readFileSync(repoPath('Dockerfile'), 'utf8').split('\n')
    const user = lines.reduce((at, l, i) => (/^USER\s+/.test(l) ? i : at), -1) // the last USER line rules
    expect(lines[user]).toMatch(/^USER\s+node/)
    expect(user).toBeLessThan(lines.findIndex((l) => /^CMD /.test(l)))
  })
})
