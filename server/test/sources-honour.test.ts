import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import { afterAll, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import { DEFAULT_CONFIG_FILE } from '@pulso/ingest/paths'
import { queryRows, testApp } from './helpers.ts'

/**
 * End to end (issue 16, acceptance): the real app with a Bluesky source on a local Jetstream. A post counted in
 * /api/series, then deleted at the source, is no longer counted within 5 s; an edited post is counted once, under
 * its new entity.
 */
describe('deletes and edits at the source, through the whole app', () => {
  let wss: WebSocketServer
  afterAll(() => new Promise<void>((r) => (wss ? wss.close(() => r()) : r())))

  it('Bluesky: a deleted post stops counting within 5 s; an edited one counts once, with its new entities', async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await new Promise((r) => wss.once('listening', r))
    let live: WebSocket | undefined
    let time = Date.now() * 1000 - 20_000_000
    const did = 'did:plc:e2e'
    const send = (operation: string, rkey: string, record?: object) => {
      time += 1000
      const commit = record ? { rev: 'r', operation, collection: 'app.bsky.feed.post', rkey, cid: 'c', record: { $type: 'app.bsky.feed.post', langs: ['es'], createdAt: new Date(Date.now() - 10_000).toISOString(), ...record } } : { rev: 'r', operation, collection: 'app.bsky.feed.post', rkey }
      live!.send(JSON.stringify({ did, time_us: time, kind: 'commit', commit }))
    }
    wss.on('connection', (ws: WebSocket) => (live = ws))
    const dir = mkdtempSync(path.join(tmpdir(), 'pulso-honour-'))
    const config = path.join(dir, 'pulso.yaml')
    writeFileSync(config, readFileSync(DEFAULT_CONFIG_FILE, 'utf8') + `\nsources:\n  - kind: bluesky\n    url: ws://127.0.0.1:${(wss.address() as AddressInfo).port}/subscribe\n    profiles: false\n`)
    const t = await testApp({ configFile: config })
    try {
      await t.app.ready()
      await expect.poll(() => live !== undefined, { timeout: 10_000 }).toBe(true)
      const from = new Date(Date.now() - 3600_000).toISOString()
      const seriesTotal = async (entity: string) => {
        const to = new Date(Date.now() + 60_000).toISOString()
        const r = (await t.app.inject(`/api/series?entity=${entity}&from=${from}&to=${to}&step=1`)).json()
        return (r.points as { posts: number }[]).reduce((s, p) => s + p.posts, 0)
      }
      send('create', 'keep', { text: 'Javier Molina explica su plan' })
      send('create', 'gone', { text: 'Carmen Soto ha mentido en el debate' })
      send('create', 'edit', { text: 'Javier Molina no sabe de pensiones' })
      await expect.poll(() => seriesTotal('molina'), { timeout: 10_000, interval: 200 }).toBe(2)
      await expect.poll(() => seriesTotal('soto'), { timeout: 10_000, interval: 200 }).toBe(1)
      const vidalBefore = await seriesTotal('vidal')

      const t0 = Date.now()
      send('delete', 'gone')
      send('update', 'edit', { text: 'Marcos Vidal no sabe de pensiones (editado)' })
      await expect.poll(() => seriesTotal('soto'), { timeout: 5000, interval: 100 }).toBe(0)
      console.log(`delete at the source applied in ${Date.now() - t0} ms`)
      // The edit: out of its old entity, into its new one, once (it goes through the analyser again: given longer).
      await expect.poll(() => seriesTotal('molina'), { timeout: 15_000, interval: 100 }).toBe(1)
      await expect.poll(() => seriesTotal('vidal'), { timeout: 15_000, interval: 100 }).toBe(vidalBefore + 1)
      console.log(`edit at the source applied in ${Date.now() - t0} ms`)
      const rows = () => queryRows<{ id: string; text: string; entities: string[] }>(t.app, `SELECT id, text, entities FROM posts WHERE source = 'bluesky' ORDER BY id`)
      // posts follows within seconds (its DELETE runs in the background); the aggregates above were corrected at once.
      await expect.poll(rows, { timeout: 10_000, interval: 100 }).toEqual([
        { id: `at://${did}/app.bsky.feed.post/edit`, text: 'Marcos Vidal no sabe de pensiones (editado)', entities: ['vidal'] },
        { id: `at://${did}/app.bsky.feed.post/keep`, text: 'Javier Molina explica su plan', entities: ['molina'] },
      ])
      const removals = await queryRows<{ id: string; reason: string }>(t.app, `SELECT id, reason FROM post_removals ORDER BY reason`)
      expect(removals).toEqual([
        { id: `at://${did}/app.bsky.feed.post/gone`, reason: 'deleted' },
        { id: `at://${did}/app.bsky.feed.post/edit`, reason: 'edited' },
      ])
      const health = (await t.app.inject('/api/health')).json()
      expect(health.sources[0]).toMatchObject({ kind: 'bluesky', removed: 1, edited: 1 })
    } finally {
      await t.close()
    }
  }, 60_000)

  it("Mastodon: /api/health says why the token was refused ('Invalid access token')", async () => {
    const server = createServer((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"Invalid access token"}'))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const dir = mkdtempSync(path.join(tmpdir(), 'pulso-honour-'))
    const config = path.join(dir, 'pulso.yaml')
    writeFileSync(config, readFileSync(DEFAULT_CONFIG_FILE, 'utf8') + `\nsources:\n  - kind: mastodon\n    instance: http://127.0.0.1:${(server.address() as AddressInfo).port}\n    token: wrong\n`)
    const t = await testApp({ configFile: config })
    try {
      await t.app.ready()
      const health = async () => (await t.app.inject('/api/health')).json()
      await expect.poll(async () => (await health()).sources[0].authError, { timeout: 10_000 }).toBe('HTTP 401 from /api/v1/streaming/public: Invalid access token')
      expect(await health()).toMatchObject({ status: 'degraded', sources: [{ kind: 'mastodon', state: 'error' }] })
    } finally {
      await t.close()
      await new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())))
    }
  }, 60_000)
})
