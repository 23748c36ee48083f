/** The queue-as-cases REST calls from the browser (token as `Authorization: Bearer`), and the template filler. */
import type { AnswerTemplates, CaseDetail, CasesPage, Nature } from '@pulso/types'
import { QueueError } from './api.ts'

export type BulkAction = 'assign' | 'answered' | 'dismiss'
export interface BulkBody {
  action: BulkAction
  by: string
  assignee?: string
  note?: string
}
export interface BulkResult {
  action: BulkAction
  at: number
  postIds: string[]
}

async function call<T>(url: string, token: string | null, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) }
  const res = await fetch(url, { ...init, headers })
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string }
    throw new QueueError(res.status, body.error ?? res.statusText)
  }
  return res.json() as Promise<T>
}

export function fetchCases(q: { entity?: string; status?: string; minConfidence?: number; limit?: number }, token: string | null): Promise<CasesPage> {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v))
  const s = p.toString()
  return call<CasesPage>(`/api/queue/cases${s ? `?${s}` : ''}`, token)
}

/** The list's grouping (entity, status, confidence floor): a case is found by id within it. */
export interface Grouping {
  entity?: string
  status?: string
  minConfidence?: number
}
const groupingSearch = (g: Grouping) => {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(g)) if (v !== undefined && v !== '') p.set(k, String(v))
  const s = p.toString()
  return s ? `?${s}` : ''
}

export const fetchCase = (id: string, g: Grouping, token: string | null) => call<CaseDetail>(`/api/queue/cases/${encodeURIComponent(id)}${groupingSearch(g)}`, token)

export const fetchTemplates = (token: string | null) => call<{ templates: AnswerTemplates }>('/api/queue/templates', token).then((r) => r.templates)

/** The whole case (as grouped when the server receives it), or `postIds` of it. */
export const actOnCase = (id: string, g: Grouping, body: BulkBody & { postIds?: string[] }, token: string | null) =>
  call<BulkResult>(`/api/queue/cases/${encodeURIComponent(id)}/actions${groupingSearch(g)}`, token, { method: 'POST', body: JSON.stringify(body) })

/** A selection of posts, from any cases. */
export const actOnPosts = (ids: string[], body: BulkBody, token: string | null) => call<BulkResult>('/api/queue/actions', token, { method: 'POST', body: JSON.stringify({ ...body, ids }) })

/** The template for a nature (or the general one) in a language, with the author's handle and the entity's name in. */
export function fillTemplate(t: AnswerTemplates, nature: Nature | 'default' | null, lang: 'es' | 'en', handle: string, entity: string): string {
  const text = (t[nature ?? 'default'] ?? t.default)[lang]
  // No handle (several cases answered at once): "Hola {handle}, gracias" reads "Hola, gracias".
  const withHandle = handle ? text.replaceAll('{handle}', `@${handle.replace(/^@/, '')}`) : text.replace(/\s*\{handle\}/g, '')
  return withHandle.replaceAll('{entity}', entity)
}
