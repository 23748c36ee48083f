/**
 * Who this browser is signed in as, asked of GET /api/session before a page shows anything: the wall, /control and
 * /queue show a sign-in screen or a "not authorised" state at once instead of waiting on a feed that never comes.
 * The token is remembered per browser (localStorage), never kept in a URL.
 */
import { TOKEN_KEY } from '../params.ts'

export type Need = 'viewer' | 'admin'
export type Role = 'admin' | 'viewer'

export type SessionState =
  | { kind: 'checking' }
  | { kind: 'ok'; role: Role; open: boolean; viewerLinks: boolean }
  /** Tokens are required and none is stored. */
  | { kind: 'signin' }
  /** The token is wrong here, or a viewer opened an admin page. */
  | { kind: 'denied'; reason: 'wrong' | 'viewer' }
  | { kind: 'blocked'; seconds: number }
  | { kind: 'unreachable' }

/** The server did not answer: ask again this often (a restarting server comes back by itself). */
const RETRY_MS = 2000

export class Session {
  state: SessionState = $state({ kind: 'checking' })
  #need: Need = 'viewer'
  #retry: ReturnType<typeof setTimeout> | undefined

  /** What `token` is worth for a page that needs `need`. */
  async check(token: string | null, need: Need): Promise<SessionState> {
    let res: Response
    try {
      res = await fetch('/api/session', { headers: token ? { authorization: `Bearer ${token}` } : {} })
    } catch {
      return { kind: 'unreachable' }
    }
    const body = (await res.json().catch(() => null)) as { open?: boolean; role?: Role | null; viewerLinks?: boolean; retryAfter?: number } | null
    if (res.status === 401) return { kind: 'denied', reason: 'wrong' }
    if (res.status === 429) return { kind: 'blocked', seconds: Number(res.headers.get('retry-after')) || body?.retryAfter || 60 }
    if (!res.ok || !body) return { kind: 'unreachable' }
    if (body.open) return { kind: 'ok', role: 'admin', open: true, viewerLinks: false }
    if (!body.role) return { kind: 'signin' }
    if (need === 'admin' && body.role !== 'admin') return { kind: 'denied', reason: 'viewer' }
    return { kind: 'ok', role: body.role, open: false, viewerLinks: body.viewerLinks === true }
  }

  /** Checks the stored token for a page; retries while the server is unreachable. */
  async start(need: Need): Promise<void> {
    this.#need = need
    clearTimeout(this.#retry)
    const next = await this.check(this.token, need)
    this.state = next
    if (next.kind === 'unreachable') this.#retry = setTimeout(() => void this.start(this.#need), RETRY_MS)
  }

  /** A typed token: remembered only when the server takes it for this page. */
  async signIn(token: string): Promise<void> {
    const t = token.trim()
    if (!t) return
    const next = await this.check(t, this.#need)
    if (next.kind === 'ok') localStorage.setItem(TOKEN_KEY, t)
    this.state = next
  }

  signOut(): void {
    localStorage.removeItem(TOKEN_KEY)
    this.state = { kind: 'signin' }
  }

  /** The live feed was refused (a token revoked while the page ran): check again, the gate follows. */
  recheck(): void {
    if (this.state.kind === 'ok' && !this.state.open) void this.start(this.#need)
  }

  get token(): string | null {
    return localStorage.getItem(TOKEN_KEY)
  }
}

/** One per page load: the gate (layout) and the live feed share it. */
export const session = new Session()
