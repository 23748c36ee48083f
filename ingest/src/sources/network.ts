import { createBackoff, sleep } from './backoff.ts'
import { createCommitter, type Committer, type CommitterOptions } from './committer.ts'
import { createStatus, type StatusTracker } from './status.ts'
import type { Source, SourceContext } from './types.ts'

export interface Session {
  signal: AbortSignal
  /** The cursor committed when this connection opened: events at or before it are re-deliveries. */
  floor: string | undefined
  committer: Committer
  status: StatusTracker
  /** Call once the upstream accepted the connection: state goes live (the backoff starts over once it stayed up). */
  live(): void
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export interface NetworkOptions {
  name: string
  kind: string
  ctx: SourceContext
  /** One connection, from open to close: resolves when the upstream ends it, throws on failure. */
  connect(s: Session): Promise<void>
  /** Wait before the next connection; default exponential 1 s → 60 s with jitter. */
  delay?: (err: unknown, attempt: number) => number
  committer?: CommitterOptions
  /**
   * The backoff starts over only after a connection stayed up this long (ms, default 30 s): an upstream that accepts
   * and drops at once must not be hammered at the shortest wait forever.
   */
  stableMs?: number
  /** Runs once before the first connection (X: sync the stream rules). */
  prepare?: (s: Omit<Session, 'live' | 'floor'>) => Promise<void>
}

/**
 * The life of a streaming adapter: connect, read until the connection ends, store what was read and commit the
 * cursor, wait (backoff with jitter), reconnect from the committed cursor. Nothing here throws out to the app:
 * every failure is counted in `errors` and leads to a reconnect.
 */
export function createNetworkSource(o: NetworkOptions): Source {
  const status = createStatus(o.name, o.kind)
  const committer = createCommitter(o.name, o.ctx, status, o.committer)
  const backoff = createBackoff(1000, 60_000)
  let ctl: AbortController | undefined
  let running: Promise<void> | undefined
  let attempt = 0
  let liveAt: number | undefined

  async function run(signal: AbortSignal) {
    status.set('connecting')
    await committer.load()
    committer.start()
    let prepared = !o.prepare
    while (!signal.aborted) {
      let err: unknown
      try {
        if (!prepared) await o.prepare!({ signal, committer, status }), (prepared = true)
        await o.connect({
          signal,
          floor: committer.committed,
          committer,
          status,
          live() {
            status.set('live')
            status.auth(undefined)
            liveAt = Date.now()
          },
        })
        if (!signal.aborted) err = new Error('connection closed by the server')
      } catch (e) {
        err = e
      }
      if (liveAt !== undefined && Date.now() - liveAt >= (o.stableMs ?? 30_000)) backoff.reset(), (attempt = 0)
      liveAt = undefined
      await committer.flush() // store what this connection read before resuming from the cursor
      if (signal.aborted) break
      const message = (err as Error)?.message ?? String(err)
      status.error(message)
      o.ctx.log.warn({ source: o.name, err: message }, 'source disconnected, reconnecting')
      const refused = err instanceof HttpError && (err.status === 401 || err.status === 403)
      status.auth(refused ? message : undefined) // the upstream's reason (Mastodon: invalid vs missing token) in /api/health
      status.set(refused ? 'error' : 'reconnecting')
      await sleep(o.delay ? o.delay(err, attempt++) : backoff.next(), signal)
    }
  }

  return {
    name: o.name,
    start() {
      if (running) return
      ctl = new AbortController()
      running = run(ctl.signal).catch((e) => {
        status.set('error')
        status.error((e as Error).message)
        o.ctx.log.error({ source: o.name, err: e }, 'source failed')
      })
    },
    async stop() {
      if (!running) return
      ctl!.abort()
      await running
      await committer.stop()
      running = undefined
      status.set('stopped')
    },
    status: () => status.snapshot(),
  }
}
