import { defineConfig } from 'vitest/config'

// One runner for every workspace. `forks`: chDB binds one data directory per process,
// so each test file runs in its own process with its own temporary directory. One file at a time: several files
// assert live behaviour (ticks within 2 s, alerts within 10 s, 500 viewers) that two cores shared with a
// neighbouring 10,000-request fuzz file would measure instead.
export default defineConfig({
  test: {
    include: ['{ingest,server,sql,types,web}/test/**/*.test.ts', 'server/src/**/*.test.ts', 'ingest/src/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
