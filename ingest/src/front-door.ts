import { EventEmitter } from 'node:events'
import type { ClickHouseClient } from '@clickhouse/client'
import type { Entity, PostKey } from '@pulso/types'
import { careIds } from './care.ts'
import { createDedupe } from './dedupe.ts'
import { createInFlight } from './in-flight.ts'
import { createMatcher, type Matcher } from './entities.ts'
import { createAnalyzer } from './nlp/index.ts'
import type { RawItem } from './parse.ts'
import { createRemovalQueue, type RemovalQueue, type Remover, type Settled } from './removals.ts'
import { POST_COLUMNS, type PostRow } from './row.ts'
import { Spool } from './spool.ts'
import { analyseStep, matchStep, type EntityTerms, runSteps, validateStep, writeStep, type BatchStep, type IngestResult } from './steps.ts'
import { createValidator } from './validate.ts'
import { createAnalyserPool, type AnalyserPool } from './workers/pool.ts'
import { BatchWriter, type FlushInfo } from './writer.ts'

/** Where the front door says what went wrong in the background (pino fits). */
export interface IngestLog {
  warn(o: object, m?: string): void
  error(o: object, m?: string): void
}

export interface IngestSettings {
  /** Longest accepted post text, in characters. */
  maxTextChars: number
  /** A batch goes to the store at this many rows... */
  batchMaxRows: number
  /** ...or this long after its first row (≤ 250 ms keeps the wall sub-second). */
  flushMs: number
  /** An insert slower than this is retried, then spooled: a slow store must not hold producers' answers. */
  insertTimeoutMs?: number
  /** Where accepted posts wait, fsync'd, while the store cannot take them. None (or maxBytes 0): 503 instead. */
  spool?: { dir: string; maxBytes: number }
  /** NLP worker threads; 0 analyses on the calling thread. */
  nlpWorkers: number
  /** What posts are matched against until `setEntities`. */
  entities: Entity[]
  /** Spool segments set aside, failing event listeners. */
  log?: IngestLog
  /**
   * Takes posts out of the store and corrects the aggregates (the server's store/removals.ts). Without one, deletes,
   * edits and purges are refused (an edit is then stored as nothing new: the old version stays).
   */
  remover?: Remover
  /** Resolves once the removals' DELETEs are applied (they run in the background); waited for between removals. */
  removalsSettled?: Settled
  /** A burst of deletes becomes one removal: at most this long (ms, default 250) or this many keys (default 2000). */
  removalFlushMs?: number
  removalMaxKeys?: number
  /** Writer tuning; the defaults are the server's (3 attempts, backoff from 100 ms, the spool retried every second). */
  maxAttempts?: number
  retryBaseMs?: number
  drainMs?: number
}

export interface IngestStats {
  /** Rows waiting for the next batch. */
  pendingRows: number
  /** Bytes in the spool, waiting for the store. */
  spooledBytes: number
  /** Spool segments set aside (`*.corrupt`): they could not be replayed and wait for an operator. */
  spoolQuarantined: number
}

/** `stored` after each request (freshness: its `newest`), `flush` after each batch the writer sends. */
export interface IngestEvents {
  stored: [IngestResult]
  flush: [FlushInfo]
}

/** The one front door: HTTP and every source put posts through here. */
export interface Ingest extends EventEmitter<IngestEvents> {
  /** The steps in the order they run, whatever the settings: validate, match, analyse, write. */
  readonly steps: readonly string[]
  /** Runs the steps over one request; resolves once its accepted posts are stored (or durably spooled). Unbound-safe. */
  readonly process: (raw: Iterable<RawItem>, opts?: { replace?: boolean }) => Promise<IngestResult>
  /** Resolves once every request that arrived before `t` (ms) is done: the spike watch reads an interval after it. */
  settled(t: number): Promise<void>
  /**
   * Deleted at the source (or an edit's old version): out of the store and the aggregates, batched with other
   * removals; a delete wins over its post whenever that comes. Rejects while the store is out of reach.
   */
  remove(keys: PostKey[], reason: 'deleted' | 'edited'): Promise<number>
  /** Every post of a source out of the store and the aggregates (the demo's, say); resolves with how many. */
  purge(source: string): Promise<number>
  /** Posts processed after this are matched against these entities (config reloads). */
  setEntities(entities: Entity[]): void
  readonly stats: IngestStats
  /** Flushes what was accepted, then stops the NLP workers. */
  close(): Promise<void>
}

