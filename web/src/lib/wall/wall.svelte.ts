/**
 * One wall's state: the live feed, or a stored second when `?t=` replays one; the board shown; and the figures the
 * tiles read. Built once by the wall page during its set-up, so its timers and fetches are effects tied to the page.
 */
import { untrack } from 'svelte'
import { innerHeight, innerWidth } from 'svelte/reactivity/window'
import { openAlerts } from '../alerts.ts'
import { formatters, MESSAGES } from '../i18n.ts'
import { Live } from '../live.svelte.ts'
import { Moments } from '../moments.svelte.ts'
import { entityColors } from '../palette.ts'
import { parseParams } from '../params.ts'
import { Replay } from '../replay.svelte.ts'
import { dataAgeSeconds } from '../state.ts'
import type { WallContext } from './context.ts'
import { Cursor } from './cursor.svelte.ts'
import { Incidents } from './incidents.svelte.ts'
import { Rotation } from './rotation.svelte.ts'

/** Moments are refetched this often; a live reaction still filling every RUNNING_REFRESH_MS. */
const MOMENTS_REFRESH_MS = 15_000
/**
 * A running reaction's after-window fills second by second beside cards that move every tick: asked every 15 s it
 * showed "0→0" for up to 15 s after the posts were stored. The server's read gate shares one answer per second.
 */
const RUNNING_REFRESH_MS = 2_000

/** Whole seconds from `at` to `now`, never negative. */
const secondsSince = (now: number, at: number) => Math.max(0, Math.floor((now - at) / 1000))

export class Wall {
  readonly live = new Live()
  readonly replay = new Replay()
  readonly moments = new Moments()
  readonly incidents = new Incidents(() => this.token)
  /** Read once at set-up: a `?token=` is remembered in local storage, and the replay and tiles need it before connecting. */
  readonly token: string | null
  readonly cursor: Cursor
  readonly #url: () => URL
  #momentsKick = $state(0)

