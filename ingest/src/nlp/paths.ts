/** Where shipped files (weights, word lists) and the shared labelled data live. */
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const here = path.dirname(fileURLToPath(import.meta.url))
/** ingest/data/nlp: word lists, intent set, trained weights (shipped with the repo). */
export const NLP_DATA_DIR = path.resolve(here, '../../data/nlp')
/** Repo root: ingest/src/nlp → ../../.. */
export const REPO_ROOT = path.resolve(here, '../../..')
/** Labelled corpora (never copied into the repo); override with PULSO_DATA_DIR. */
export function sharedDataDir(): string {
  return process.env.PULSO_DATA_DIR ?? path.resolve(REPO_ROOT, '../shared/data')
}
