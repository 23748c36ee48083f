import type { Entity, PostInput } from '@pulso/types'
import { readLines } from './lines.ts'
import { createNetworkSource, HttpError, type Session } from './network.ts'
import { createXSchedule, type XScheduleOptions } from './x-schedule.ts'
import type { Source, SourceContext } from './types.ts'

export interface XSpec {
  kind: 'x'
  name: string
  /** App-only bearer token (from env, see docs/sources.md). */
  token: string
  /** https://api.x.com; a local server in tests. */
  baseUrl: string
  /** Replace this app's stream rules (tag `pulso:<entity>`) with the entity terms at start; other rules stay. */
  syncRules: boolean
  /** Appended to every rule, e.g. "-is:retweet" or "(lang:es OR lang:en)". */
  ruleSuffix?: string
  /** Longest rule your access level allows (512 on Basic/Pro, 1024 on Enterprise); longer term lists are split. */
  maxRuleChars: number
  /** On reconnect ask X to re-send up to this many minutes (Pro/Enterprise only; 0 = off). Re-sent posts are dropped as duplicates. */
  backfillMinutes: number
  /** X sends a keep-alive every 20 s (it says: reconnect after 20 s of silence); a little slack avoids needless reconnects. */
  idleTimeoutS: number
  label: string
}

export interface XRule {
  value: string
  tag: string
}

/** The term without accents or other marks, as Pulso's matcher folds text (entities.ts): Caída → Caida, España → Espana. */
const unaccent = (t: string) => t.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC')

/**
 * One OR-group per entity (split when too long); words stay words, phrases are quoted, #tags and @handles kept.
 * X matches accents exactly while Pulso's matching ignores them, so every accented term also goes in unaccented
 * (`#CaídaCeluna OR #CaidaCeluna`), next to it; the split keeps every rule within `maxChars`.
 */
