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
  /** Posts removed because the network said they were deleted (or un-reposted). */
  removed?: number
  /** Stored posts replaced by their edited version. */
  edited?: number
  /** Posts read but not stored, by reason (e.g. older than the retention window). */
  skipped?: Record<string, number>
  /** Why the upstream refused the last connection, when it said (Mastodon: "Invalid" or "Missing access token"). */
  authError?: string
  /** File replay: records done / total (null while unknown). */
  progress?: { done: number; total: number | null }
}
