/**
 * `npm run --silent analyze`: NDJSON {id?, text, lang?} on stdin → one NDJSON line per input line,
 * in input order. A bad line (not JSON, no string `text`) yields {id?, error} and processing goes on.
 */
import readline from 'node:readline'
import { createAnalyzer } from './index.ts'
import type { EntityTerms } from './targets.ts'

const analyzer = createAnalyzer()

/** Optional `entities: { "<id>": ["term", …] }`: at most 50 entities of 50 terms, each term a string of ≤ 100 characters. */
function parseEntities(v: unknown): EntityTerms | undefined {
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error('"entities" must be an object of id → list of terms')
  const out: Record<string, string[]> = {}
  const ids = Object.keys(v)
  if (ids.length > 50) throw new Error('"entities": at most 50 entities')
  for (const id of ids) {
    const terms = (v as Record<string, unknown>)[id]
    if (!Array.isArray(terms) || terms.length > 50 || !terms.every((t) => typeof t === 'string' && t.trim() !== '' && t.length <= 100))
      throw new Error(`"entities.${id}" must be a list of at most 50 non-empty terms of up to 100 characters`)
    out[id] = terms
  }
  return out
}
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
let n = 0

for await (const line of rl) {
  n++
  if (!line.trim()) continue
  let out: unknown
  try {
    const input = JSON.parse(line)
    if (!input || typeof input !== 'object' || typeof input.text !== 'string') throw new Error('expected an object with a string "text"')
    const lang = typeof input.lang === 'string' ? input.lang : undefined
    const entities = parseEntities(input.entities)
    const a = analyzer.analyze(input.text, lang, entities ? { entities } : undefined)
    out = { id: input.id ?? null, lang: a.lang, sentiment: a.sentiment, emotions: a.emotions, emotion: a.emotion, intent: a.intent, nature: a.nature, irony: a.irony, ...(entities ? { targets: a.targets ?? {} } : {}) }
  } catch (err) {
    out = { line: n, error: (err as Error).message }
  }
  // Back-pressure: wait for stdout to drain on big inputs instead of buffering everything.
  if (!process.stdout.write(JSON.stringify(out) + '\n')) await new Promise((r) => process.stdout.once('drain', r))
}
