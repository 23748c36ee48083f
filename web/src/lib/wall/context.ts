/**
 * Per-wall values every tile needs (language, formatting, root font size, entity names and colours, kiosk, board,
 * token), set once by the wall page instead of passed by hand into each component. Getters: the values follow the
 * URL and the live model, and a component reading them re-renders when they change.
 */
import { createContext } from 'svelte'
import type { Formatters, Messages, UiLang } from '../i18n.ts'
import type { Incidents } from './incidents.svelte.ts'

export interface WallContext {
  readonly lang: UiLang
  /** The UI strings in `lang`. */
  readonly m: Messages
  readonly fmt: Formatters
  /** The root font size, px: charts size their SVG text from it (mirrors app.css). */
  readonly fs: number
  /** Entity id → display name and readable colour. */
  readonly names: Record<string, string>
  readonly colors: Record<string, string>
  /** No chrome: no export menus, buttons or links. */
  readonly kiosk: boolean
  /** The board shown (null = all entities): export file names and captions carry it. */
  readonly board: string | null
  /** The wall's credential for REST calls (sent as a bearer header, never in a URL). */
  readonly token: string | null
  /** The incidents behind the alerts shown: live, today's; in a replay, as they were at that second. */
  readonly incidents: Incidents
  /** Ids of the alerts the banner raises (open, their incident not resolved): the list marks the others done. */
  readonly raised: ReadonlySet<string>
}

/** `wallContext()` throws when no wall page set it: the components are the wall's own. */
export const [wallContext, setWallContext] = createContext<WallContext>()
