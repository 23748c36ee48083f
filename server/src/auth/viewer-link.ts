import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Read-only wall links: `pv1.<expiry, epoch s>.<HMAC-SHA256 of it, base64url>`, signed with the admin token. Such a
 * token grants the viewer role only, until it expires. Why signed rather than handing out VIEWER_TOKEN: it works when
 * only ADMIN_TOKEN is set, it never discloses a configured secret, it expires on its own, and rotating the admin
 * token revokes every link made with the old one.
 */
const FORMAT = /^pv1\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/

const sign = (key: string, exp: number) => createHmac('sha256', key).update(`pulso viewer link ${exp}`).digest('base64url')

export function mintViewerToken(key: string, expiresAtMs: number): string {
  const exp = Math.floor(expiresAtMs / 1000)
  return `pv1.${exp}.${sign(key, exp)}`
}

/** Whether `token` is a viewer link signed with `key` and not yet expired (constant-time on the signature). */
export function isViewerToken(key: string, token: string, now = Date.now()): boolean {
  const m = FORMAT.exec(token)
  if (!m) return false
  const exp = Number(m[1])
  if (exp * 1000 <= now) return false
  return timingSafeEqual(Buffer.from(sign(key, exp)), Buffer.from(m[2]))
}
