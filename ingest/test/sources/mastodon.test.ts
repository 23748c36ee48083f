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
})
