import { configDefaults, defineConfig } from 'vitest/config'

// One runner for every workspace. `forks`: chDB binds one data directory per process at a time, so each test file
// opens its own temporary directory, and closes (drains) it on afterAll.
//
// Two groups, one after the other (after ALONE, below). First `pure`: files whose assertions read no clock (no
// "within 2 s", no fixed sleep before a check, no browser, no timing budget), two at a time on the two cores. Then
// `live`: every other file, one at a time, because several assert live behaviour (ticks within 2 s, alerts within
// 10 s, 500 viewers, the wall in Chromium) that two cores shared with a neighbouring CPU-heavy file would measure
// instead. A new file lands in `live` unless it is listed here: move it to PURE only after reading it for clocks and
// deadlines.
//
// Both groups run their files one after another in long-lived processes (isolate: false): a fresh process per file
// spent 3–4 s loading the server, the NLP, chDB and Playwright again, about 200 s of `live` and 120 s of `pure`. A
// process keeps loaded modules, nothing else: every file builds its own app, store directory and browser and closes
// them (the in-process restarts of durability and wall-browser already reopen chDB this way), and the modules keep
// no state between apps but caches keyed by the app's client. A file that needs a fresh process goes in ALONE (run
// before the rest, one file per process): one that mocks a module (vi.mock), or it gets the real module another file
// loaded first; one that leaves a store open, or every later file's store is refused (chDB binds one data
// directory per process: "only one active data directory").
const INCLUDE = ['{ingest,server,sql,types,web}/test/**/*.test.ts', 'server/src/**/*.test.ts', 'ingest/src/**/*.test.ts']

const PURE = [
  // NLP, the demo generator, rows and paths: in-memory computation (workers: worker threads, no deadline).
  ...['demo', 'demo-story', 'entities', 'json-count', 'nlp', 'nlp-cli', 'nlp-internals', 'nlp-v2', 'paths', 'row', 'train-bias', 'workers', 'workers-targets'].map((f) => `ingest/test/${f}.test.ts`),
  // The front door and the spool on the embedded store: outcomes, with pollers that wait up to 10 s for milliseconds of work.
  'ingest/test/front-door.test.ts',
  'ingest/test/spool.test.ts',
  'ingest/test/sources/committer.test.ts',
  // Detectors and their evaluation on fixed series; queue scoring and clustering; settings and docs parsing.
  ...['detector', 'detector-season', 'detector-cli', 'detector-eval', 'queue-cluster', 'queue-priority', 'settings', 'settings-diff', 'docs'].map((f) => `server/test/${f}.test.ts`),
  'server/test/hardening/deploy.test.ts',
  // Posts in, figures out, read over app.inject: stored rows, not time (simulated clocks where alerts are involved).
  ...['authenticity', 'authenticity-board-20', 'authenticity-wave', 'alerts-late-gate', 'csp-rebuild', 'detector-drivers', 'feed-rising-start', 'fuzz', 'feed-speech-verbs', 'incidents-demo', 'ingest', 'moment-reaction-empty', 'queue-cases', 'queue-cases-care', 'sources', 'truth-replay', 'truth-terms', 'wall-api'].map((f) => `server/test/${f}.test.ts`),
  // Simulated clocks only: the spike watch driven by hand over posts hours back (the app's real-clock watch never
  // reads them), asserting what it raises, not when.
  'server/test/alerts-late.test.ts',
  // Posts in, rows and answers out over app.inject and SQL; where a periodic job is involved (the queue tile every 2 s,
  // a config reload) the file polls up to 5–10 s for it and asserts what it shows, not how fast.
  ...['entity-sentiment', 'queue-care', 'queue-confidence', 'sources-removals'].map((f) => `server/test/${f}.test.ts`),
  // Credentials, limits and sessions: status codes and headers over app.inject (rate limits count requests in a
  // minute's window, sent back to back), a socket handshake that is accepted or refused; no deadline.
  ...['security', 'truth-session', 'demo-stop', 'hardening/limits', 'hardening/socket-events'].map((f) => `server/test/${f}.test.ts`),
  // The demo's own moments: polled up to 10 s for what its first beats store.
  'server/test/demo-moments.test.ts',
  // Incidents grouped, acted on and exported over app.inject and a socket, auto-resolution on an injected clock.
  'server/test/incidents.test.ts',
  // CLIs run as child processes: exit codes and output, with 60 s limits.
  ...['config-check', 'sources-purge-cli'].map((f) => `server/test/${f}.test.ts`),
  // A refused start-up (buildApp closes what it opened, checked there) and the server's exit 1 as a child process.
  'server/test/settings-startup.test.ts',
  // The wall's pure functions (reducers, formatting, series).
  'web/test/**/*.test.ts',
]

// Each in a fresh process. cursor.test.ts watches fsync and rename through a vi.mock of node:fs/promises.
const ALONE = ['ingest/test/sources/cursor.test.ts']

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'pure', include: PURE, maxWorkers: 2, isolate: false, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'live', include: INCLUDE, exclude: [...configDefaults.exclude, ...ALONE, ...PURE], maxWorkers: 1, isolate: false, sequence: { groupOrder: 2 } } },
    ],
  },
})
