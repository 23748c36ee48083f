/**
 * Watches config/pulso.yaml so a change applies without a restart: an entity added mid-debate is matched from then
 * on. A valid change replaces the running settings and is reported with what changed; an invalid one is refused
 * with its problems and the running settings stay (a typo must never take the room down or empty it).
 */
import { readFileSync, stat, watch, type FSWatcher } from 'node:fs'
import path from 'node:path'
import { diffSettings, type SettingsDiff } from './diff.ts'
import { formatIssue, type SettingsIssue } from './locate.ts'
import { loadSettings, parseSettings } from './read.ts'
import type { PulsoFile } from './schema.ts'

export interface SettingsLog {
  info(msg: string): void
  warn(msg: string): void
  error(obj: unknown, msg?: string): void
}

export interface WatchOptions {
  /** The settings running now (read at start-up); without it the file is read here (throws SettingsError if bad). */
  initial?: PulsoFile
  /**
   * A valid file whose settings differ from the running ones, or a valid file after a refused one (then `diff` may
   * be empty: the error is cleared).
   */
  onChange(next: PulsoFile, prev: PulsoFile, diff: SettingsDiff): void
  /** A changed file that fails; `current()` keeps the previous settings and this error. */
  onInvalid(issues: SettingsIssue[]): void
  log?: SettingsLog
  env?: Record<string, string | undefined>
  /** Stat-poll interval, the fallback when fs.watch says nothing (network and container mounts). Default 1000. */
  pollMs?: number
  /** Quiet time after the last event before reading: editors write in steps (temp file, rename, chmod). Default 150. */
  debounceMs?: number
  /** false: poll only (mounts where fs.watch misbehaves; tests of the fallback). Default true. */
  fsWatch?: boolean
}

export interface SettingsState {
  settings: PulsoFile
  /** The last refused change, until a valid file replaces it: what /control shows. */
  error: { at: number; issues: SettingsIssue[]; message: string } | null
}

export interface SettingsWatcher {
  current(): SettingsState
  /** Re-read now, as a noticed change does after its debounce ("reload" buttons, tests). */
  check(): void
  close(): void
}

const silent: SettingsLog = { info() {}, warn() {}, error() {} }
// A file missing this many reads in a row is reported; fewer is an editor between delete and create.
const MISSES_BEFORE_REPORT = 3

export function watchSettings(file: string, opts: WatchOptions): SettingsWatcher {
  file = path.resolve(file)
  const { onChange, onInvalid, log = silent, env = process.env, pollMs = 1000, debounceMs = 150, fsWatch = true } = opts
  let state: SettingsState = { settings: opts.initial ?? loadSettings(file, env), error: null }
  // The text last judged: fs.watch fires several times per save, and a touch changes nothing.
  let lastText: string | undefined
  let misses = 0
  let timer: NodeJS.Timeout | undefined
  let closed = false

  const safely = (what: string, fn: () => void) => {
    try {
      fn()
    } catch (e) {
      log.error(e, `config: ${what} failed`)
    }
  }

  const refuse = (issues: SettingsIssue[]) => {
    const message = issues.map(formatIssue).join('\n')
    state = { ...state, error: { at: Date.now(), issues, message } }
    log.warn(`config refused, the running settings stay:\n${message}`)
    safely('onInvalid', () => onInvalid(issues))
  }

  const check = () => {
    if (closed) return
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (e) {
      lastText = undefined
      if (++misses < MISSES_BEFORE_REPORT) return schedule()
      const code = (e as NodeJS.ErrnoException).code
      if (misses === MISSES_BEFORE_REPORT) refuse([{ file, path: '', message: code === 'ENOENT' ? 'file not found' : `cannot read: ${code}` }])
      return
    }
    misses = 0
    if (text === lastText) return
    lastText = text
    const r = parseSettings(text, file, env)
    if (!r.ok) return refuse(r.issues)
    const prev = state.settings
    const diff = diffSettings(prev, r.settings)
    const recovered = state.error !== null
    state = { settings: r.settings, error: null }
    if (diff.empty && !recovered) return
    log.info(`config reloaded (${path.basename(file)}): ${diff.summary}${recovered ? ' (the refused change is fixed)' : ''}`)
    safely('onChange', () => onChange(r.settings, prev, diff))
  }

  const schedule = () => {
    if (closed) return
    clearTimeout(timer)
    timer = setTimeout(check, debounceMs)
    timer.unref()
  }

  // fs.watch on the folder, not the file: editors save by writing a temporary file and renaming it over the old
  // one, which ends a watch on the file itself. It can also fail or stay silent (some mounts): the poll covers that.
  const watchFolder = (): FSWatcher | undefined => {
    try {
      const w = watch(path.dirname(file), { persistent: false }, (_event, name) => {
        if (!name || name.toString() === path.basename(file)) schedule()
      })
      w.on('error', (e) => {
        log.warn(`config: watching ${path.dirname(file)} failed (${e.message}); polling every ${pollMs} ms`)
        w.close()
      })
      return w
    } catch (e) {
      log.warn(`config: cannot watch ${path.dirname(file)} (${(e as Error).message}); polling every ${pollMs} ms`)
    }
  }
  const watcher = fsWatch ? watchFolder() : undefined

  let lastStat = ''
  const signature = (cb: (sig: string) => void) => stat(file, (err, s) => cb(err ? `missing:${err.code}` : `${s.ino}:${s.size}:${s.mtimeMs}`))
  signature((sig) => (lastStat = sig))
  const poll = setInterval(
    () =>
      signature((sig) => {
        if (sig === lastStat) return
        lastStat = sig
        schedule()
      }),
    pollMs,
  )
  poll.unref()
  // Judge the file as it is now against `initial`, so a change made between start-up and here is not missed (a
  // no-op otherwise). Scheduled, not run here: callbacks must not fire before watchSettings has returned.
  schedule()

  return {
    current: () => state,
    check,
    close() {
      closed = true
      clearTimeout(timer)
      clearInterval(poll)
      watcher?.close()
    },
  }
}
