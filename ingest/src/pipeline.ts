import type { Analysis, PostInput } from '@pulso/types'
import type { RawItem } from './parse.ts'
import type { Validator } from './validate.ts'
import type { Matcher } from './entities.ts'
import type { BatchWriter } from './writer.ts'
import { toRow } from './row.ts'

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
  rejected: { line: number; error: string }[]
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
    async process(raw: RawItem[]): Promise<IngestResult> {
      const receivedAtMs = Date.now()
      const rejected: IngestResult['rejected'] = []
      let good: Item[] = []
      for (const r of raw) {
        if ('error' in r) {
          rejected.push({ line: r.line, error: r.error })
          continue
        }
        const item: Item = { line: r.line, value: r.value }
        for (const step of steps) {
          try {
            step.run(item)
          } catch (e) {
            item.error = `${step.name} failed: ${(e as Error).message}`
          }
          if (item.error) break
        }
        if (item.error) rejected.push({ line: item.line, error: item.error })
        else good.push(item)
      }
      if (analyser && good.length) good = await analyseAll(analyser, good, rejected)
      const rows = good.map((i) =>
        toRow({ post: i.post!, createdAtMs: i.createdAtMs!, receivedAtMs, entities: i.entities!, analysis: i.analysis! }),
      )
      const { failed, duplicates } = await writer.add(rows)
      const lost = new Set(failed.map((f) => f.index))
      for (const f of failed) rejected.push({ line: good[f.index].line, error: `store: ${f.error}` })
      rejected.sort((a, b) => a.line - b.line)
      let newest: number | null = null
      good.forEach((i, k) => {
        if (!lost.has(k) && (newest === null || i.createdAtMs! > newest)) newest = i.createdAtMs!
      })
      return { accepted: good.length - failed.length, duplicates, rejected, retry: failed.some((f) => f.retryable), newest }
    },
  }
}

export type Pipeline = ReturnType<typeof createPipeline>

/** Sets each item's analysis from the batch analyser; a post it could not analyse is rejected alone. */
async function analyseAll(analyser: BatchAnalyser, items: Item[], rejected: IngestResult['rejected']): Promise<Item[]> {
  const results = await analyser.analyseBatch(items.map((i) => i.post!)) // posts have text and lang: no copies
  const kept: Item[] = []
  items.forEach((item, k) => {
    const r = results[k]
    if ('analysis' in r) (item.analysis = r.analysis), kept.push(item)
    else rejected.push({ line: item.line, error: `analyse failed: ${r.error}` })
  })
  return kept
}
