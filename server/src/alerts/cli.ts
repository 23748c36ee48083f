/**
 * `npm run --silent detect -- [--knob=value…] <file.csv>`: run the spike detector online over a NAB-style
 * CSV (`timestamp,value`, counts per bucket) and print one NDJSON line per alert:
 * `{"timestamp":"2015-03-11 20:57:53","severity":3,"value":1673,"expected":53}`.
 * Each decision uses only the rows before it (the same code the live server runs).
 */
import { readFileSync } from 'node:fs'
import { createCountDetector, parseOptionFlags } from './detector/index.ts'
import { parseNabCsv } from './detector/nab.ts'

const { opts, rest } = parseOptionFlags(process.argv.slice(2))
if (rest.length !== 1) {
  console.error('usage: npm run --silent detect -- [--threshold=5 …] <file.csv>')
  process.exit(2)
}
const series = parseNabCsv(readFileSync(rest[0], 'utf8'))
const detector = createCountDetector(opts)
const out: string[] = []
series.values.forEach((value, i) => {
  const d = detector.update(series.times[i], value)
  if (d) out.push(JSON.stringify({ timestamp: series.stamps[i], severity: d.severity, value: d.value, expected: d.expected }))
})
if (out.length) process.stdout.write(out.join('\n') + '\n')
