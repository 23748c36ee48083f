/** REST calls of the wall and the control page: the token (if any) goes in `Authorization: Bearer`, never in the URL. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export async function api<T>(path: string, token: string | null, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) }
  if (token) headers.authorization = `Bearer ${token}`
  if (init.body) headers['content-type'] = 'application/json'
  const res = await fetch(path, { ...init, headers })
  const body = res.status === 204 ? null : await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(res.status, (body as { error?: string } | null)?.error ?? res.statusText)
  return body as T
}
