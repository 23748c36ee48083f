import { request } from 'node:http'
import { connect as tcp } from 'node:net'

/**
 * One HTTP request from a chosen loopback address (127.0.0.x): each attacker gets its own address, as it would
 * from the network, so the per-address limits it trips do not fall on the good producer.
 */
export function hit(url: string, o: { method?: string; headers?: Record<string, string>; body?: string | Buffer; from?: string; timeoutMs?: number } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(url, { method: o.method ?? 'GET', headers: o.headers, localAddress: o.from, timeout: o.timeoutMs ?? 30_000 }, (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (c: Buffer) => (size += c.length) < 1e6 && chunks.push(c)) // keep at most 1 MB of an answer
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }))
      res.on('error', () => resolve({ status: 0, body: '' }))
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve({ status: 0, body: '' }))
    req.end(o.body)
  })
}

/** A slowloris: headers, then one byte every 200 ms, until the server hangs up; resolves with how long it held. */
export function slowBody(port: number, from: string): Promise<number> {
  return new Promise((resolve) => {
    const started = Date.now()
    const s = tcp({ port, host: '127.0.0.1', localAddress: from })
    let drip: NodeJS.Timeout | undefined
    s.on('connect', () => {
      s.write('POST /api/ingest HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000000\r\n\r\n')
      drip = setInterval(() => s.writable && s.write('{'), 200)
    })
    s.on('error', () => {})
    s.on('close', () => (clearInterval(drip), resolve(Date.now() - started)))
    s.setTimeout(120_000, () => s.destroy())
  })
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Runs `once` back to back (or every `everyMs`) until `until`; counts answers by status. */
export async function loop(until: number, once: () => Promise<number>, everyMs = 0): Promise<Record<number, number>> {
  const codes: Record<number, number> = {}
  while (Date.now() < until) {
    const t0 = Date.now()
    const code = await once()
    codes[code] = (codes[code] ?? 0) + 1
    if (everyMs) await sleep(Math.max(0, everyMs - (Date.now() - t0)))
  }
  return codes
}
