import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type ServerResponse } from 'node:http'
import { sourcesSchema, createSource, htmlToText } from '../../src/sources/index.ts'
import { duplicates, listen, recorder, waitFor } from './helpers.ts'

/**
 * A local Mastodon: the SSE streaming endpoint (`event: update`, `:thump` heartbeats, `delete` events) and the
 * public timeline API paged by `min_id`. Every fifth status is a boost of the status five before; every fourth
 * names no entity.
 */
const ID0 = 110_000_000_000_000_000n
const sid = (i: number) => String(ID0 + BigInt(i) * 1000n)
const suri = (i: number) => `https://remote.example/users/u${i % 5}/statuses/${sid(i)}`
function status(i: number): any {
  const account = { id: String(i % 5), username: `u${i % 5}`, acct: `u${i % 5}@remote.example`, url: `https://remote.example/@u${i % 5}`, followers_count: 10 * i }
  const base = { id: sid(i), created_at: new Date(Date.now() - 60_000 + i * 100).toISOString(), account, reblogs_count: 1, favourites_count: 2, replies_count: 0 }
  if (i % 5 === 4) return { ...base, uri: `${suri(i)}/activity`, content: '', language: null, reblog: status(i - 4) }
  const content = i % 4 === 3 ? `<p>hoy llueve ${i}</p>` : `<p>Carmen Soto &amp; la <a href="https://x"><span>#SotoSi</span></a> ${i}<br>¿y tú?</p>`
  return { ...base, uri: suri(i), url: `https://remote.example/@u${i % 5}/${sid(i)}`, content, language: 'es', reblog: null, spoiler_text: '' }
}
const kept = (i: number) => (i % 5 === 4 ? (i - 4) % 4 !== 3 : i % 4 !== 3)
const expectedIds = (n: number) => [...Array(n).keys()].filter(kept).map((i) => (i % 5 === 4 ? `${suri(i)}/activity` : suri(i)))

