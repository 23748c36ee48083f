/** REST calls of the wall and the control page: the token (if any) goes in `Authorization: Bearer`, never in the URL. */
import { seriesFromColumns, type SeriesColumns, type SeriesPoint } from '@pulso/types'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * REST calls in flight, mirrored on `<html data-api-pending>` (no visible effect): the browser tests wait for it to
 * fall to 0 after the wall's first snapshot is drawn (every first REST answer has arrived) instead of sleeping a
 * fixed time and hoping the tiles have filled.
 */
let pending = 0
function inFlight(step: 1 | -1): void {
  pending += step
  if (typeof document !== 'undefined') document.documentElement.dataset.apiPending = String(pending)
}

export async function api<T>(path: string, token: string | null, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) }
  if (token) headers.authorization = `Bearer ${token}`
  if (init.body) headers['content-type'] = 'application/json'
  inFlight(1)
  try {
    const res = await fetch(path, { ...init, headers })
    const body = res.status === 204 ? null : await res.json().catch(() => null)
    if (!res.ok) throw new ApiError(res.status, (body as { error?: string } | null)?.error ?? res.statusText)
    return body as T
  } finally {
    inFlight(-1)
  }
}

/**
 * History as the wall reads it: `format=columns` (one array per figure, ClickHouse's JSON passed through by the
 * server, which neither parses nor rebuilds 28,800 objects for a day of 20 entities), turned into points here.
 */
export async function fetchSeries(q: { entities: string[]; from: number; to: number; step: number }, token: string | null): Promise<SeriesPoint[]> {
  const params = new URLSearchParams({ entity: q.entities.join(','), from: String(q.from), to: String(q.to), step: String(q.step), format: 'columns' })
  return seriesFromColumns((await api<{ data: SeriesColumns }>(`/api/series?${params}`, token)).data)
}
