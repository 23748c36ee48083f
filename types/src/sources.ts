/** What `/api/health` and the wall show for one source. */
export interface SourceStatus {
  name: string
  kind: string
  state: 'connecting' | 'live' | 'reconnecting' | 'paused' | 'done' | 'error' | 'stopped'
  /** Posts emitted per second over the last 10 s. */
  ratePerS: number
  /** now − createdAt of the newest emitted post (null before the first). */
  lagMs: number | null
  /** Posts emitted (stored) since start. */
  total: number
  /** Malformed events, rejected posts, failed connections. */
  errors: number
  lastError?: string
  /** The committed resume point (after the posts up to it are stored). */
  cursor?: string
  /** File replay: records done / total (null while unknown). */
  progress?: { done: number; total: number | null }
}
