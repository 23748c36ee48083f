/** The queue's REST calls from the browser, with the wall's token as `Authorization: Bearer` when one is set. */
import type { QueueAction, QueueActionRecord, QueuePage } from '@pulso/types'
import { save } from '../export'

export interface QueueQuery {
  entity?: string
  intent?: string
  nature?: string
  /** '' = the server's default (open and assigned); 'all' or a status. */
  status?: string
  minPriority?: number
  /** 0–1; unset: the server's `queue.minConfidence`. */
  minConfidence?: number
  offset?: number
  limit?: number
}

/**
 * The entities a queue picker offers: those customer care answers for (the queue never lists a post naming only
 * `care: false` ones, docs/queue.md), and the one picked now, so a link naming another still shows what it filters.
 */
export function careEntities<E extends { id: string; care?: boolean }>(entities: E[], picked?: string): E[] {
  return entities.filter((e) => e.care !== false || e.id === picked)
}

export class QueueError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

const headers = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {})

/** Query string of the non-empty fields, so the server's defaults apply to the rest. */
export function queueSearch(q: QueueQuery & { lang?: string }): string {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '' && v !== null && !(k === 'minPriority' && v === 0)) p.set(k, String(v))
  const s = p.toString()
  return s ? `?${s}` : ''
}

async function call<T>(url: string, token: string | null, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { ...headers(token), ...(init.headers as Record<string, string>) } })
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string }
    throw new QueueError(res.status, body.error ?? res.statusText)
  }
  return res.json() as Promise<T>
}

export const fetchQueue = (q: QueueQuery, token: string | null) => call<QueuePage>(`/api/queue${queueSearch(q)}`, token)


export const postAction = (id: string, body: { action: QueueAction; assignee?: string; by?: string }, token: string | null) =>
  call<QueueActionRecord>(`/api/queue/${encodeURIComponent(id)}/actions`, token, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

/** The filtered queue as CSV, downloaded through fetch (the token travels in a header, never in a link). */
export async function downloadQueueCsv(q: QueueQuery, lang: string, token: string | null): Promise<void> {
  const { offset: _o, limit: _l, ...filters } = q
  const res = await fetch(`/api/queue/export.csv${queueSearch({ ...filters, lang })}`, { headers: headers(token) })
  if (!res.ok) throw new QueueError(res.status, res.statusText)
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'pulso-queue.csv'
  save(await res.blob(), name)
}
