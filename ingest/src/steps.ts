import type { Analysis, PostInput } from '@pulso/types'
import type { RawItem } from './parse.ts'
import type { Validator } from './validate.ts'
import type { Matcher } from './entities.ts'
import type { BatchWriter } from './writer.ts'
import { toRow } from './row.ts'
import { slicer } from './slices.ts'

/** How many rejected lines a result lists (the first ones by line): a body of 100,000 bad lines answers small. */
export const MAX_REJECTED = 100

/** One post on its way through the steps; a step that sets `error` stops it there. */
export interface Item {
  line: number
  value?: unknown
  post?: PostInput
  createdAtMs?: number
  entities?: string[]
  analysis?: Analysis
  error?: string
}

/** A named, per-post processing step (Plausible's ingest pipeline: an ordered list of these). */
export interface Step {
  name: string
  run(item: Item): void
}

export interface IngestResult {
  /** Posts now safely stored (or durably spooled), including duplicates of posts stored before. */
  accepted: number
  /** Of those, how many were already stored (same source and id): acknowledged again, not stored twice. */
  duplicates: number
  /** The first MAX_REJECTED rejected lines, by line number, with why. */
  rejected: { line: number; error: string }[]
  /** How many lines were rejected in all (rejected lists at most MAX_REJECTED of them). */
  rejectedCount: number
  /** True when posts were refused only because the store was unreachable: the caller should retry them. */
  retry: boolean
  /** created_at (ms) of the newest stored post, null when none was stored. */
  newest: number | null
}

export const validateStep = (validate: Validator): Step => ({
  name: 'validate',
  run(item) {
    const r = validate(item.value)
    if (!r.ok) item.error = r.error
    else (item.post = r.post), (item.createdAtMs = Date.parse(r.post.createdAt))
  },
})

export const matchStep = (match: Matcher): Step => ({
  name: 'match',
  run(item) {
    item.entities = match(item.post!.text)
  },
})

export const analyseStep = (analyzer: { analyze(text: string, lang?: string): Analysis }): Step => ({
  name: 'analyse',
  run(item) {
    item.analysis = analyzer.analyze(item.post!.text, item.post!.lang)
  },
})

/** Analyses a whole batch off the main thread (workers/pool.ts): one result per post, in order. */
export interface BatchAnalyser {
  analyseBatch(posts: { text: string; lang?: string }[]): Promise<({ analysis: Analysis } | { error: string })[]>
}

/**
 * validate → match (→ analyse) run per post; with a batch analyser, analyse runs once per request on worker threads
 * instead; write runs once per request, through the shared batched writer. The answer comes only after the write.
 */
export function createPipeline(steps: Step[], writer: BatchWriter, opts: { analyser?: BatchAnalyser } = {}) {
  const analyser = opts.analyser
  return {
    steps: [...steps.map((s) => s.name), ...(analyser ? ['analyse'] : []), 'write'],
    async process(raw: Iterable<RawItem>): Promise<IngestResult> {
      const receivedAtMs = Date.now()
      const rejects = rejectList()
      // Parsing, validating, matching and analysing run in ~10 ms slices: a large request never stalls the ticks.
      const slice = slicer()
      let good: Item[] = []
      for (const r of raw) {
        if (slice.due()) await slice.pause()
        const item: Item = 'error' in r ? { line: r.line, error: r.error } : { line: r.line, value: r.value }
        for (const step of item.error ? [] : steps) {
          try {
            step.run(item)
          } catch (e) {
            item.error = `${step.name} failed: ${(e as Error).message}`
          }
          if (item.error) break
        }
        if (item.error) rejects.add(item.line, item.error)
        else good.push(item)
      }
      if (analyser && good.length) good = await analyseAll(analyser, good, rejects)
      const rows: object[] = []
      for (const i of good) {
        if (slice.due()) await slice.pause()
        rows.push(toRow({ post: i.post!, createdAtMs: i.createdAtMs!, receivedAtMs, entities: i.entities!, analysis: i.analysis! }))
      }
      const { failed, duplicates } = await writer.add(rows)
      const lost = new Set(failed.map((f) => f.index))
      for (const f of failed) rejects.add(good[f.index].line, `store: ${f.error}`)
      let newest: number | null = null
      good.forEach((i, k) => {
        if (!lost.has(k) && (newest === null || i.createdAtMs! > newest)) newest = i.createdAtMs!
      })
      const accepted = good.length - failed.length
      return { accepted, duplicates, ...rejects.result(), retry: failed.some((f) => f.retryable), newest }
    },
  }
}

export type Pipeline = ReturnType<typeof createPipeline>

/** Sets each item's analysis from the batch analyser; a post it could not analyse is rejected alone. */
async function analyseAll(analyser: BatchAnalyser, items: Item[], rejects: RejectList): Promise<Item[]> {
  const results = await analyser.analyseBatch(items.map((i) => i.post!)) // posts have text and lang: no copies
  const kept: Item[] = []
  items.forEach((item, k) => {
    const r = results[k]
    if ('analysis' in r) (item.analysis = r.analysis), kept.push(item)
    else rejects.add(item.line, `analyse failed: ${r.error}`)
  })
  return kept
}

type RejectList = ReturnType<typeof rejectList>

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