/** validate → match → analyse → write, with the batched writer, its spool and (nlpWorkers > 0) the NLP threads. */
export function createIngest(settings: IngestSettings, client: ClickHouseClient): Ingest {
  const dedupe = createDedupe(client)
  const spool = settings.spool && settings.spool.maxBytes > 0 ? new Spool(settings.spool.dir, settings.spool.maxBytes) : undefined
  const writer = new BatchWriter<PostRow>(client, {
    table: 'posts',
    columns: POST_COLUMNS,
    maxRows: settings.batchMaxRows,
    flushMs: settings.flushMs,
    maxAttempts: settings.maxAttempts ?? 3,
    retryBaseMs: settings.retryBaseMs ?? 100,
    drainMs: settings.drainMs,
    insertTimeoutMs: settings.insertTimeoutMs,
    dedupe,
    spool,
    log: settings.log,
  })
  const remover: Remover = settings.remover ?? (async () => Promise.reject(new Error('removals are not configured')))
  const removals = createRemovalQueue({ remover, settled: settings.removalsSettled, writer: writer as BatchWriter<object>, dedupe, flushMs: settings.removalFlushMs ?? 250, maxKeys: settings.removalMaxKeys ?? 2000 })
  // Worker threads leave the main thread to parse, validate, match and write: the ticks stay on time under load.
  const pool = settings.nlpWorkers > 0 ? createAnalyserPool({ size: settings.nlpWorkers, entities: entityTerms(settings.entities) }) : undefined
  return new FrontDoor(settings, writer, pool, removals)
}

class FrontDoor extends EventEmitter<IngestEvents> implements Ingest {
  readonly steps: readonly string[]
  private matcher: Matcher
  private terms: EntityTerms
  private care: ReadonlySet<string>
  private readonly chain: readonly BatchStep[]
  private readonly log: IngestLog | undefined
  private readonly inFlight = createInFlight()

  constructor(
    settings: IngestSettings,
    private readonly writer: BatchWriter<PostRow>,
    private readonly pool: AnalyserPool | undefined,
    private readonly removals: RemovalQueue,
  ) {
    super()
    this.log = settings.log
    this.matcher = createMatcher(settings.entities)
    this.terms = entityTerms(settings.entities)
    this.care = careIds(settings.entities)
    this.chain = [
      validateStep(createValidator({ maxTextChars: settings.maxTextChars })),
      matchStep(() => this.matcher),
      analyseStep(pool ?? createAnalyzer(), () => this.terms, () => this.care),
      // Without a remover an edit cannot replace anything: it is then a duplicate of the stored version.
      writeStep(writer, settings.remover ? (keys) => removals.remove(keys, 'edited') : undefined),
    ]
    this.steps = this.chain.map((s) => s.name)
    writer.onFlush = (f) => this.tell('flush', () => this.emit('flush', f))
  }

  readonly process = async (raw: Iterable<RawItem>, opts?: { replace?: boolean }): Promise<IngestResult> => {
    const r = await this.inFlight.track(runSteps(this.chain, raw, opts))
    this.tell('stored', () => this.emit('stored', r))
    return r
  }

  settled(t: number): Promise<void> {
    return this.inFlight.settled(t)
  }

  remove(keys: PostKey[], reason: 'deleted' | 'edited'): Promise<number> {
    return this.removals.remove(keys, reason)
  }

  purge(source: string): Promise<number> {
    return this.removals.purge(source)
  }

  setEntities(entities: Entity[]): void {
    this.matcher = createMatcher(entities)
    this.terms = entityTerms(entities)
    this.care = careIds(entities)
    this.pool?.setEntities(this.terms)
  }

  get stats(): IngestStats {
    return { pendingRows: this.writer.pending, spooledBytes: this.writer.spooledBytes, spoolQuarantined: this.writer.spoolQuarantined }
  }

  async close(): Promise<void> {
    await this.removals.flush().catch(() => undefined) // a removal the store cannot take now is re-sent by its source
    await this.writer.close()
    await this.pool?.close()
  }

  /**
   * A listener that throws must neither break the writer's flush chain (later batches would never settle) nor turn
   * a request whose posts are stored into an error (the producer would send them again): it is logged instead.
   */
  private tell(event: keyof IngestEvents, emit: () => void) {
    try {
      emit()
    } catch (err) {
      this.log?.error({ err, event }, 'ingest event listener failed')
    }
  }
}

/** The analyser's view of the entities (per-entity sentiment): id → configured terms. */
function entityTerms(entities: Entity[]): EntityTerms {
  return Object.fromEntries(entities.map((e) => [e.id, e.terms]))
}
