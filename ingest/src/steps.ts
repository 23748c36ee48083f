import type { Analysis, PostInput } from '@pulso/types'
import { inCare } from './care.ts'
import type { RawItem } from './parse.ts'
import type { Validator } from './validate.ts'
import type { Matcher } from './entities.ts'
import type { BatchWriter } from './writer.ts'
import { toRow, type PostRow } from './row.ts'
import { slicer } from './slices.ts'

/** How many rejected lines a result lists (the first ones by line): a body of 100,000 bad lines answers small. */
export const MAX_REJECTED = 100

/**
 * Why valid posts were not stored, when the caller should send them again: the store is unreachable and the spool
 * is full (push back: 429), or the store is unreachable and there is no spool (503).
 */
export type Retry = 'spool-full' | 'store-down'

export interface IngestResult {
  /** Posts now safely stored (or durably spooled), including duplicates of posts stored before. */
  accepted: number
  /** Of those, how many were already stored (same source and id): acknowledged again, not stored twice. */
  duplicates: number
  /** The first MAX_REJECTED rejected lines, by line number, with why. */
  rejected: { line: number; error: string }[]
  /** How many lines were rejected in all (rejected lists at most MAX_REJECTED of them). */
  rejectedCount: number
  /** Set when valid posts were refused only because the store could not take them now: send those again later. */
  retry?: Retry
  /** created_at (ms) of the newest stored post, null when none was stored. */
  newest: number | null
}

/** A valid post on its way through the steps. */
export interface Item {
  line: number
  post: PostInput
  createdAtMs: number
  entities?: string[]
  analysis?: Analysis
}

/** One request going through the steps. Each step works on the whole batch and drops the posts it rejects. */
export interface Batch {
  readonly receivedAtMs: number
  /** The request's lines, parsed lazily as the first step reads them. */
  readonly raw: Iterable<RawItem>
  /** The posts still going. */
  items: Item[]
  reject(line: number, error: string): void
  /** True once ~10 ms of work went by: the step then awaits `pause()`, so a large request never stalls the ticks. */
  due(): boolean
  pause(): Promise<void>
  /** The posts replace stored versions of themselves (edits at the source): the write step removes those first. */
  readonly replace: boolean
  /** What the write step learnt. */
  duplicates: number
  newest: number | null
  retry?: Retry
}

/** A named step over a whole batch (Plausible's ingest pipeline: an ordered list of these). */
export interface BatchStep {
  readonly name: string
  run(batch: Batch): Promise<void>
}

/** Runs the steps in order over one request; the answer comes only after the last one (write). */
export async function runSteps(steps: readonly BatchStep[], raw: Iterable<RawItem>, opts: { replace?: boolean } = {}): Promise<IngestResult> {
  const rejects = rejectList()
  const slice = slicer()
  const b: Batch = { receivedAtMs: Date.now(), raw, items: [], reject: rejects.add, due: slice.due, pause: slice.pause, replace: opts.replace ?? false, duplicates: 0, newest: null }
  for (const step of steps) await step.run(b)
  return { accepted: b.items.length, duplicates: b.duplicates, ...rejects.result(), retry: b.retry, newest: b.newest }
}

/** Runs `fn` on each post in slices; a post it throws on is rejected alone, naming the step. */
async function eachPost(b: Batch, step: string, fn: (item: Item) => void) {
  const kept: Item[] = []
  for (const item of b.items) {
    if (b.due()) await b.pause()
    try {
      fn(item)
      kept.push(item)
    } catch (e) {
      b.reject(item.line, `${step} failed: ${(e as Error).message}`)
    }
  }
  b.items = kept
}

/** Reads the lines (parse errors are rejects) and keeps the valid posts. */
export const validateStep = (validate: Validator): BatchStep => ({
  name: 'validate',
  async run(b) {
    for (const r of b.raw) {
      if (b.due()) await b.pause()
      if ('error' in r) {
        b.reject(r.line, r.error)
        continue
      }
      try {
        const v = validate(r.value)
        if (!v.ok) b.reject(r.line, v.error)
        else b.items.push({ line: r.line, post: v.post, createdAtMs: Date.parse(v.post.createdAt) })
      } catch (e) {
        b.reject(r.line, `validate failed: ${(e as Error).message}`) // a bug costs that line, not the request
      }
    }
  },
})

/** `matcher()` is read once per batch: a swapped entity list applies from the next batch, whole. */
export const matchStep = (matcher: () => Matcher): BatchStep => ({
  name: 'match',
  async run(b) {
    const match = matcher()
    await eachPost(b, 'match', (i) => void (i.entities = match(i.post.text)))
  },
})

