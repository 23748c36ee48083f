import { Agent, request } from 'node:http'
import type { PostInput } from '@pulso/types'

const agent = new Agent({ keepAlive: true, maxSockets: 8 })

/** POST one NDJSON body; resolves with the status and the parsed answer. */
export function postNdjson(url: string, body: string): Promise<{ status: number; json: { accepted?: number } }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/ingest`, { method: 'POST', agent, headers: { 'content-type': 'application/x-ndjson' } }, (res) => {
      let data = ''
      res.on('data', (c) => (data += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: data ? JSON.parse(data) : {} }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

export interface LoadResult {
  offered: number
  sent: number
  accepted: number
  failed: number
  achievedPerS: number
  seconds: number
  /** ms from sending a batch to its 202 (the posts are stored by then). */
  ackMs: number[]
}

/**
 * Offers `rate` posts/s for `seconds`, in batches every `everyMs`, at most `maxInFlight` requests open at once
 * (a producer that cannot keep up falls behind: that is the saturation signal, measured, not hidden).
 */
export async function offer(url: string, make: (n: number) => PostInput[], rate: number, seconds: number, everyMs = 50, maxInFlight = 8, onAck?: (posts: PostInput[], at: number) => void): Promise<LoadResult> {
  const perBatch = Math.max(1, Math.round((rate * everyMs) / 1000))
  const start = performance.now()
  let sent = 0
  let accepted = 0
  let failed = 0
  let inFlight = 0
  const ackMs: number[] = []
  const pending: Promise<void>[] = []
  for (let k = 0; ; k++) {
    const due = start + k * everyMs
    if (due - start >= seconds * 1000) break
    const wait = due - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    while (inFlight >= maxInFlight) await new Promise((r) => setTimeout(r, 1))
    const posts = make(perBatch)
    const body = posts.map((p) => JSON.stringify(p)).join('\n')
    sent += posts.length
    inFlight++
    const t0 = performance.now()
    pending.push(
      postNdjson(url, body).then(
        (r) => {
          inFlight--
          if (r.status === 202) (accepted += r.json.accepted ?? 0), ackMs.push(performance.now() - t0), onAck?.(posts, Date.now())
          else failed += posts.length
        },
        () => void (inFlight--, (failed += posts.length)),
      ),
    )
  }
  await Promise.all(pending)
  const secs = (performance.now() - start) / 1000
  // The last batch is acknowledged one flush after it is sent even by an idle server: that floor (the fastest ack)
  // is not backlog, so it is not counted against the rate; a backlog still stretches the run and lowers it.
  const floor = ackMs.length ? Math.min(...ackMs) / 1000 : 0
  return { offered: rate, sent, accepted, failed, achievedPerS: accepted / Math.max(seconds, secs - floor), seconds: secs, ackMs }
}
