/** One unit of input: its 1-based line (NDJSON) or element number (JSON array), and the parsed value or why not. */
export type RawItem = { line: number; value: unknown } | { line: number; error: string }

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
 * NDJSON: each line decoded and parsed on its own, so a broken line (bad JSON, invalid UTF-8) costs only itself.
 * Blank lines are skipped. Splitting bytes on \n is safe: 0x0A never occurs inside a UTF-8 sequence.
 */
export function parseNdjson(body: string | Buffer): RawItem[] {
  const out: RawItem[] = []
  // Fast path: a body that is valid UTF-8 as a whole (nearly all) is decoded once, not line by line; only a body
  // with a bad byte somewhere is split into byte lines, so that the bad line alone is reported.
  const whole = typeof body === 'string' ? body : decodeUtf8(body)
  const lines: (string | Buffer)[] = whole !== null ? whole.split('\n') : splitLines(body as Buffer)
  for (let i = 0; i < lines.length; i++) {
    const decoded = typeof lines[i] === 'string' ? (lines[i] as string) : decodeUtf8(lines[i] as Buffer)
    if (decoded === null) {
      out.push({ line: i + 1, error: 'invalid UTF-8: the line is not valid UTF-8 text' })
      continue
    }
    const text = decoded.trim()
    if (!text) continue
    try {
      out.push({ line: i + 1, value: JSON.parse(text) })
    } catch (e) {
      out.push({ line: i + 1, error: `invalid JSON: ${(e as Error).message}` })
    }
  }
  return out
}

/** A JSON array (or a single object) of posts; element numbers stand in for lines. */
export function parseJsonBody(value: unknown): RawItem[] {
  const arr = Array.isArray(value) ? value : [value]
  return arr.map((v, i) => ({ line: i + 1, value: v }))
}

function splitLines(buf: Buffer): Buffer[] {
  const out: Buffer[] = []
  let start = 0
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, start)) {
    out.push(buf.subarray(start, i))
    start = i + 1
  }
  out.push(buf.subarray(start))
  return out
}
