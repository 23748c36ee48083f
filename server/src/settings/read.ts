/**
 * Reading config/pulso.yaml once, for everything: the result is the typed settings or the list of problems, each
 * with file:line:column. Nothing here throws at a user except `loadSettings`, whose error is that same list.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { LineCounter, parseDocument } from 'yaml'
import { formatIssue, locateIssues, type SettingsIssue } from './locate.ts'
import { settingsSchema, type PulsoFile } from './schema.ts'

type Env = Record<string, string | undefined>

export type SettingsResult = { ok: true; settings: PulsoFile } | { ok: false; issues: SettingsIssue[] }

/** The problems, one per line, as the log, `config:check` and /control show them. */
export class SettingsError extends Error {
  readonly issues: SettingsIssue[]
  constructor(issues: SettingsIssue[]) {
    super(issues.map(formatIssue).join('\n'))
    this.name = 'SettingsError'
    this.issues = issues
  }
}

/** Settings from the text of `file` (the file is named in problems; relative source paths are from its folder). */
export function parseSettings(text: string, file: string, env: Env = process.env): SettingsResult {
  file = path.resolve(file)
  const lines = new LineCounter()
  // uniqueKeys: a key written twice is an error (yaml's default), not "the last one wins".
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const at = lines.linePos(e.pos[0])
        return { file, ...at, path: '', message: `YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` }
      }),
    }
  }
  const r = settingsSchema(file, env).safeParse(doc.toJS({ maxAliasCount: 100 }) ?? {})
  return r.success ? { ok: true, settings: r.data } : { ok: false, issues: locateIssues(file, doc, lines, r.error.issues) }
}

/** Settings from a file; an unreadable file is one problem naming it (no line: there is no text). */
export function readSettings(file: string, env: Env = process.env): SettingsResult {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return { ok: false, issues: [{ file: path.resolve(file), path: '', message: code === 'ENOENT' ? 'file not found' : `cannot read: ${code ?? String(e)}` }] }
  }
  return parseSettings(text, file, env)
}

/** For start-up, where a bad file must stop the server: throws a SettingsError (its message is the list). */
export function loadSettings(file: string, env: Env = process.env): PulsoFile {
  const r = readSettings(file, env)
  if (!r.ok) throw new SettingsError(r.issues)
  return r.settings
}
