import { availableParallelism } from 'node:os'
import { repoPath } from '@pulso/ingest/paths'

export interface Config {
  port: number
  host: string
  logLevel: string
  /** Embedded store directory (ignored when clickhouseUrl is set). */
  dataDir: string
  clickhouseUrl: string | undefined
  clickhouseUser: string
  clickhousePassword: string
  clickhouseDatabase: string
  /** Per-query memory cap: an embedded engine that runs out of memory takes the process with it. */
  clickhouseMaxMemoryBytes: number
  retentionDays: number
  configFile: string
  /** Run the built-in demo generator (default: on unless DEMO=off). */
  demo: boolean
  /** Demo posts per second at rest (surges multiply it). */
  demoRate: number
  tickMs: number
  windowSeconds: number
  historySeconds: number
  /** Rows per insert at most; under load the writer's queue fills batches up to this (bigger inserts cost less per row). */
  batchMaxRows: number
  /** A waiting row is flushed at the latest after this long (≤ 250 ms keeps the wall sub-second). */
  flushMs: number
  /** NLP worker threads (default: cores − 1, at least 1); 0 analyses on the main thread. */
  nlpWorkers: number
  bodyLimitBytes: number
  maxTextChars: number
  webDir: string
  /** Where accepted posts wait, fsync'd, while the store is down or slow (default: <dataDir>/spool). */
  spoolDir: string | undefined
  /** Bound of the spool; past it ingest answers 429 with Retry-After. */
  spoolMaxBytes: number
  /** An insert slower than this is retried, then spooled: producers are answered even when the store is slow. */
  insertTimeoutMs: number
  /** Where sources keep their resume cursors (default: <dataDir>/cursors.json). */
  cursorsFile: string | undefined
  /** Admin credential: ingest, actions, configuration, metrics. Unset together with viewerToken: open mode. */
  adminToken: string | undefined
  /** Read-only credential for walls. */
  viewerToken: string | undefined
  /** API requests per minute per client address. */
  rateLimitPerMinute: number
  /** Wrong tokens per minute per client address (HTTP and socket handshake) before it is refused for the minute. */
  authFailuresPerMinute: number
  /** Listen beyond loopback without tokens anyway (INSECURE_OPEN_NETWORK=yes): everyone who reaches the port is admin. */
  insecureOpenNetwork: boolean
  /** A request (headers and body) must arrive within this many ms; slow senders are cut off (slowloris). */
  requestTimeoutMs: number
  /** Expensive reads (feed, replay, history, queue pages) running at once; more wait, up to readQueue. */
  readConcurrency: number
  /** Reads waiting for a slot at most; past it a read is refused with 503 + Retry-After. */
  readQueue: number
  /** The same read within this many ms is answered from the first one's result (coalesced). */
  readCacheMs: number
  /** Largest client → server socket.io message, bytes (client events are tiny; the default socket.io allows 1 MB). */
  socketMaxMessageBytes: number
  /** Spike detector interval, seconds: short enough to alert within seconds, long enough to hold some posts. */
  alertIntervalS: number
  /** Drivers compare the spike window with this many seconds before it. */
  alertDriverBaselineS: number
  /** Slack-compatible incoming webhook for alerts (unset: none). */
  alertWebhookUrl: string | undefined
}

type Env = Record<string, string | undefined>

function num(env: Env, name: string, dflt: number, min = 0): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return dflt
  const n = Number(raw)
  if (!Number.isFinite(n) || n < min) throw new Error(`config: ${name}=${raw} is not a number >= ${min}`)
  return n
}

// Relative paths are from the repo root, so that defaults do not depend on which folder npm starts us in.
const resolvePath = (p: string): string => repoPath(p)

