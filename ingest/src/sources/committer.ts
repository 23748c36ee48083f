import type { PostInput, PostKey } from '@pulso/types'
import { compareCursor, createBackoff, sleep } from './backoff.ts'
import type { StatusTracker } from './status.ts'
import type { EmitResult, SourceContext } from './types.ts'

export interface CommitterOptions {
  /** Hand what was read to `emit` at least this often (ms). */
  batchMs?: number
  /** ...or as soon as this many posts wait. */
  maxBatch?: number
  /** How many recent post ids are remembered to drop duplicate deliveries. */
  seenMax?: number
  /** Wait before re-sending when the store is unavailable; doubles up to retryMaxMs. */
  retryBaseMs?: number
  retryMaxMs?: number
}

/** What an adapter read, in order: a new post, an edit (replaces the stored version), a delete. */
type Op = { kind: 'post' | 'edit'; post: PostInput } | { kind: 'delete'; key: PostKey }

/**
 * Between an adapter and `emit`: batches posts, drops re-deliveries, re-sends what the store could not take, and
 * commits the cursor only once every post read before it is stored. So a restart resumes exactly where the store
 * stands: nothing read-but-unstored is skipped, and whatever the upstream re-delivers is dropped here.
 */
export function createCommitter(name: string, ctx: SourceContext, status: StatusTracker, opts: CommitterOptions = {}) {
  const batchMs = opts.batchMs ?? 250
  const maxBatch = opts.maxBatch ?? 500
  const seenMax = opts.seenMax ?? 100_000
  let committed: string | undefined
  let readCursor: string | undefined
  let pending: Op[] = []
  const seen = new Set<string>()
  let chain: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  let stopping = new AbortController()

  /** Emits one batch until the store took it; when stopped before that, returns the posts still unstored. */
  async function send(batch: PostInput[], replace = false): Promise<PostInput[]> {
    const backoff = createBackoff(opts.retryBaseMs ?? 500, opts.retryMaxMs ?? 30_000)
    let todo = batch
    const before = status.state
    for (;;) {
      let r: EmitResult
      try {
        r = await (replace ? ctx.emit(todo, { replace: true }) : ctx.emit(todo))
      } catch (e) {
        // An emit that throws is an unavailable store too: keep the posts.
        r = { accepted: 0, rejected: todo.map((_, i) => ({ line: i + 1, error: `store: ${(e as Error).message}` })), retry: 'store-down' }
      }
      const bad = new Set(r.rejected.map((x) => x.line))
      let newest: number | null = null
      todo.forEach((p, i) => {
        const t = Date.parse(p.createdAt)
        if (!bad.has(i + 1) && (newest === null || t > newest)) newest = t
      })
      status.emitted(r.accepted, newest)
      // Store failures are re-sent; a post the pipeline refused (invalid) would be refused again: count it.
      const storeFailed = r.retry ? r.rejected.filter((x) => /^store\b/.test(x.error)) : []
      let again = r.retry ? (storeFailed.length ? storeFailed : r.rejected) : []
      const refused = r.rejected.filter((x) => !again.includes(x))
      const unlisted = (r.rejectedCount ?? r.rejected.length) - r.rejected.length
      if (r.retry && unlisted > 0) {
        // The list was cut short: re-send every post not listed as refused. Those stored meanwhile come back as
        // duplicates (the writer deduplicates by source and id), so nothing is stored twice and nothing is skipped.
        const refusedLines = new Set(refused.map((x) => x.line))
        const error = again[0]?.error ?? 'store unavailable'
        again = todo.map((_, i) => ({ line: i + 1, error })).filter((x) => !refusedLines.has(x.line))
      }
      const refusedCount = refused.length + (r.retry ? 0 : unlisted)
      if (refusedCount) status.error(`${refusedCount} post(s) rejected: ${refused[0].error}`, refusedCount)
      if (!again.length) {
        if (status.state === 'paused') status.set(before === 'paused' ? 'live' : before)
        return []
      }
      todo = again.map((x) => todo[x.line - 1])
      status.set('paused')
      status.error(`store unavailable, re-sending ${todo.length} post(s): ${again[0].error}`, 0)
      ctx.log.warn({ source: name, posts: todo.length }, 'store unavailable, backing off')
      if (stopping.signal.aborted) return todo
      await sleep(backoff.next(), stopping.signal)
    }
  }

  /** Deletes at the source, until the store took them; false when stopped before that. */
  async function sendRemovals(keys: PostKey[]): Promise<boolean> {
    if (!ctx.remove) return true // nothing to remove with (a bare pipeline): said once in docs/sources.md
    const backoff = createBackoff(opts.retryBaseMs ?? 500, opts.retryMaxMs ?? 30_000)
    for (;;) {
      try {
        await ctx.remove(keys)
        status.removed(keys.length)
        return true
      } catch (e) {
        status.error(`deletes not applied yet, re-sending ${keys.length}: ${(e as Error).message}`, 0)
        if (stopping.signal.aborted) return false
        await sleep(backoff.next(), stopping.signal)
      }
    }
  }

  /**
   * Runs a batch as at most three steps: new posts, then deletes, then edits, each in the order read. Per post the
   * outcome is the order read (a post is created before it is deleted or edited; a deleted post stays deleted
   * whether its edit came before or after: the edit finds it buried), in three round trips however the kinds
   * interleave, deletes first: they must stop counting soonest. Returns what is not done (store down, stopping).
   */
  async function run(ops: Op[]): Promise<Op[]> {
    for (const kind of ['post', 'delete', 'edit'] as const) {
      const mine = ops.filter((o) => o.kind === kind)
      if (mine.length === 0) continue
      const rest = () => ops.filter((o) => o.kind !== kind && (kind === 'post' || (kind === 'delete' && o.kind === 'edit')))
      if (kind === 'delete') {
        if (!(await sendRemovals(mine.map((o) => (o as { key: PostKey }).key)))) return [...mine, ...rest()]
        continue
      }
      const unstored = await send(mine.map((o) => (o as { post: PostInput }).post), kind === 'edit')
      if (kind === 'edit') status.edited(mine.length - unstored.length)
      if (unstored.length) return [...unstored.map((post) => ({ kind, post }) as Op), ...rest()]
    }
    return []
  }

  async function flushNow() {
    const batch = pending
    const cursor = readCursor
    pending = []
    const undone = batch.length ? await run(batch) : []
    if (undone.length) {
      pending = undone.concat(pending) // kept, and the cursor stays before them
      return
    }
    if (cursor === undefined || cursor === committed) return
    committed = cursor
    status.cursor(cursor)
    try {
      await ctx.cursors.set(name, cursor)
    } catch (e) {
      status.error(`cursor not saved: ${(e as Error).message}`)
      ctx.log.error({ source: name, err: e }, 'cursor not saved')
    }
  }

  return {
    /** Reads the committed cursor; call once before the first connection. */
    async load(): Promise<string | undefined> {
      committed = readCursor = await ctx.cursors.get(name)
      status.cursor(committed)
      return committed
    },
    get committed() {
      return committed
    },
    get backlog() {
      return pending.length
    },
    /**
     * True for a re-delivery: at or before `floor` (the cursor committed when this connection opened) or an id
     * seen recently. Otherwise remembers the id.
     */
    isDuplicate(id: string, cursor?: string, floor?: string): boolean {
      if (floor !== undefined && cursor !== undefined && compareCursor(cursor, floor) <= 0) return true
      if (seen.has(id)) return true
      seen.add(id)
      if (seen.size > seenMax) seen.delete(seen.values().next().value!)
      return false
    },
    /** Queue one post read at `cursor`. */
    push(post: PostInput, cursor?: string) {
      this.op({ kind: 'post', post }, cursor)
    },
    /** An edit at the source: the stored version is replaced (same source and id), counted once. */
    edit(post: PostInput, cursor?: string) {
      this.op({ kind: 'edit', post }, cursor)
    },
    /** Deleted (or un-reposted) at the source: out of the store and the aggregates, even if it comes later. */
    remove(key: PostKey, cursor?: string) {
      this.op({ kind: 'delete', key }, cursor)
    },
    op(o: Op, cursor?: string) {
      // The store would drop it at its next merge (TTL): said in the status instead of vanishing silently.
      const days = ctx.retentionDays
      if (days && o.kind !== 'delete' && Date.parse(o.post.createdAt) < Date.now() - days * 86_400_000) {
        status.skip(`older than the retention window (${days} day${days === 1 ? '' : 's'})`)
        return this.advance(cursor)
      }
      pending.push(o)
      this.advance(cursor)
      if (pending.length >= maxBatch) void this.flush()
    },
    /** At or before `floor` (the cursor committed when this connection opened): a re-delivery. */
    replayed(cursor: string, floor?: string): boolean {
      return floor !== undefined && compareCursor(cursor, floor) <= 0
    },
    /** An event that yields no post (filtered out, a delete) still moves the resume point past it. */
    advance(cursor?: string) {
      if (cursor !== undefined && (readCursor === undefined || compareCursor(cursor, readCursor) > 0)) readCursor = cursor
    },
    /** Emit what waits and commit the cursor; flushes never overlap. */
    flush(): Promise<void> {
      chain = chain.then(flushNow, flushNow)
      return chain
    },
    start() {
      stopping = new AbortController()
      const beat = () => {
        void this.flush().finally(() => {
          if (timer) timer = setTimeout(beat, batchMs)
        })
      }
      timer = setTimeout(beat, batchMs)
    },
    /** Last flush; if the store is still down it gives up without committing, so the next start re-reads. */
    async stop() {
      clearTimeout(timer)
      timer = undefined
      stopping.abort() // one more try each, no waiting: stop must end even while the store is down
      await this.flush()
    },
  }
}

export type Committer = ReturnType<typeof createCommitter>