export function buildRules(entities: Entity[], suffix = '', maxChars = 512): XRule[] {
  const out: XRule[] = []
  for (const e of entities) {
    const bare = e.terms.map((t) => t.trim().replace(/^"(.*)"$/, '$1').replace(/"/g, '')).filter(Boolean)
    const terms = [...new Set(bare.flatMap((t) => [t.normalize('NFC'), unaccent(t)]))].map((t) => (/\s/.test(t) ? `"${t}"` : t))
    const wrap = (xs: string[]) => `(${xs.join(' OR ')})${suffix ? ' ' + suffix : ''}`
    let group: string[] = []
    for (const t of terms) {
      if (group.length && wrap([...group, t]).length > maxChars) out.push({ value: wrap(group), tag: `pulso:${e.id}` }), (group = [])
      group.push(t)
    }
    if (group.length) out.push({ value: wrap(group), tag: `pulso:${e.id}` })
  }
  return out
}

/**
 * X API v2 filtered stream: newline-delimited JSON over one long HTTP response, with blank keep-alive lines.
 * Reconnects follow X's documented schedule (see x-schedule.ts: counters reset only after a connection lasted 30 s,
 * a minimum gap between connects, X's connect quota kept). Cursor = the newest stored post id.
 */
export function createXSource(spec: XSpec, ctx: SourceContext, opts: { timeScale?: number; schedule?: XScheduleOptions } = {}): Source {
  const base = spec.baseUrl.replace(/\/+$/, '')
  const auth = { authorization: `Bearer ${spec.token}` }
  const schedule = createXSchedule({ scale: opts.timeScale, ...opts.schedule })

  async function call(path: string, init: RequestInit = {}): Promise<any> {
    const res = await fetch(base + path, { ...init, headers: { ...auth, 'content-type': 'application/json', ...init.headers } })
    const body = await res.json().catch(() => ({}))
    if (!res.ok) throw new HttpError(res.status, `HTTP ${res.status} from ${path}: ${body?.title ?? body?.detail ?? ''}`)
    return body
  }

  async function syncRules(s: { status: Session['status'] }) {
    const want = buildRules(ctx.entities, spec.ruleSuffix, spec.maxRuleChars)
    const have: (XRule & { id: string })[] = (await call('/2/tweets/search/stream/rules')).data ?? []
    const key = (r: XRule) => `${r.tag}\u0000${r.value}`
    const mine = have.filter((r) => r.tag?.startsWith('pulso:'))
    const wanted = new Set(want.map(key))
    const stale = mine.filter((r) => !wanted.has(key(r))).map((r) => r.id)
    const present = new Set(mine.map(key))
    const add = want.filter((r) => !present.has(key(r)))
    if (stale.length) await call('/2/tweets/search/stream/rules', { method: 'POST', body: JSON.stringify({ delete: { ids: stale } }) })
    if (add.length) {
      const r = await call('/2/tweets/search/stream/rules', { method: 'POST', body: JSON.stringify({ add }) })
      if (r.errors?.length) s.status.error(`rule refused: ${JSON.stringify(r.errors[0]).slice(0, 300)}`, r.errors.length)
    }
    ctx.log.info({ source: spec.name, added: add.length, deleted: stale.length, kept: mine.length - stale.length }, 'X stream rules synced')
  }

  function toPost(msg: any): PostInput {
    const t = msg?.data
    if (typeof t?.id !== 'string' || typeof t.text !== 'string' || typeof t.author_id !== 'string') throw new Error('post without id, text or author_id')
    const user = msg.includes?.users?.find((u: any) => u?.id === t.author_id)
    const rt = t.referenced_tweets?.find((r: any) => r?.type === 'retweeted')
    // A retweet's own text is "RT @x: …" cut short; the expansion holds the full original.
    const orig = rt && msg.includes?.tweets?.find((x: any) => x?.id === rt.id)
    // `text` of a long post (a note tweet, > 280 characters) stops at 280; `note_tweet.text` holds all of it.
    const full = (x: any) => (typeof x?.note_tweet?.text === 'string' && x.note_tweet.text ? x.note_tweet.text : x?.text)
    const pm = t.public_metrics ?? {}
    // An edit is a new post whose edit_history_tweet_ids starts with the original: stored under the original's id,
    // it replaces it (counted once); the link goes to the newest version.
    const first = Array.isArray(t.edit_history_tweet_ids) ? t.edit_history_tweet_ids[0] : undefined
    const original = typeof first === 'string' && /^\d{1,32}$/.test(first) ? first : t.id
    const p: PostInput = {
      id: original,
      source: spec.label,
      createdAt: typeof t.created_at === 'string' ? t.created_at : new Date().toISOString(),
      text: typeof full(orig) === 'string' ? full(orig) : full(t),
      author: { id: t.author_id },
      metrics: { reposts: pm.retweet_count ?? 0, likes: pm.like_count ?? 0, replies: pm.reply_count ?? 0 },
      url: `https://x.com/${user?.username ?? 'i/web'}/status/${t.id}`,
    }
    if (typeof t.lang === 'string' && !/^(und|zxx|q)/.test(t.lang)) p.lang = t.lang // und, zxx, qme...: no language
    if (typeof user?.username === 'string') p.author.handle = user.username
    if (Number.isInteger(user?.public_metrics?.followers_count)) p.author.followers = user.public_metrics.followers_count
    if (typeof user?.verified === 'boolean') p.author.verified = user.verified
    if (typeof rt?.id === 'string') p.repostOf = rt.id
    const ref = (type: string) => t.referenced_tweets?.find((r: any) => r?.type === type)?.id
    if (typeof ref('replied_to') === 'string') p.replyTo = ref('replied_to')
    if (typeof ref('quoted') === 'string') p.quoteOf = ref('quoted')
    const born = Date.parse(user?.created_at)
    if (Number.isFinite(born) && born >= Date.UTC(2000, 0, 1) && born <= Date.now()) p.author.createdAt = new Date(born).toISOString()
    return p
  }

  async function connect(s: Session) {
    const q = new URLSearchParams({
      // note_tweet: long posts whole, retweeted ones too; edit_history_tweet_ids: an edit names its original.
      'tweet.fields': 'created_at,lang,author_id,public_metrics,referenced_tweets,note_tweet,edit_history_tweet_ids',
      expansions: 'author_id,referenced_tweets.id',
      'user.fields': 'username,public_metrics,verified,created_at',
    })
    if (s.floor && spec.backfillMinutes > 0) q.set('backfill_minutes', String(spec.backfillMinutes))
    const ctl = new AbortController()
    const onAbort = () => ctl.abort()
    s.signal.addEventListener('abort', onAbort, { once: true })
    let idle: NodeJS.Timeout | undefined
    let stalled = false
    const alive = () => {
      clearTimeout(idle)
      idle = setTimeout(() => ((stalled = true), ctl.abort()), spec.idleTimeoutS * 1000)
    }
    try {
      alive()
      schedule.connecting()
      const res = await fetch(`${base}/2/tweets/search/stream?${q}`, { headers: auth, signal: ctl.signal })
      if (!res.ok) {
        const body = await res.text().catch(() => '')
        throw new HttpError(res.status, `HTTP ${res.status} from the stream: ${body.slice(0, 200)}`)
      }
      s.live()
      schedule.live()
      for await (const line of readLines(res.body!)) {
        alive()
        if (!line.trim()) continue // keep-alive
        let msg: any
        try {
          msg = JSON.parse(line)
        } catch {
          s.status.error('malformed event: not JSON')
          continue
        }
        // A message with errors and no data is X telling us it ends the connection (operational-disconnect...).
        if (!msg?.data && Array.isArray(msg?.errors)) throw new Error(`X: ${msg.errors[0]?.title ?? 'error'}: ${msg.errors[0]?.detail ?? ''}`)
        let post: PostInput
        try {
          post = toPost(msg)
        } catch (e) {
          s.status.error(`malformed event: ${(e as Error).message}`)
          continue
        }
        const cursor: string = msg.data.id
        if (post.id !== cursor) {
          if (!s.committer.replayed(cursor, s.floor)) s.committer.edit(post, cursor)
        } else if (!s.committer.isDuplicate(post.id, cursor, s.floor)) s.committer.push(post, cursor)
        if (s.committer.backlog >= 5000) await s.committer.flush()
      }
    } catch (e) {
      if (stalled) throw new Error(`no data or keep-alive for ${spec.idleTimeoutS} s`)
      if (!s.signal.aborted) throw e
    } finally {
      clearTimeout(idle)
      s.signal.removeEventListener('abort', onAbort)
    }
  }

  return createNetworkSource({ name: spec.name, kind: 'x', ctx, connect, delay: (err) => schedule.delay(err), prepare: spec.syncRules ? syncRules : undefined })
}