/** Every knob, read once, with its default. Documented in README.md ("Configuration"). */
export function loadConfig(env: Env = process.env): Config {
  return {
    port: num(env, 'PORT', 3000),
    // Without tokens, loopback only: an open war room must not be reachable from the network by default.
    host: env.HOST || (env.ADMIN_TOKEN || env.VIEWER_TOKEN ? '0.0.0.0' : '127.0.0.1'),
    logLevel: env.LOG_LEVEL ?? 'info',
    dataDir: resolvePath(env.DATA_DIR ?? 'data'),
    clickhouseUrl: env.CLICKHOUSE_URL || undefined,
    clickhouseUser: env.CLICKHOUSE_USER ?? 'default',
    clickhousePassword: env.CLICKHOUSE_PASSWORD ?? '',
    clickhouseDatabase: env.CLICKHOUSE_DATABASE ?? 'default',
    clickhouseMaxMemoryBytes: num(env, 'CLICKHOUSE_MAX_MEMORY_BYTES', 4 * 1024 ** 3, 1e8),
    retentionDays: num(env, 'RETENTION_DAYS', 90, 1),
    configFile: resolvePath(env.PULSO_CONFIG ?? 'config/pulso.yaml'),
    demo: (env.DEMO ?? 'on') !== 'off',
    demoRate: num(env, 'DEMO_RATE', 40, 0),
    tickMs: num(env, 'TICK_MS', 500, 50),
    windowSeconds: num(env, 'WINDOW_SECONDS', 60, 1),
    historySeconds: num(env, 'HISTORY_SECONDS', 600, 10),
    batchMaxRows: num(env, 'BATCH_MAX_ROWS', 10_000, 1),
    flushMs: Math.min(num(env, 'FLUSH_MS', 200, 1), 250),
    nlpWorkers: Math.floor(num(env, 'NLP_WORKERS', Math.max(1, availableParallelism() - 1), 0)),
    bodyLimitBytes: num(env, 'BODY_LIMIT_BYTES', 16 * 1024 * 1024, 1024),
    maxTextChars: num(env, 'MAX_TEXT_CHARS', 25_000, 1), // X's long posts reach 25,000 characters
    webDir: resolvePath(env.WEB_DIR ?? 'web/build'),
    spoolDir: env.SPOOL_DIR ? resolvePath(env.SPOOL_DIR) : undefined,
    spoolMaxBytes: num(env, 'SPOOL_MAX_BYTES', 1024 ** 3, 0),
    insertTimeoutMs: num(env, 'INSERT_TIMEOUT_MS', 5000, 100),
    cursorsFile: env.PULSO_CURSORS ? resolvePath(env.PULSO_CURSORS) : undefined,
    adminToken: env.ADMIN_TOKEN || undefined,
    viewerToken: env.VIEWER_TOKEN || undefined,
    rateLimitPerMinute: num(env, 'RATE_LIMIT_PER_MINUTE', 6000, 1),
    authFailuresPerMinute: num(env, 'AUTH_FAILURES_PER_MINUTE', 10, 1),
    insecureOpenNetwork: env.INSECURE_OPEN_NETWORK === 'yes',
    requestTimeoutMs: num(env, 'REQUEST_TIMEOUT_MS', 30_000, 1000),
    readConcurrency: num(env, 'READ_CONCURRENCY', 2, 1),
    readQueue: num(env, 'READ_QUEUE', 32, 0),
    readCacheMs: num(env, 'READ_CACHE_MS', 2000, 0),
    socketMaxMessageBytes: num(env, 'SOCKET_MAX_MESSAGE_BYTES', 64 * 1024, 1024),
    alertIntervalS: num(env, 'ALERT_INTERVAL_S', 2, 1),
    alertDriverBaselineS: num(env, 'ALERT_DRIVER_BASELINE_S', 600, 10),
    alertWebhookUrl: env.ALERT_WEBHOOK_URL || undefined,
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])

/**
 * Why this configuration must not listen, or null. Open mode (no tokens) makes every caller admin: allowed on
 * loopback, refused on any other interface unless INSECURE_OPEN_NETWORK=yes says the operator means it.
 */
export function exposureProblem(c: Pick<Config, 'host' | 'adminToken' | 'viewerToken' | 'insecureOpenNetwork'>): string | null {
  if (c.adminToken || c.viewerToken || LOOPBACK.has(c.host) || /^127\./.test(c.host) || c.insecureOpenNetwork) return null
  return `refusing to listen on ${c.host} with no ADMIN_TOKEN or VIEWER_TOKEN: anyone on the network would be admin. Set the tokens (README, "Security"), listen on 127.0.0.1, or set INSECURE_OPEN_NETWORK=yes if you really mean it.`
}
