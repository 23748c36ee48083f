/** The wall's keys: m marks a moment (admins), space plays/pauses, ←/→ move 10 s, l goes back to live. */

export type Hotkey = 'mark' | 'playPause' | 'back' | 'forward' | 'live'

const KEYS: Record<string, Hotkey> = { m: 'mark', ' ': 'playPause', ArrowLeft: 'back', ArrowRight: 'forward', l: 'live' }
/** Keys typed into these are the field's, not the wall's. */
const FIELDS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'])

/** What a key press asks of the wall, or null: not one of its keys, a modifier held, or typing in a field. */
export function hotkey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'> & { target: EventTarget | null }): Hotkey | null {
  const tag = (e.target as { tagName?: string } | null)?.tagName
  if (e.ctrlKey || e.metaKey || e.altKey || (tag && FIELDS.has(tag))) return null
  return KEYS[e.key] ?? null
}
