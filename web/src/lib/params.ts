/** The wall is configured entirely by its URL, so a kiosk browser can be pointed at a fixed address. */
import { pickLang, type UiLang } from './i18n.ts'
import { validTime } from './time.ts'

export interface WallParams {
  /** `?lang=es|en`; default from the browser. */
  lang: UiLang
  /** `?board=<group>`: only that group's entities; null = all. */
  board: string | null
  /** `?kiosk=1`: no chrome (no board picker, no buttons). */
  kiosk: boolean
  /** `?rotate=<seconds>`: cycle through boards; 0 = off. Values under 5 s are raised to 5 s. */
  rotate: number
  /** `?smooth=<seconds>`: moving average on the volume chart; default 5, 1 = raw per-second counts. */
  smooth: number
  /** `?token=` (then remembered in localStorage), for servers that require one. */
  token: string | null
  /** `?t=<ISO or ms>`: replay (DVR) at that second instead of live; null = live. */
  t: number | null
  /** `?speed=1…60` with `t`: play the replay at that speed; absent or 0 = paused. */
  speed: number
  /** `?mode=debate|standard`: the layout; default debate for the `debate` board, standard otherwise. */
  mode: 'debate' | 'standard'
}

/** Replay speeds offered on the wall (the URL accepts any whole number from 1 to 60). */
export const SPEEDS = [1, 2, 5, 10, 30, 60]

/**
 * `?t=` as ISO-8601 or epoch ms (10–13 digits; 10 digits are seconds), floored to the second; null (live) when
 * absent, invalid, or outside 1970…9999 (an absurd link must not take the wall down).
 */
export function parseTime(v: string | null): number | null {
  if (!v) return null
  const ms = /^\d{10}$/.test(v) ? Number(v) * 1000 : /^\d{11,13}$/.test(v) ? Number(v) : Date.parse(v)
  return validTime(ms) ? Math.floor(ms / 1000) * 1000 : null
}

/** Where this browser remembers its token (the sign-in screen writes it, sign-out removes it). */
export const TOKEN_KEY = 'pulso.token'
const MIN_ROTATE_SECONDS = 5
const DEFAULT_SMOOTH_SECONDS = 5

export function parseParams(url: URL, browserLangs: readonly string[], storage?: Pick<Storage, 'getItem' | 'setItem'>): WallParams {
  const q = url.searchParams
  const rotate = Number(q.get('rotate') ?? 0)
  let token = q.get('token')
  if (token && storage) storage.setItem(TOKEN_KEY, token)
  else if (!token && storage) token = storage.getItem(TOKEN_KEY)
  const kiosk = q.get('kiosk')
  const smooth = Math.round(Number(q.get('smooth') ?? DEFAULT_SMOOTH_SECONDS))
  return {
    lang: pickLang(q.get('lang'), browserLangs),
    board: q.get('board') || null,
    kiosk: kiosk !== null && kiosk !== '0' && kiosk !== 'false',
    rotate: Number.isFinite(rotate) && rotate > 0 ? Math.max(MIN_ROTATE_SECONDS, rotate) : 0,
    smooth: Number.isFinite(smooth) && smooth >= 1 ? Math.min(smooth, 120) : DEFAULT_SMOOTH_SECONDS,
    token: token || null,
    t: parseTime(q.get('t')),
    speed: Math.max(0, Math.min(60, Math.round(Number(q.get('speed') ?? 0)) || 0)),
    mode: q.get('mode') === 'debate' || (q.get('mode') !== 'standard' && q.get('board') === 'debate') ? 'debate' : 'standard',
  }
}

/**
 * A link to share or follow never carries `?token=`: the token is remembered in this browser (localStorage), and a
 * copied or projected address must not hand it to whoever reads it.
 */
export function withoutToken(href: string | URL): URL {
  const next = new URL(href)
  next.searchParams.delete('token')
  return next
}

/** The current URL with one query parameter set (or removed when value is null), as a relative href (no token). */
export function hrefWith(url: URL, key: string, value: string | null): string {
  const next = withoutToken(url)
  if (value === null) next.searchParams.delete(key)
  else next.searchParams.set(key, value)
  return `${next.pathname}${next.search}`
}

/** The current URL with several parameters set or removed (null), as a relative href (no token). */
export function hrefWithAll(url: URL, values: Record<string, string | null>): string {
  const next = withoutToken(url)
  for (const [k, v] of Object.entries(values)) {
    if (v === null) next.searchParams.delete(k)
    else next.searchParams.set(k, v)
  }
  return `${next.pathname}${next.search}`
}
