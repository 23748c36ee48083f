import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEFAULT_CONFIG_FILE, NLP_DATA_DIR, REPO_ROOT, repoPath, sharedDataDir, sharedDataSkip } from '../src/paths.ts'

describe('paths', () => {
  it('finds the repo root and the shipped files from any working directory', () => {
    expect(existsSync(path.join(REPO_ROOT, 'package.json'))).toBe(true)
    expect(existsSync(DEFAULT_CONFIG_FILE)).toBe(true)
    expect(existsSync(path.join(NLP_DATA_DIR, 'lexicon.tsv'))).toBe(true)
    expect(repoPath('sql/schema.sql')).toBe(path.join(REPO_ROOT, 'sql/schema.sql'))
    expect(repoPath('/etc/pulso.yaml')).toBe('/etc/pulso.yaml')
  })

  it('puts the shared data beside the checkout, or where PULSO_DATA_DIR says', () => {
    expect(sharedDataDir({})).toBe(path.resolve(REPO_ROOT, '../shared/data'))
    expect(sharedDataDir({ PULSO_DATA_DIR: '/data/pulso' })).toBe('/data/pulso')
  })

  // A fresh clone has no ../shared: the tests that need it skip, naming the folder, unless the data is expected.
  it('says why a test needing absent shared data skips; where the data is expected, it must run (and fail)', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'pulso-nodata-'))
    try {
      const skip = sharedDataSkip('nab-absent-in-any-checkout', {})
      expect(skip).toMatch(/^skipped: shared labelled data not found at .*shared\/data\/nab-absent-in-any-checkout \(clone it beside the repo as \.\.\/shared, or set PULSO_DATA_DIR\)$/)
      expect(sharedDataSkip('nab-absent-in-any-checkout', { CI: 'true' })).toBeNull()
      expect(sharedDataSkip('nab', { PULSO_DATA_DIR: empty })).toBeNull()
      expect(sharedDataSkip('.', { PULSO_DATA_DIR: empty, CI: '' })).toBeNull()
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
