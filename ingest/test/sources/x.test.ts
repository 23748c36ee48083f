import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type ServerResponse } from 'node:http'
import { sourcesSchema, buildRules, createXSource, type XSpec } from '../../src/sources/index.ts'
import { duplicates, entities, listen, recorder, sleep, waitFor } from './helpers.ts'

/**
 * A local X API v2: the stream rules endpoint (GET, POST add/delete) and the filtered stream, chunked,
 * CRLF-delimited JSON with blank keep-alive lines. With `backfill_minutes` it re-sends everything it sent in the
 * last minutes (X's recovery), before the live posts. Every fifth post is a retweet of the one five before.
 */
const ID0 = 1_860_000_000_000_000_000n
const tid = (i: number) => String(ID0 + BigInt(i) * 4096n)
const LONG = new Set([7, 10]) // 10 is also retweeted, by 14
const longText = (i: number) => `Javier Molina y el #MolinaYa ${i}: ` + 'un hilo largo sobre la caída del servicio, '.repeat(12) + `fin ${i}`
/** What X sends: `note_tweet` only when `tweet.fields` asks for it (in the post and in the expanded ones). */
function asSent(msg: any, q: URLSearchParams | undefined) {
  if (q?.get('tweet.fields')?.split(',').includes('note_tweet')) return msg
  const strip = ({ note_tweet: _, ...t }: any) => t
  return { ...msg, data: strip(msg.data), includes: { ...msg.includes, tweets: msg.includes.tweets?.map(strip) } }
}
function tweet(i: number) {
  const user = { id: `u${i % 3}`, username: `user${i % 3}`, public_metrics: { followers_count: 100 + i }, verified: i % 3 === 0 }
  const data: any = { id: tid(i), text: `Javier Molina y el #MolinaYa ${i}`, author_id: user.id, created_at: new Date(Date.now() - 60_000 + i * 100).toISOString(), lang: i % 6 === 1 ? 'und' : 'es', public_metrics: { retweet_count: i, like_count: 2 * i, reply_count: 1 } }
  const includes: any = { users: [user] }
  // Long posts (note tweets): X cuts `text` at 280 and sends the whole in `note_tweet` only when asked for.
  if (LONG.has(i)) (data.note_tweet = { text: longText(i) }), (data.text = longText(i).slice(0, 279) + '…')
  if (i % 5 === 4) {
    data.text = `RT @user${(i - 4) % 3}: Javier Molina y el…`
    data.referenced_tweets = [{ type: 'retweeted', id: tid(i - 4) }]
    includes.tweets = [tweet(i - 4).data]
  }
  return { data, includes, matching_rules: [{ id: 'r1', tag: 'pulso:molina' }] }
}

