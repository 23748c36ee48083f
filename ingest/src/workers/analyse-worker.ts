/**
 * One NLP worker thread: analyses batches of posts with the public analyser (../nlp/index.ts) and answers each
 * job with its analyses, in the order given. The main thread keeps HTTP, validation, matching and writing.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createAnalyzer, type AnalyzerOptions } from '../nlp/index.ts'
import type { Job, Reply, SetEntities } from './protocol.ts'

const data = (workerData ?? {}) as { analyzer?: AnalyzerOptions; entities?: SetEntities['entities'] }
const analyzer = createAnalyzer(data.analyzer ?? {})
const port = parentPort!
// One object for every post until the next reload: the analyser compiles the terms once per object (targets.ts).
let targets = { entities: data.entities ?? {} }

port.on('message', (m: Job | SetEntities) => {
  if (!('id' in m)) return void (targets = { entities: m.entities ?? {} })
  const job = m
  const out: Reply = { id: job.id, analyses: new Array(job.texts.length), errors: [] }
  const targeted = new Set(job.targeted ?? [])
  for (let i = 0; i < job.texts.length; i++) {
    try {
      out.analyses[i] = analyzer.analyze(job.texts[i], job.langs[i] ?? undefined, targeted.has(i) ? targets : undefined)
    } catch (e) {
      // One post that breaks the analyser costs only itself, as in the in-thread pipeline.
      out.analyses[i] = null
      out.errors.push({ index: i, error: (e as Error).message })
    }
  }
  port.postMessage(out)
})
port.postMessage({ ready: true })