/** Analyses a whole batch off the main thread (workers/pool.ts): one result per post, in order. */
export interface BatchAnalyser {
  /** `targeted[i]`: post i names two or more entities and gets per-entity sentiment (terms: the pool's setEntities). */
  analyseBatch(posts: { text: string; lang?: string }[], targeted?: readonly boolean[]): Promise<({ analysis: Analysis } | { error: string })[]>
}
export interface InlineAnalyser {
  analyze(text: string, lang?: string, opts?: { entities?: EntityTerms }): Analysis
}
/** Entity id → configured terms, the same object until the entities change (the analyser compiles it once). */
export type EntityTerms = Record<string, readonly string[]>

/**
 * One step either way, so the step list says what runs: a pool analyses the batch on worker threads, else here.
 * Only a post naming two or more entities is read per entity (one entity keeps the post's reading, at no cost);
 * `terms()` is read once per batch, like the matcher.
 */
export const analyseStep = (
  analyser: BatchAnalyser | InlineAnalyser,
  terms: () => EntityTerms = () => ({}),
  care: () => ReadonlySet<string> | undefined = () => undefined,
): BatchStep => ({
  name: 'analyse',
  async run(b) {
    const several = (i: Item) => (i.entities?.length ?? 0) >= 2
    const inCareOf = care() // complaints only about care entities (care.ts); undefined: every entity is
    const read = (i: Item, a: Analysis) => (inCareOf ? inCare(a, i.entities ?? [], inCareOf) : a)
    if (!('analyseBatch' in analyser)) {
      const targets = { entities: terms() }
      return eachPost(b, 'analyse', (i) => void (i.analysis = read(i, analyser.analyze(i.post.text, i.post.lang, several(i) ? targets : undefined))))
    }
    if (b.items.length === 0) return
    const results = await analyser.analyseBatch(b.items.map((i) => i.post), b.items.map(several)) // posts have text and lang: no copies
    b.items = b.items.filter((item, k) => {
      const r = results[k]
      if ('analysis' in r) item.analysis = read(item, r.analysis)
      else b.reject(item.line, `analyse failed: ${r.error}`)
      return 'analysis' in r
    })
  },
})

/** Removes stored posts (their old versions, for an edit) and corrects the aggregates: removals.ts. */
export type ReplaceOld = (keys: { source: string; id: string }[]) => Promise<number>

/**
 * Through the shared batched writer: resolves once the posts are stored, spooled, or known unstorable. An edit
 * (`replace`) first removes the stored version, once the new one is validated, matched and analysed: the post is
 * counted once, with its new text and entities.
 */
export const writeStep = (writer: BatchWriter<PostRow>, replaceOld?: ReplaceOld): BatchStep => ({
  name: 'write',
  async run(b) {
    if (b.replace && replaceOld && b.items.length) {
      try {
        await replaceOld(b.items.map((i) => ({ source: i.post.source, id: i.post.id })))
      } catch (e) {
        for (const i of b.items) b.reject(i.line, `store: ${(e as Error).message}`)
        b.items = []
        b.retry = writer.hasSpool ? 'spool-full' : 'store-down'
        return
      }
    }
    const rows: PostRow[] = []
    for (const i of b.items) {
      if (b.due()) await b.pause()
      rows.push(toRow({ post: i.post, createdAtMs: i.createdAtMs, receivedAtMs: b.receivedAtMs, entities: i.entities!, analysis: i.analysis! }))
    }
    const { failed, duplicates } = await writer.add(rows)
    b.duplicates = duplicates
    for (const f of failed) b.reject(b.items[f.index].line, `store: ${f.error}`)
    // A retryable failure is the store being out of reach: with a spool, that spool is full too.
    if (failed.some((f) => f.retryable)) b.retry = writer.hasSpool ? 'spool-full' : 'store-down'
    const lost = new Set(failed.map((f) => f.index))
    b.items = b.items.filter((_, k) => !lost.has(k))
    for (const i of b.items) if (b.newest === null || i.createdAtMs > b.newest) b.newest = i.createdAtMs
  },
})

/** Counts every rejected line but keeps only the first MAX_REJECTED by line (trimmed as it grows: bounded memory). */
function rejectList() {
  let list: IngestResult['rejected'] = []
  let count = 0
  const trim = () => {
    list.sort((a, b) => a.line - b.line)
    list = list.slice(0, MAX_REJECTED)
  }
  return {
    add(line: number, error: string) {
      count++
      list.push({ line, error })
      if (list.length >= 2 * MAX_REJECTED) trim()
    },
    result() {
      trim()
      return { rejected: list, rejectedCount: count }
    },
  }
}