  params = $derived(this.#readParams())
  m = $derived(MESSAGES[this.params.lang])
  fmt = $derived(formatters(this.params.lang))
  // Mirrors `font-size: min(1.6vh, 0.9vw)` in app.css: charts size their SVG text in px from it.
  fs = $derived(Math.min((innerHeight.current ?? 1080) * 0.016, (innerWidth.current ?? 1920) * 0.009))

  replaying = $derived(this.params.t !== null)
  model = $derived(this.replaying ? this.replay.model : this.live.model)
  /** "Now" on the wall's clock: the server's time, or the replayed second. */
  now = $derived(this.replaying ? (this.replay.model.tick?.at ?? this.params.t ?? 0) : this.live.serverNow())

  boards = $derived([...new Set(this.model.entities.map((e) => e.group))])
  #rotation = new Rotation(
    () => this.params.rotate,
    () => this.boards,
  )
  /** The board shown (null = all): the rotation's when `?rotate=` is on, else `?board=`. */
  board = $derived(this.params.rotate > 0 && this.boards.length > 0 ? this.#rotation.current : this.params.board)
  shown = $derived(this.model.entities.filter((e) => !this.board || e.group === this.board))
  ids = $derived(this.shown.map((e) => e.id))
  colors = $derived(entityColors(this.model.entities))
  names = $derived(Object.fromEntries(this.model.entities.map((e) => [e.id, e.name])))
  windows = $derived(new Map((this.model.tick?.entities ?? []).map((w) => [w.entity, w])))

  /** Charts end at the start of the server's current second (exclusive): that second is still filling. */
  to = $derived(this.model.tick ? Math.floor(this.model.tick.at / 1000) * 1000 : 0)
  /** The incidents behind the alerts shown: today's, live; a replayed second's, as they were then. */
  shownIncidents = $derived(this.replaying ? this.replay.incidents : this.incidents)
  /** The alerts the room was paged with: not those that joined an open incident (one surge, one page). */
  paged = $derived(this.model.alerts.filter((a) => !this.shownIncidents.joined(a.id)))
  /**
   * The board's raised alerts, graver first: the banner stacks them. Open (nobody answered) and its incident not
   * resolved: a surge Pulso closed after 30 quiet minutes is over. Kept by status alone, a SEV 3 from hours before held
   * the banner above the surge going on, while the alert list beside it said "resolved". A replay applies the same rule
   * to that second's statuses and incidents.
   */
  banner = $derived(openAlerts(this.paged.filter((a) => !this.shownIncidents.resolved(a.id)), new Set(this.ids)))
  /** Ids of the banner's alerts: the list marks the others done (one rule for both). */
  raised = $derived(new Set(this.banner.map((a) => a.id)))
  /** The alert list: the raised ones as the banner orders them, then the others, newest first. */
  alerts = $derived([...this.banner, ...this.paged.filter((a) => !this.raised.has(a.id) && this.ids.includes(a.entity))])
  /** Age of the newest stored post (the header's freshness). */
  age = $derived(this.replaying ? (this.model.tick?.dataAt != null ? secondsSince(this.now, this.model.tick.dataAt) : null) : dataAgeSeconds(this.model, this.live.now))
  /** Age of the figures the chart tiles show. */
  tickAge = $derived(this.model.tick ? secondsSince(this.now, this.model.tick.at) : null)

  // Top posts and rising terms of the board ('' = all entities).
  #feed = $derived(this.replaying ? this.replay.feed : this.live.feed)
  feed = $derived(this.#feed?.boards[this.board ?? ''] ?? null)
  feedAge = $derived(this.#feed ? secondsSince(this.now, this.#feed.at) : null)
  /** Rising terms are recomputed less often than the feed is pushed: their own age (every board's feed has one). */
  risingAge = $derived(this.feed ? secondsSince(this.now, this.feed.risingWindow.at) : null)

  /** The board's moments; in a replay, only those marked by the replayed second. */
  boardMoments = $derived(this.moments.forBoard(this.board, this.replaying ? this.now : null))
  /** Posts per shown entity in the replayed second (the replay bar's figures). */
  secondPosts = $derived(
    this.shown.map((e) => {
      const posts = this.replay.shown === null ? 0 : (this.model.points.get(`${e.id}|${this.replay.shown}`)?.posts ?? 0)
      return { entity: e.id, name: e.name, color: this.colors[e.id], posts }
    }),
  )

  /** `go` replaces the URL (SvelteKit's goto); the wall's state follows the URL. */
  constructor(url: () => URL, go: (href: string) => Promise<unknown>) {
    this.#url = url
    this.token = parseParams(url(), navigator.languages, localStorage).token
    this.cursor = new Cursor(url, go, () => this.live.serverNow())
    // Live only: read at start and every 30 s, on each new alert, and each pushed incident applied at once.
    $effect(() => (this.replaying ? undefined : untrack(() => this.incidents.start())))
    $effect(() => void (!this.replaying && this.live.model.alerts[0]?.id && untrack(() => this.incidents.load())))
    // (apply reads the map it replaces untracked itself: this effect depends on the pushed incident only.)
    $effect(() => void (!this.replaying && this.live.incident && this.incidents.apply(this.live.incident)))
    $effect(() => {
      document.documentElement.lang = this.params.lang
    })
    // Replay / DVR: ?t= picks the second shown, ?speed= plays it on.
    $effect(() => {
      const t = this.params.t
      untrack(() => (t === null ? this.replay.reset() : void this.replay.show(t, this.token)))
    })
    this.cursor.playOn(() => this.params)
    // A new alert takes the rotation to its board.
    $effect(() => {
      const a = this.live.newAlert
      if (!a || this.params.rotate <= 0) return
      untrack(() => this.#rotation.jumpTo(this.model.entities.find((e) => e.id === a.entity)?.group))
    })
    this.#loadMoments()
  }

  /**
   * Moments: refetched on each `moment` event, on a board change, as the replay moves by a minute, and every 15 s —
   * every 2 s while a live reaction is still running (a replayed second's reaction does not change).
   */
  #loadMoments(): void {
    const minute = $derived(this.params.t === null ? null : Math.floor(this.params.t / 60_000))
    $effect(() => {
      const id = setInterval(() => this.#momentsKick++, MOMENTS_REFRESH_MS)
      return () => clearInterval(id)
    })
    // A live reaction still running: its figures every 2 s (the list stays as `moment` events and the 15 s keep it).
    $effect(() => {
      if (this.params.t !== null || !this.moments.running) return
      const id = setInterval(() => void this.moments.loadReactions(this.token, this.board, null), RUNNING_REFRESH_MS)
      return () => clearInterval(id)
    })
    $effect(() => {
      void [this.live.momentEvents, this.#momentsKick, minute]
      const board = this.board
      untrack(() => void this.moments.load(this.token, board, this.params.t === null ? null : this.params.t + 1000))
    })
  }

  /** The URL's settings (a method: the field initialisers run before the constructor has the URL). */
  #readParams() {
    return parseParams(this.#url(), navigator.languages)
  }

  /** Opens the live feed; the returned function closes it (onMount's contract). */
  connect(): () => void {
    this.live.connect(this.token)
    return () => this.live.close()
  }

  /** The per-wall values the components read (see context.ts), as getters that follow this wall. */
  context(): WallContext {
    const w = this // the getters below are not methods of this class
    return {
      get lang() { return w.params.lang },
      get m() { return w.m },
      get fmt() { return w.fmt },
      get fs() { return w.fs },
      get names() { return w.names },
      get colors() { return w.colors },
      get kiosk() { return w.params.kiosk },
      get board() { return w.board },
      get token() { return w.token },
      get incidents() { return w.shownIncidents },
      get raised() { return w.raised },
    }
  }
}