describe('Mastodon streaming source', () => {
  const posted: number[] = [] // what the instance holds (the timeline API serves it)
  const timelineQueries: URLSearchParams[] = []
  let streams = 0
  let onStream: (res: ServerResponse) => void = () => {}
  const server = createServer((req, res) => {
    const u = new URL(req.url!, 'http://x')
    if (u.pathname === '/api/v1/streaming/public') {
      streams++
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(':)\n\n')
      return onStream(res)
    }
    if (u.pathname === '/api/v1/timelines/public') {
      timelineQueries.push(u.searchParams)
      const min = BigInt(u.searchParams.get('min_id') ?? '0')
      // Newest first, at most 8 per page (less than asked, as instances may): the client must page.
      const page = posted.filter((i) => BigInt(sid(i)) > min).slice(0, 8).reverse()
      res.writeHead(200, { 'content-type': 'application/json' })
      return res.end(JSON.stringify(page.map(status)))
    }
    res.writeHead(404).end()
  })
  let instance = ''
  beforeAll(async () => (instance = `http://127.0.0.1:${await listen(server)}`))
  afterAll(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))))

  const send = (res: ServerResponse, from: number, to: number) => {
    for (let i = from; i < to; i++) {
      posted.push(i)
      res.write(`event: update\ndata: ${JSON.stringify(status(i))}\n\n`)
      if (i % 7 === 0) res.write(':thump\n')
    }
  }

  it('turns HTML into text', () => {
    expect(htmlToText('<p>a &amp; b<br/>c</p><p>d &#233;&#x1F600; &lt;x&gt;</p>')).toBe('a & b\nc\n\nd é😀 <x>')
  })

  it('stores updates and boosts; after a forced disconnect it fills the gap from the timeline API with no gap and no duplicate', async () => {
    const rec = recorder()
    const [spec] = sourcesSchema.parse([{ kind: 'mastodon', instance, token: 'secret' }])
    onStream = (res) => {
      send(res, 0, 15)
      res.write('event: delete\ndata: 12345\n\n')
      res.write('event: update\ndata: {"id": broken\n\n')
      res.write(`event: update\ndata: ${JSON.stringify({ id: 'x' })}\n\n`)
      send(res, 15, 30)
      setTimeout(() => {
        for (let i = 30; i < 50; i++) posted.push(i) // posted while we are away
        res.socket!.destroy()
      }, 300)
      // Connection 2: live statuses flow at once (buffered while the client reads the gap), one repeated.
      onStream = (res2) => {
        send(res2, 50, 70)
        res2.write(`event: update\ndata: ${JSON.stringify(status(45))}\n\n`)
      }
    }
    const source = createSource(spec, rec.ctx)
    source.start()
    await waitFor(() => rec.posts.length >= expectedIds(70).length, 20_000, 'statuses 0..69')
    await new Promise((r) => setTimeout(r, 300))
    await source.stop()

    expect(streams).toBe(2)
    expect(duplicates(rec.posts.map((p) => p.id))).toEqual([])
    expect(rec.posts.map((p) => p.id).sort()).toEqual(expectedIds(70).sort())
    expect(rec.invalid).toEqual([])
    // The gap was read from the cursor (the last status of connection 1), page by page.
    expect(timelineQueries[0].get('min_id')).toBe(sid(29))
    expect(timelineQueries.length).toBeGreaterThanOrEqual(3)
    const st = source.status()
    expect(st.errors).toBeGreaterThanOrEqual(3) // two malformed updates, one disconnect
    expect(st.cursor).toBe(sid(69))

    const boost = rec.posts.find((p) => p.id === `${suri(24)}/activity`)!
    expect(boost.repostOf).toBe(suri(20))
    expect(boost.text).toBe(rec.posts.find((p) => p.id === suri(20))!.text)
    expect(boost.author.handle).toBe('@u4@remote.example')
    const p = rec.posts.find((x) => x.id === suri(1))!
    expect(p).toMatchObject({ text: 'Carmen Soto & la #SotoSi 1\n¿y tú?', lang: 'es', source: 'mastodon', author: { id: 'https://remote.example/@u1', followers: 10 } })
  })

  it('honours deletes, unboosts and edits; keeps replies, 4.4 quotes and the account creation date (issue 16, points 1, 2, 6, 7)', async () => {
    const rec = recorder()
    const [spec] = sourcesSchema.parse([{ kind: 'mastodon', instance, name: 'masto-honour' }])
    const account = { id: '77', username: 'ana', acct: 'ana', url: `${instance}/@ana`, followers_count: 5, created_at: '2019-03-04T00:00:00.000Z' }
    const at = (n: number) => new Date(Date.now() - 5000 + n).toISOString()
    const st = (id: string, content: string, extra: object = {}) => ({ id, uri: `${instance}/users/ana/statuses/${id}`, url: `${instance}/@ana/${id}`, created_at: at(Number(id.slice(-2))), account, content: `<p>${content}</p>`, language: 'es', reblog: null, ...extra })
    const s1 = st('900000000000000001', 'Carmen Soto y las pensiones')
    const events: [string, unknown][] = [
      ['update', s1],
      ['update', st('900000000000000002', 'Carmen Soto miente', { in_reply_to_id: s1.id })],
      ['update', st('900000000000000003', 'Carmen Soto, otra vez', { quote: { state: 'accepted', quoted_status: s1 } })],
      ['update', { ...st('900000000000000004', ''), uri: `${instance}/users/ana/statuses/900000000000000004/activity`, reblog: s1 }],
      ['status.update', { ...s1, content: '<p>Javier Molina y las pensiones (editado)</p>', edited_at: at(50) }],
      ['delete', '900000000000000002'],
      ['delete', '900000000000000004'],
    ]
    onStream = (res) => events.forEach(([event, data]) => res.write(`event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`))
    const source = createSource(spec, rec.ctx)
    source.start()
    await waitFor(() => rec.removed.length >= 2 && rec.edits.length >= 1, 10_000, 'deletes and the edit')
    await source.stop()
    const uri = (id: string) => `${instance}/users/ana/statuses/${id}`
    expect(rec.posts.map((p) => p.id).sort()).toEqual([uri('900000000000000001'), uri('900000000000000003')])
    expect(rec.removed).toEqual([uri('900000000000000002'), `${uri('900000000000000004')}/activity`])
    expect(rec.posts.find((p) => p.id === uri('900000000000000001'))).toMatchObject({ text: 'Javier Molina y las pensiones (editado)', author: { createdAt: '2019-03-04T00:00:00.000Z' } })
    expect(rec.posts.find((p) => p.id === uri('900000000000000003'))!.quoteOf).toBe(uri('900000000000000001'))
    expect(rec.edits.map((p) => p.id)).toEqual([uri('900000000000000001')])
    expect(rec.invalid).toEqual([])
  })

  it('a reply keeps the id of the post it answers', async () => {
    const rec = recorder()
    const [spec] = sourcesSchema.parse([{ kind: 'mastodon', instance, name: 'masto-thread' }])
    const account = { id: '78', username: 'leo', acct: 'leo', url: `${instance}/@leo` }
    const a = { id: '910000000000000001', uri: `${instance}/users/leo/statuses/1`, created_at: new Date().toISOString(), account, content: '<p>Carmen Soto gana</p>', reblog: null }
    const b = { ...a, id: '910000000000000002', uri: `${instance}/users/leo/statuses/2`, content: '<p>Carmen Soto pierde</p>', in_reply_to_id: a.id }
    onStream = (res) => [a, b].forEach((x) => res.write(`event: update\ndata: ${JSON.stringify(x)}\n\n`))
    const source = createSource(spec, rec.ctx)
    source.start()
    await waitFor(() => rec.posts.length >= 2, 10_000, 'two statuses')
    await source.stop()
    expect(rec.posts[1].replyTo).toBe(a.uri)
  })
})
