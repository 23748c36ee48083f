import type { PostInput } from '@pulso/types'
import { createMatcher } from '../entities.ts'
import { compareCursor } from './backoff.ts'
import { bodyHead, readSse } from './lines.ts'
import { createNetworkSource, HttpError, type Session } from './network.ts'
import { Recent } from './recent.ts'
import type { Source, SourceContext } from './types.ts'

export interface MastodonSpec {
  kind: 'mastodon'
  name: string
  /** e.g. https://mastodon.social */
  instance: string
  /** Streaming host when the instance serves it elsewhere (see /api/v1/instance → urls.streaming_api). */
  streamingUrl?: string
  stream: 'public' | 'public:local' | 'hashtag' | 'user'
  /** For stream: hashtag (without #). */
  tag?: string
  /** Access token (many instances require one for the public streams). */
  token?: string
  filter: boolean
  /** After a reconnect, read at most this many pages of 40 from the timeline API to fill the gap. */
  backfillPages: number
  idleTimeoutS: number
  label: string
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" }

/** Mastodon sends HTML; the room needs the words. Paragraphs and <br> become newlines. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m
      }
      return ENTITIES[e.toLowerCase()] ?? m
    })
    .trim()
}

/**
 * Mastodon streaming API (server-sent events, `update` events). The stream has no replay, so the cursor is the
 * newest stored status id and a reconnect first reads the gap from the timeline API (`min_id` = cursor), while the
 * new stream is already open and buffering: no gap, and the overlap is dropped as duplicates. Boosts are stored
 * as reposts (`repostOf` = the boosted status' URI) with the boosted text.
 */
export function createMastodonSource(spec: MastodonSpec, ctx: SourceContext): Source {
  const match = createMatcher(ctx.entities)
  const instance = spec.instance.replace(/\/+$/, '')
  const host = new URL(instance).host
  const headers: Record<string, string> = spec.token ? { authorization: `Bearer ${spec.token}` } : {}
  const local = spec.stream === 'public:local'
  const tag = encodeURIComponent((spec.tag ?? '').replace(/^#/, ''))
  const user = spec.stream === 'user'
  const streamPath = user ? 'user' : spec.stream === 'hashtag' ? `hashtag${local ? '/local' : ''}?tag=${tag}` : local ? 'public/local' : 'public'
  const timelinePath = user ? 'home' : spec.stream === 'hashtag' ? `tag/${tag}` : `public${local ? '?local=true' : ''}`

  // The stream names statuses by this instance's local id (deletes, replies); posts are stored by URI. Bounded:
  // a delete of a status seen before a restart, or long ago, cannot be applied (docs/sources.md).
  const stored = new Recent<string>(200_000)
  const idOf = (st: any) => (typeof st.uri === 'string' && st.uri.length <= 256 ? st.uri : `${host}/${st.id}`)

  function toPost(st: any): PostInput {
    if (!st || typeof st.id !== 'string' || typeof st.created_at !== 'string' || !st.account?.id) throw new Error('status without id, created_at or account')
    const shown = st.reblog ?? st // a boost shows the boosted status
    const text = [shown.spoiler_text, htmlToText(String(shown.content ?? ''))].filter(Boolean).join('\n\n')
    const a = st.account
    const acct = String(a.acct ?? a.username ?? a.id)
    const p: PostInput = {
      // The URI is the status' identity across the fediverse: the same toot seen through two instances is one post.
      id: idOf(st),
      source: spec.label,
      createdAt: new Date(Date.parse(st.created_at)).toISOString(),
      text,
      author: { id: typeof a.url === 'string' && a.url.length <= 256 ? a.url : `${host}/${a.id}`, handle: '@' + (acct.includes('@') ? acct : `${acct}@${host}`) },
      metrics: { reposts: st.reblogs_count ?? 0, likes: st.favourites_count ?? 0, replies: st.replies_count ?? 0 },
    }
    if (Number.isInteger(a.followers_count) && a.followers_count >= 0) p.author.followers = a.followers_count
    if (typeof shown.language === 'string' && shown.language) p.lang = shown.language.slice(0, 16)
    if (st.reblog) p.repostOf = typeof st.reblog.uri === 'string' && st.reblog.uri.length <= 256 ? st.reblog.uri : `${host}/${st.reblog.id}`
    if (typeof (shown.url ?? shown.uri) === 'string') p.url = shown.url ?? shown.uri
    const parent = typeof shown.in_reply_to_id === 'string' ? stored.get(shown.in_reply_to_id) : undefined
    if (parent) p.replyTo = parent
    // Mastodon 4.4 quotes: shown only once the quoted author accepted.
    const q = shown.quote
    if (q?.state === 'accepted' && q.quoted_status && typeof q.quoted_status === 'object') p.quoteOf = idOf(q.quoted_status)
    const born = Date.parse(a.created_at)
    if (Number.isFinite(born) && born >= Date.UTC(2000, 0, 1) && born <= Date.now()) p.author.createdAt = new Date(born).toISOString()
    return p
  }

  function onStatus(s: Session, st: any) {
    let post: PostInput
    try {
      post = toPost(st)
    } catch (e) {
      return s.status.error(`malformed status: ${(e as Error).message}`)
    }
    const cursor: string = st.id
    if ((!spec.filter || match(post.text).length > 0) && !s.committer.isDuplicate(post.id, cursor, s.floor)) {
      if (st.id.length <= 64) stored.set(st.id, post.id) // a hostile id must not fill the memory
      s.committer.push(post, cursor)
    } else s.committer.advance(cursor)
  }

  /** `status.update`: the edited status replaces the stored one (an edit that drops every entity too). */
  function onEdit(s: Session, st: any) {
    let post: PostInput
    try {
      post = toPost(st)
    } catch (e) {
      return s.status.error(`malformed status.update: ${(e as Error).message}`)
    }
    if (spec.filter && match(post.text).length === 0 && !stored.has(st.id)) return
    if (st.id.length <= 64) stored.set(st.id, post.id)
    s.committer.edit(post) // no cursor: an edit names an old status, the resume point stays
  }

  /** `delete` (data: the local status id): a status deleted, or a boost undone. */
  function onDelete(s: Session, data: string) {
    const id = stored.get(data.trim())
    if (!id) return s.status.skip('delete of a status not seen since the start')
    stored.delete(data.trim())
    s.committer.remove({ source: spec.label, id })
  }

  async function get(url: string, signal: AbortSignal): Promise<Response> {
    const res = await fetch(url, { headers: { ...headers, accept: url.includes('/streaming') ? 'text/event-stream' : 'application/json' }, signal })
    if (!res.ok) {
      // Mastodon says why in `error` ("Invalid access token", "Missing access token"...): the room needs to know
      // whether to fix the token or add one. Read bounded, never trusted as more than text.
      const body = await bodyHead(res)
      let reason = ''
      try {
        const e = JSON.parse(body)?.error
        if (typeof e === 'string') reason = `: ${e.slice(0, 200)}`
      } catch {
        // not JSON: the status says enough
      }
      throw new HttpError(res.status, `HTTP ${res.status} from ${new URL(url).pathname}${reason}`)
    }
    return res
  }

  /**
   * Statuses after the cursor, oldest first, page by page (min_id pages forward from the cursor) until an empty
   * page: instances cap `limit` differently, so a short page does not mean the end.
   */
  async function backfill(s: Session) {
    let since = s.floor!
    for (let page = 0; page < spec.backfillPages; page++) {
      const sep = timelinePath.includes('?') ? '&' : '?'
      const res = await get(`${instance}/api/v1/timelines/${timelinePath}${sep}min_id=${since}&limit=40`, s.signal)
      const list = await res.json()
      if (!Array.isArray(list)) throw new Error('timeline API answered something other than a list')
      if (!list.length) return
      list.sort((a, b) => compareCursor(String(a?.id), String(b?.id)))
      for (const st of list) onStatus(s, st)
      since = String(list[list.length - 1].id)
      await s.committer.flush()
    }
    s.status.error(`gap not fully filled: more than ${spec.backfillPages} pages of 40 since the last stored status`, 0)
  }

  async function connect(s: Session) {
    const base = (spec.streamingUrl ?? instance).replace(/\/+$/, '')
    const res = await get(`${base}/api/v1/streaming/${streamPath}`, s.signal)
    // Subscribed: from here the stream buffers in the socket while the gap is read from the API.
    if (s.floor) await backfill(s)
    s.live()
    let idle: NodeJS.Timeout | undefined
    const ctl = new AbortController()
    const onAbort = () => ctl.abort()
    s.signal.addEventListener('abort', onAbort, { once: true })
    const alive = () => {
      clearTimeout(idle)
      idle = setTimeout(() => ctl.abort(), spec.idleTimeoutS * 1000)
    }
    ctl.signal.addEventListener('abort', () => void res.body?.cancel().catch(() => undefined), { once: true })
    alive()
    try {
      for await (const ev of readSse(res.body!)) {
        alive()
        if (ev.event === 'delete') {
          if (/^\s*[\w.-]{1,64}\s*$/.test(ev.data)) onDelete(s, ev.data)
          else s.status.error('malformed event: delete without a status id')
          continue
        }
        if (ev.event !== 'update' && ev.event !== 'status.update') continue // notifications and the like
        let st: unknown
        try {
          st = JSON.parse(ev.data)
        } catch {
          s.status.error(`malformed event: ${ev.event} data is not JSON`)
          continue
        }
        if (ev.event === 'update') onStatus(s, st)
        else onEdit(s, st)
        if (s.committer.backlog >= 5000) await s.committer.flush()
      }
    } catch (e) {
      if (!ctl.signal.aborted) throw e
    } finally {
      clearTimeout(idle)
      s.signal.removeEventListener('abort', onAbort)
    }
    if (ctl.signal.aborted && !s.signal.aborted) throw new Error(`no event or heartbeat for ${spec.idleTimeoutS} s`)
  }

  return createNetworkSource({ name: spec.name, kind: 'mastodon', ctx, connect })
}
