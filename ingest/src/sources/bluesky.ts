import WebSocket from 'ws'
import type { PostInput } from '@pulso/types'
import { createMatcher } from '../entities.ts'
import { fromSourceLang } from '../nlp/lang.ts'
import { createNetworkSource, HttpError, type Session } from './network.ts'
import { createProfiles, type ProfilesSpec } from './bluesky-profiles.ts'
import { Recent } from './recent.ts'
import type { StatusTracker } from './status.ts'
import type { Source, SourceContext } from './types.ts'

export interface BlueskySpec {
  kind: 'bluesky'
  name: string
  /** Jetstream endpoint (any public instance, or your own). */
  url: string
  /** Keep only posts that name an entity (the firehose carries the whole network: leave this on). */
  filter: boolean
  /** A reply or quote of a kept post that names no entity itself is kept, with the parent's text appended. */
  context: boolean
  /** On reconnect, ask for events this many seconds before the cursor (Jetstream's advice for a gapless resume). */
  rewindS: number
  /** No event for this long (the firehose never pauses) = a dead connection. */
  idleTimeoutS: number
  /** Value of `source` on the stored posts. */
  label: string
  /** Authors' profiles from the AppView (handle, followers, creation date), cached; false: none. */
  profiles: ProfilesSpec | false
}

const EARLIEST = Date.UTC(2000, 0, 1)

/** An at:// reference as stored in posts.id, or undefined (a reference from a hostile frame is not trusted blindly). */
const atUri = (v: unknown): string | undefined => (typeof v === 'string' && v.startsWith('at://') && v.length <= 256 ? v : undefined)

/**
 * Bluesky through Jetstream (JSON over websocket). Cursor = the event's `time_us`; on reconnect Jetstream replays
 * from `cursor`, rewound a few seconds, and what was already stored is dropped. Reposts carry no text, so a repost
 * of a post this source kept is stored with that post's text and `repostOf`; reposts of unseen posts are skipped.
 */