describe('X filtered stream source', () => {
  let rules = [
    { id: '1', value: '(old words)', tag: 'pulso:gone' },
    { id: '2', value: 'cats', tag: 'another-app' },
  ]
  let nextRule = 10
  const ruleCalls: unknown[] = []
  const streamQueries: URLSearchParams[] = []
  const sent: number[] = []
  let onStream: (res: ServerResponse) => void = () => {}
  const server = createServer(async (req, res) => {
    const u = new URL(req.url!, 'http://x')
    if (req.headers.authorization !== 'Bearer test-token') return res.writeHead(401).end('{"title":"Unauthorized"}')
    if (u.pathname === '/2/tweets/search/stream/rules') {
      if (req.method === 'POST') {
        let body = ''
        for await (const c of req) body += c
        const cmd = JSON.parse(body)
        ruleCalls.push(cmd)
        if (cmd.delete) rules = rules.filter((r) => !cmd.delete.ids.includes(r.id))
        // Like X (Basic/Pro): a rule over 512 characters is refused, the others are added.
        const errors = (cmd.add ?? []).filter((r: any) => r.value.length > 512).map((r: any) => ({ title: 'RuleTooLong', value: r.value }))
        if (cmd.add) rules.push(...cmd.add.filter((r: any) => r.value.length <= 512).map((r: any) => ({ ...r, id: String(nextRule++) })))
        res.writeHead(200, { 'content-type': 'application/json' })
        return res.end(JSON.stringify({ data: rules, ...(errors.length ? { errors } : {}) }))
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      return res.end(JSON.stringify({ data: rules, meta: { result_count: rules.length } }))
    }
    if (u.pathname === '/2/tweets/search/stream') {
      streamQueries.push(u.searchParams)
      return onStream(res)
    }
    res.writeHead(404).end()
  })
  let baseUrl = ''
  beforeAll(async () => (baseUrl = `http://127.0.0.1:${await listen(server)}`))
  afterAll(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))))

  const send = (res: ServerResponse, from: number, to: number, track = true) => {
    for (let i = from; i < to; i++) {
      if (track) sent.push(i)
      res.write(JSON.stringify(asSent(tweet(i), streamQueries[streamQueries.length - 1])) + '\r\n')
      if (i % 6 === 0) res.write('\r\n') // keep-alive
    }
  }

  it('builds one OR rule per entity, quoting phrases and splitting long ones', () => {
    const r = buildRules(entities, '-is:retweet', 512)
    expect(r.find((x) => x.tag === 'pulso:ruiz')!.value).toBe('("Elena Ruiz" OR ruiz OR @elenaruiz OR #RuizPresidenta OR avanza) -is:retweet')
    const split = buildRules(entities.slice(0, 1), '', 40)
    expect(split.length).toBeGreaterThan(1)
    expect(split.every((x) => x.value.length <= 40 && x.tag === 'pulso:ruiz')).toBe(true)
  })

  it('adds the unaccented form of every accented term, within the rule length (X matches accents exactly)', () => {
    const caida = { ...entities[0], id: 'celuna', terms: ['#CaídaCeluna', 'Celuna', '"caída del servicio"', 'España', 'ñandú'] }
    expect(buildRules([caida])[0].value).toBe('(#CaídaCeluna OR #CaidaCeluna OR Celuna OR "caída del servicio" OR "caida del servicio" OR España OR Espana OR ñandú OR nandu)')
    const split = buildRules([caida], '-is:retweet', 60)
    expect(split.every((r) => r.value.length <= 60 && r.tag === 'pulso:celuna')).toBe(true)
    const all = split.flatMap((r) => r.value.replace(/ -is:retweet$/, '').slice(1, -1).split(' OR '))
    expect(all).toEqual(['#CaídaCeluna', '#CaidaCeluna', 'Celuna', '"caída del servicio"', '"caida del servicio"', 'España', 'Espana', 'ñandú', 'nandu'])
  })

  it('syncs rules, maps posts and retweets; after a forced disconnect and an HTTP error it resumes with no gap and no duplicate', async () => {
    const rec = recorder()
    const [spec] = sourcesSchema.parse([{ kind: 'x', token: 'test-token', baseUrl, backfillMinutes: 2 }]) as XSpec[]
    onStream = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      send(res, 0, 15)
      res.write('{"data": {"id": broken\r\n')
      res.write('{"data": {"id": "1"}}\r\n')
      send(res, 15, 30)
      setTimeout(() => {
        for (let i = 30; i < 50; i++) sent.push(i) // posted while we are away
        res.socket!.destroy()
      }, 300)
      onStream = (res2) => {
        res2.writeHead(503, { 'content-type': 'application/json' }).end('{"title":"Service Unavailable"}')
        onStream = (res3) => {
          res3.writeHead(200, { 'content-type': 'application/json' })
          // backfill_minutes: everything of the last minutes again (the client must drop what it has), then live.
          if (new URL('http://x/?' + streamQueries[streamQueries.length - 1]).searchParams.get('backfill_minutes')) send(res3, 0, 50, false)
          send(res3, 50, 70)
          setTimeout(() => res3.write(JSON.stringify({ errors: [{ title: 'operational-disconnect', detail: 'bye' }] }) + '\r\n'), 200)
          onStream = (res4) => res4.writeHead(200).write('\r\n')
        }
      }
    }
    const source = createXSource(spec, rec.ctx, { timeScale: 0.02 })
    source.start()
    await waitFor(() => rec.posts.length >= 70 && streamQueries.length >= 4, 20_000, 'posts 0..69 and a reconnect')
    await new Promise((r) => setTimeout(r, 300))
    await source.stop()

    // Rules: the stale pulso rule deleted, the other app's rule kept, one rule per entity added.
    expect(rules.find((r) => r.tag === 'pulso:gone')).toBeUndefined()
    expect(rules.find((r) => r.tag === 'another-app')).toBeDefined()
    expect(rules.filter((r) => r.tag.startsWith('pulso:')).map((r) => r.tag).sort()).toEqual(entities.map((e) => `pulso:${e.id}`).sort())
    expect(ruleCalls).toHaveLength(2)

    expect(streamQueries[0].get('backfill_minutes')).toBeNull()
    expect(streamQueries[2].get('backfill_minutes')).toBe('2')
    expect(duplicates(rec.posts.map((p) => p.id))).toEqual([])
    expect(rec.posts.map((p) => p.id).sort()).toEqual([...Array(70).keys()].map(tid).sort())
    expect(rec.invalid).toEqual([])
    const st = source.status()
    expect(st.errors).toBeGreaterThanOrEqual(2 + 3) // two malformed, a reset, a 503, an operational disconnect
    expect(st.cursor).toBe(tid(69))

    const rt = rec.posts.find((p) => p.id === tid(9))!
    expect(rt).toMatchObject({ repostOf: tid(5), text: 'Javier Molina y el #MolinaYa 5', source: 'x' })
    expect(rec.posts.find((p) => p.id === tid(3))).toMatchObject({ lang: 'es', author: { id: 'u0', handle: 'user0', followers: 103, verified: true }, metrics: { reposts: 3, likes: 6, replies: 1 }, url: `https://x.com/user0/status/${tid(3)}` })
    expect(rec.posts.find((p) => p.id === tid(1))!.lang).toBeUndefined() // 'und'
    // Long posts whole (issue 16, point 3), also when retweeted.
    expect(longText(7).length).toBeGreaterThan(280)
    expect(rec.posts.find((p) => p.id === tid(7))!.text).toBe(longText(7))
    expect(rec.posts.find((p) => p.id === tid(14))).toMatchObject({ repostOf: tid(10), text: longText(10) })
  })

  it('syncs the unaccented forms to the stream rules, every rule within the length X accepts', async () => {
    const rec = recorder()
    const many = Array.from({ length: 60 }, (_, i) => `#CaídaCeluna${i}`)
    const ctx = { ...rec.ctx, entities: [{ ...entities[0], id: 'celuna', terms: many }] }
    const [spec] = sourcesSchema.parse([{ kind: 'x', token: 'test-token', baseUrl }]) as XSpec[]
    onStream = (res) => res.writeHead(200).write('\r\n')
    const source = createXSource(spec, ctx, { timeScale: 0.02 })
    source.start()
    await waitFor(() => rules.some((r) => r.tag === 'pulso:celuna'), 5000, 'rules synced')
    await sleep(100)
    await source.stop()
    const mine = rules.filter((r) => r.tag === 'pulso:celuna')
    const terms = mine.flatMap((r) => r.value.slice(1, -1).split(' OR '))
    expect(terms.sort()).toEqual([...many, ...many.map((t) => t.replace('í', 'i'))].sort())
    expect(source.status().errors).toBe(0) // no rule refused
  })

  it('an edit replaces the original (edit_history_tweet_ids[0]); replies, quotes and the author creation date are kept (issue 16, points 2, 6, 7)', async () => {
    const rec = recorder()
    const [spec] = sourcesSchema.parse([{ kind: 'x', name: 'x-honour', token: 'test-token', baseUrl, syncRules: false }]) as XSpec[]
    const user = { id: 'u9', username: 'nine', created_at: '2011-05-06T07:08:09.000Z', public_metrics: { followers_count: 9 } }
    const id = (n: number) => String(ID0 + 900_000n + BigInt(n))
    const msg = (n: number, text: string, extra: object = {}) => ({ data: { id: id(n), text, author_id: 'u9', created_at: new Date(Date.now() - 5000 + n).toISOString(), edit_history_tweet_ids: [id(n)], ...extra }, includes: { users: [user] } })
    onStream = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      for (const m of [
        msg(1, 'Javier Molina dimite'),
        msg(2, 'Javier Molina no dimite', { referenced_tweets: [{ type: 'replied_to', id: id(1) }] }),
        msg(3, 'Javier Molina, ¿en serio?', { referenced_tweets: [{ type: 'quoted', id: id(1) }] }),
        msg(4, 'Javier Molina dimite mañana (editado)', { edit_history_tweet_ids: [id(1), id(4)] }),
      ]) res.write(JSON.stringify(m) + '\r\n')
    }
    const source = createXSource(spec, rec.ctx, { timeScale: 0.02 })
    source.start()
    await waitFor(() => rec.edits.length >= 1, 10_000, 'the edit')
    await source.stop()
    expect(rec.posts.map((p) => p.id).sort()).toEqual([id(1), id(2), id(3)]) // the edit is not a fourth post
    expect(rec.posts.find((p) => p.id === id(1))).toMatchObject({ text: 'Javier Molina dimite mañana (editado)', url: `https://x.com/nine/status/${id(4)}`, author: { createdAt: '2011-05-06T07:08:09.000Z' } })
    expect(rec.posts.find((p) => p.id === id(2))!.replyTo).toBe(id(1))
    expect(rec.posts.find((p) => p.id === id(3))!.quoteOf).toBe(id(1))
    const q = streamQueries[streamQueries.length - 1]
    expect(q.get('tweet.fields')!.split(',')).toContain('edit_history_tweet_ids')
    expect(q.get('user.fields')!.split(',')).toContain('created_at')
  })
})
