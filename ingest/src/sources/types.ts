import type { Entity, PostInput, PostKey } from '@pulso/types'
import type { Retry } from '../steps.ts'

export type { SourceStatus } from '@pulso/types'
import type { SourceStatus } from '@pulso/types'

export interface Source {
  name: string
  start(): void
  /** Stops reading, stores what was read, commits the cursor. */
  stop(): Promise<void>
  status(): SourceStatus
}

export interface EmitResult {
  accepted: number
  rejected: { line: number; error: string }[]
  /** Rejected lines in all, when `rejected` lists only the first ones (the pipeline keeps at most 100). */
  rejectedCount?: number
  /** Set when the store could not take the posts now (spool full, or store down): send again later, never drop. */
  retry?: Retry
}

export interface SourceLog {
  info(o: object, m?: string): void
  warn(o: object, m?: string): void
  error(o: object, m?: string): void
}

export interface SourceContext {
  /** Runs the ingest pipeline (line n = posts[n − 1]); resolves once the accepted posts are stored. */
  emit(posts: PostInput[], opts?: { replace?: boolean }): Promise<EmitResult>
  /**
   * Deleted at the source: out of the store and the aggregates (batched; a delete wins over a post that comes
   * later). Rejects while the store is out of reach (the committer re-sends). Absent: deletes are not applied.
   */
  remove?(keys: PostKey[]): Promise<unknown>
  cursors: CursorStore
  entities: Entity[]
  /** Posts older than this many days are skipped (counted in the status, by reason): the store would drop them. */
  retentionDays?: number
  log: SourceLog
}

export interface CursorStore {
  get(source: string): Promise<string | undefined>
  set(source: string, cursor: string): Promise<void>
}