export function createBlueskySource(spec: BlueskySpec, ctx: SourceContext): Source {
  const match = createMatcher(ctx.entities)
  const kept = new Recent<{ text: string; lang?: string }>(50_000) // at-uri → text, for reposts/replies/quotes
  const handles = new Recent<string>(100_000) // did → handle, learnt from identity events
  // What this adapter stored (posts and reposts): the firehose carries every delete of the network, and only these
  // concern the store. Bounded: a delete of a post stored long ago or before a restart is not applied (sources.md).
  const stored = new Recent<true>(200_000)
  let tracker: StatusTracker | undefined // the source's status, for what goes wrong in the background
  const profiles = spec.profiles
    ? createProfiles(spec.profiles, (m) => (tracker?.error(m, 0), ctx.log.warn({ source: spec.name }, m)))
    : undefined

  function toPost(ev: any, time: number, edit = false): PostInput | null {
    const c = ev.commit
    const r = c.record
    if (!r || typeof r !== 'object' || typeof c.rkey !== 'string') throw new Error('commit without record or rkey')
    const at = `at://${ev.did}/${c.collection}/${c.rkey}`
    const claimed = Date.parse(r.createdAt)
    // Like Bluesky's own app: the earlier of the claimed and the indexed time, so a post cannot date itself ahead.
    const createdAt = new Date(Number.isFinite(claimed) && claimed >= EARLIEST ? Math.min(claimed, time) : time).toISOString()
    // What is known of the author now: a post never waits for a profile (bluesky-profiles.ts).
    const prof = profiles?.get(ev.did)
    const author: PostInput['author'] = { id: ev.did }
    const handle = prof?.handle ?? handles.get(ev.did)
    if (handle) author.handle = handle
    if (prof?.followers !== undefined) author.followers = prof.followers
    if (prof?.createdAt) author.createdAt = prof.createdAt
    const base = { id: at, source: spec.label, createdAt, author, url: `https://bsky.app/profile/${ev.did}/post/${c.rkey}` }
    if (c.collection === 'app.bsky.feed.repost') {
      const of = r.subject?.uri
      if (typeof of !== 'string') throw new Error('repost without subject.uri')
      const orig = kept.get(of)
      if (!orig && spec.filter) return null
      const { url: _url, ...rest } = base // the repost record has no page of its own
      const p: PostInput = { ...rest, text: orig?.text ?? '', repostOf: of }
      if (orig?.lang) p.lang = orig.lang
      return p
    }
    if (typeof r.text !== 'string') throw new Error('post without text')
    let text: string = r.text
    // app.bsky.embed.record has record.uri; recordWithMedia nests it once more.
    const quoted = atUri(r.embed?.record?.uri ?? r.embed?.record?.record?.uri)
    const parentUri = atUri(r.reply?.parent?.uri)
    if (spec.filter && match(text).length === 0) {
      const ref = quoted ?? parentUri
      const parent = spec.context && ref ? kept.get(ref) : undefined
      // An edit that no longer names an entity still replaces the version stored (which then counts for none).
      if (!parent && !(edit && kept.has(at))) return null
      if (parent) text = `${text}\n\n» ${parent.text.slice(0, 500)}`
    }
    // langs lists every language of the post (["ca", "es"]): the first one Pulso analyses (es/en) is stored, so a
    // bilingual post is not filed as `other` for its first tag; with none of them, the first tag as given.
    const tags: string[] = Array.isArray(r.langs) ? r.langs.filter((l: unknown): l is string => typeof l === 'string' && l !== '') : []
    const lang = (tags.find((l) => ['es', 'en'].includes(fromSourceLang(l) ?? '')) ?? tags[0])?.slice(0, 16)
    kept.set(at, { text, lang })
    const p: PostInput = lang ? { ...base, text, lang } : { ...base, text }
    if (parentUri) p.replyTo = parentUri
    if (quoted) p.quoteOf = quoted
    return p
  }

  function onMessage(s: Session, raw: string) {
    tracker = s.status
    let ev: any
    try {
      ev = JSON.parse(raw)
    } catch {
      return s.status.error('malformed event: not JSON')
    }
    if (!ev || typeof ev.time_us !== 'number' || typeof ev.did !== 'string') return s.status.error('malformed event: no time_us or did')
    const cursor = String(ev.time_us)
    if (ev.kind === 'identity' && typeof ev.identity?.handle === 'string') handles.set(ev.did, ev.identity.handle)
    const c = ev.commit
    if (ev.kind !== 'commit' || !['app.bsky.feed.post', 'app.bsky.feed.repost'].includes(c?.collection) || typeof c.rkey !== 'string') {
      return s.committer.advance(cursor)
    }
    // A rewound reconnect re-delivers what the last cursor covered: deletes and edits were applied already.
    if (c.operation !== 'create' && s.committer.replayed(cursor, s.floor)) return s.committer.advance(cursor)
    if (c.operation === 'delete') {
      // A post deleted, or a repost undone: it stops counting everywhere (removals in the store).
      const at = `at://${ev.did}/${c.collection}/${c.rkey}`
      if (!stored.delete(at)) return s.committer.advance(cursor)
      kept.delete(at)
      return s.committer.remove({ source: spec.label, id: at }, cursor)
    }
    if (c.operation !== 'create' && !(c.operation === 'update' && c.collection === 'app.bsky.feed.post')) return s.committer.advance(cursor)
    let post: PostInput | null
    try {
      post = toPost(ev, ev.time_us / 1000, c.operation === 'update')
    } catch (e) {
      s.status.error(`malformed event: ${(e as Error).message}`)
      return s.committer.advance(cursor)
    }
    if (post && c.operation === 'update') stored.set(post.id, true), s.committer.edit(post, cursor) // replaces the stored version
    else if (post && !s.committer.isDuplicate(post.id, cursor, s.floor)) stored.set(post.id, true), s.committer.push(post, cursor)
    else s.committer.advance(cursor)
  }

  function connect(s: Session): Promise<void> {
    const url = new URL(spec.url)
    url.searchParams.append('wantedCollections', 'app.bsky.feed.post')
    url.searchParams.append('wantedCollections', 'app.bsky.feed.repost')
    if (s.floor) url.searchParams.set('cursor', String(Math.max(0, Number(s.floor) - spec.rewindS * 1e6)))
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { handshakeTimeout: 15_000 })
      let idle: NodeJS.Timeout | undefined
      const end = (err?: Error) => {
        clearTimeout(idle)
        s.signal.removeEventListener('abort', abort)
        ws.removeAllListeners()
        ws.on('error', () => undefined)
        ws.terminate()
        if (err) reject(err)
        else resolve()
      }
      const alive = () => {
        clearTimeout(idle)
        idle = setTimeout(() => end(new Error(`no event for ${spec.idleTimeoutS} s`)), spec.idleTimeoutS * 1000)
      }
      const abort = () => end()
      s.signal.addEventListener('abort', abort, { once: true })
      ws.on('open', () => (s.live(), alive()))
      ws.on('unexpected-response', (_req, res) => end(new HttpError(res.statusCode ?? 0, `HTTP ${res.statusCode} from ${url.host}`)))
      ws.on('message', (data) => {
        alive()
        onMessage(s, data.toString())
        // Back-pressure: stop reading while the store is behind (Jetstream drops consumers that lag far; we resume).
        if (s.committer.backlog >= 5000 && !ws.isPaused) {
          ws.pause()
          void s.committer.flush().then(() => ws.resume())
        }
      })
      ws.on('error', (e) => end(e))
      ws.on('close', (code) => end(code === 1000 || code === 1001 ? undefined : new Error(`websocket closed (${code})`)))
    })
  }

  const source = createNetworkSource({ name: spec.name, kind: 'bluesky', ctx, connect })
  return {
    ...source,
    start: () => (profiles?.start(), source.start()),
    stop: () => (profiles?.stop(), source.stop()),
  }
}
