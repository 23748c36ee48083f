/**
 * Splits a streamed HTTP body into lines (LF or CRLF), decoding UTF-8 across chunk boundaries. Ends when the body
 * ends; throws what the body throws (a reset connection), so the caller can reconnect.
 */
export async function* readLines(body: ReadableStream<Uint8Array>, maxLineBytes = 4 * 1024 * 1024): AsyncGenerator<string> {
  const decoder = new TextDecoder()
  let buf = ''
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true })
    let nl: number
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl)
      buf = buf.slice(nl + 1)
      yield line.endsWith('\r') ? line.slice(0, -1) : line
    }
    // A peer that never sends a newline must not grow this buffer without bound.
    if (buf.length > maxLineBytes) throw new Error(`line longer than ${maxLineBytes} bytes`)
  }
  buf += decoder.decode()
  if (buf) yield buf
}

export interface SseEvent {
  event: string
  data: string
  id?: string
}

/** Server-sent events (WHATWG EventSource parsing rules): fields accumulate until a blank line; `:` is a comment. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  let event = ''
  let data: string[] = []
  let id: string | undefined
  for await (const line of readLines(body)) {
    if (line === '') {
      if (data.length) yield { event: event || 'message', data: data.join('\n'), id }
      event = ''
      data = []
      continue
    }
    if (line.startsWith(':')) continue // heartbeat (Mastodon sends ":thump")
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    let value = colon < 0 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') event = value
    else if (field === 'data') data.push(value)
    else if (field === 'id') id = value
  }
}

/** The first `max` characters of a response body, then the rest cancelled: an error body from a hostile upstream is bounded. */
export async function bodyHead(res: Response, max = 2000): Promise<string> {
  const reader = res.body?.getReader()
  if (!reader) return ''
  const dec = new TextDecoder()
  let out = ''
  try {
    while (out.length < max) {
      const { done, value } = await reader.read()
      if (done) break
      out += dec.decode(value, { stream: true })
    }
  } catch {
    // a broken body: what came is enough
  } finally {
    await reader.cancel().catch(() => undefined)
  }
  return out.slice(0, max)
}
