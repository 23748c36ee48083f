/** One unit of input: its 1-based line (NDJSON) or element number (JSON array), and the parsed value or why not. */
export type RawItem = { line: number; value: unknown } | { line: number; error: string }

/** Most lines (or JSON array elements) one request may carry: past it, the whole request is refused (413). */
export const MAX_LINES = 100_000

/**
 * A request with more lines than the limit. Thrown before any line is parsed, so a hostile body costs one scan of
 * its bytes. `statusCode` lets an HTTP framework answer 413 with the message as it is.
 */
export class TooManyLinesError extends Error {
  readonly statusCode = 413
  constructor(readonly limit: number) {
    super(`too many lines: at most ${limit} posts per request; split the body into several requests`)
    this.name = 'TooManyLinesError'
  }
}

export interface ParseOptions {
  /** Lines (blank ones included) or array elements allowed; default MAX_LINES. */
  maxLines?: number
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes strictly: invalid UTF-8 is an error to report, not something to replace with U+FFFD silently. */
export function decodeUtf8(buf: Uint8Array): string | null {
  try {
    return utf8.decode(buf)
  } catch {
    return null
  }
}

/**
 * Lines in an NDJSON body (a final newline does not start another), counted with native searches, no copy; stops
 * once past `stopAfter`, so a 16 MB body of newlines costs no more than the limit allows.
 */
export function countLines(body: string | Uint8Array, stopAfter = Infinity): number {
  const buf = typeof body === 'string' ? null : Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const next = (from: number) => (buf ? buf.indexOf(10, from) : (body as string).indexOf('\n', from))
  let n = 0
  let i = next(0)
  for (; i !== -1 && n <= stopAfter; i = next(i + 1)) n++
  if (i !== -1) return n // stopped early: more than stopAfter
  const lastNewline = buf ? buf.lastIndexOf(10) : (body as string).lastIndexOf('\n')
  return lastNewline === body.length - 1 ? n : n + 1
}

/**
 * NDJSON: each line stands alone, so a broken line (bad JSON, invalid UTF-8) costs only itself. Blank lines are
 * skipped. Throws TooManyLinesError at once when the body has more than `maxLines` lines. The lines are then
 * decoded and parsed lazily, as the pipeline pulls them in slices that yield to the event loop: parsing 16 MB at
 * once would hold every wall and health check for ~0.4 s. Iterating again parses again.
 */
export function parseNdjson(body: string | Buffer, opts: ParseOptions = {}): Iterable<RawItem> {
  const limit = opts.maxLines ?? MAX_LINES
  if (countLines(body, limit) > limit) throw new TooManyLinesError(limit)
  return { [Symbol.iterator]: () => ndjsonItems(body) }
}

function* ndjsonItems(body: string | Buffer): Generator<RawItem> {
  // A body that is valid UTF-8 as a whole (nearly all) is decoded once; only a body with a bad byte somewhere is
  // decoded line by line, so that the bad line alone is reported. 0x0A never occurs inside a UTF-8 sequence.
  const whole = typeof body === 'string' ? body : decodeUtf8(body)
  const bytes = body as Buffer
  const length = whole !== null ? whole.length : bytes.length
  for (let start = 0, line = 1; start <= length; line++) {
    let end = whole !== null ? whole.indexOf('\n', start) : bytes.indexOf(10, start)
    if (end === -1) end = length
    const decoded = whole !== null ? whole.slice(start, end) : decodeUtf8(bytes.subarray(start, end))
    start = end + 1
    if (decoded === null) {
      yield { line, error: 'invalid UTF-8: the line is not valid UTF-8 text' }
      continue
    }
    const text = decoded.trim()
    if (!text) continue
    try {
      yield { line, value: JSON.parse(text) }
    } catch (e) {
      yield { line, error: `invalid JSON: ${(e as Error).message}` }
    }
  }
}

/** A JSON array (or a single object) of posts; element numbers stand in for lines. Same limit as parseNdjson. */
export function parseJsonBody(value: unknown, opts: ParseOptions = {}): RawItem[] {
  const limit = opts.maxLines ?? MAX_LINES
  const arr = Array.isArray(value) ? value : [value]
  if (arr.length > limit) throw new TooManyLinesError(limit)
  return arr.map((v, i) => ({ line: i + 1, value: v }))
}
