/**
 * Where things are, computed once for every workspace: the repo root, files in it, and the shared labelled data
 * beside the checkout. Node-only, hence here and not in `@pulso/types` (which the browser shares); server code and
 * tests import it as `@pulso/ingest/paths`, which loads nothing else.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

type Env = Record<string, string | undefined>

/** Repo root (ingest/src → ../..), so that defaults do not depend on which folder npm starts us in. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** A path in the repo; an absolute path stays as it is (a relative env var or argument means "from the repo root"). */
export function repoPath(...parts: string[]): string {
  return path.resolve(REPO_ROOT, ...parts)
}

/** The shipped config: entities, sources, queue (PULSO_CONFIG overrides it in the server). */
export const DEFAULT_CONFIG_FILE = repoPath('config/pulso.yaml')
/** ingest/data/nlp: word lists, intent set, trained weights (shipped with the repo). */
export const NLP_DATA_DIR = repoPath('ingest/data/nlp')

/** Labelled corpora (never copied into the repo): `../shared/data` beside the checkout, or PULSO_DATA_DIR. */
export function sharedDataDir(env: Env = process.env): string {
  return env.PULSO_DATA_DIR ? path.resolve(env.PULSO_DATA_DIR) : path.resolve(REPO_ROOT, '../shared/data')
}

/** A folder in the shared data (`nab`, `nlp`). */
export function sharedDataPath(sub: string, env: Env = process.env): string {
  return path.join(sharedDataDir(env), sub)
}

/**
 * For tests that need the shared data: why they must skip, or null to run. A fresh clone has no `../shared`, so they
 * skip there (with this message) and `npm test` passes; but where the data is expected (CI, or PULSO_DATA_DIR set)
 * a missing folder is a failure, never a silent skip, so the figures they guard are always checked there.
 */
export function sharedDataSkip(sub: string, env: Env = process.env): string | null {
  const dir = sharedDataPath(sub, env)
  if (existsSync(dir) || env.CI || env.PULSO_DATA_DIR) return null
  return `skipped: shared labelled data not found at ${dir} (clone it beside the repo as ../shared, or set PULSO_DATA_DIR)`
}
