import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { parse as parseCsv } from 'csv-parse'

export type Record_ = { n: number; value: unknown } | { n: number; error: string }

/** JSONL/NDJSON or CSV (header row) by extension, unless told. */
export function detectFormat(file: string, format: 'auto' | 'jsonl' | 'csv'): 'jsonl' | 'csv' {
  if (format !== 'auto') return format
  return /\.(csv|tsv)$/i.test(file) ? 'csv' : 'jsonl'
}

/**
 * The records of a file in order, numbered from 1, streamed (a replay file can be larger than memory). A JSONL line
 * that is not JSON is an error record, not the end. CSV rows become objects keyed by the header row.
 */
export async function* readRecords(file: string, format: 'jsonl' | 'csv', delimiter = ','): AsyncGenerator<Record_> {
  let n = 0
  if (format === 'csv') {
    const parser = createReadStream(file).pipe(parseCsv({ columns: true, bom: true, delimiter, relax_column_count: true, skip_empty_lines: true }))
    for await (const row of parser) yield { n: ++n, value: row }
    return
  }
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  for await (const line of lines) {
    if (!line.trim()) continue
    n++
    try {
      yield { n, value: JSON.parse(line) }
    } catch (e) {
      yield { n, error: `record ${n}: invalid JSON: ${(e as Error).message}` }
    }
  }
}

/** How many records the file holds: a quick pass first, so progress can show a total. */
export async function countRecords(file: string, format: 'jsonl' | 'csv', delimiter = ','): Promise<number> {
  if (format === 'csv') {
    let n = 0
    for await (const _ of readRecords(file, 'csv', delimiter)) n++
    return n
  }
  let n = 0
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) if (line.trim()) n++
  return n
}
