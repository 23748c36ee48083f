/**
 * `npm run --silent analyze`: NDJSON {id?, text, lang?} on stdin → one NDJSON line per input line,
 * in input order. A bad line (not JSON, no string `text`) yields {id?, error} and processing goes on.
 */
import readline from 'node:readline'
import { createAnalyzer } from './index.ts'

const analyzer = createAnalyzer()
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
    const a = analyzer.analyze(input.text, lang)
    out = { id: input.id ?? null, lang: a.lang, sentiment: a.sentiment, emotions: a.emotions, emotion: a.emotion, intent: a.intent, nature: a.nature, irony: a.irony }
  } catch (err) {
    out = { line: n, error: (err as Error).message }
  }
  // Back-pressure: wait for stdout to drain on big inputs instead of buffering everything.
  if (!process.stdout.write(JSON.stringify(out) + '\n')) await new Promise((r) => process.stdout.once('drain', r))
}
