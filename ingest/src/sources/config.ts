import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { describeError } from '../validate.ts'
import { FIELDS } from './mapping.ts'
import type { BlueskySpec } from './bluesky.ts'
import type { FileSpec } from './file.ts'
import type { MastodonSpec } from './mastodon.ts'
import type { XSpec } from './x.ts'

export interface DemoSpec {
  kind: 'demo'
  name: string
  label: string
  /** Posts per second at rest (the scripted surges multiply it). */
  rate: number
  cycleS: number
  seed: number
}

export type SourceSpec = BlueskySpec | MastodonSpec | XSpec | FileSpec | DemoSpec

// name: the source's key for its cursor and status (unique); label: `source` on its posts. Both default to kind.
const common = { name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, . _ - (max 64)').optional(), label: z.string().min(1).max(64).optional() }
const seconds = (d: number) => z.number().positive().default(d)

const bluesky = z.strictObject({
  kind: z.literal('bluesky'),
  ...common,
  url: z.url().default('wss://jetstream2.us-east.bsky.network/subscribe'),
  filter: z.boolean().default(true),
  context: z.boolean().default(true),
  rewindS: z.number().min(0).default(3),
  idleTimeoutS: seconds(60),
  // Authors' handle, followers and age from the AppView (bluesky-profiles.ts); false: none (no calls out).
  profiles: z
    .union([
      z.literal(false),
      z.strictObject({
        url: z.url().default('https://public.api.bsky.app'),
        ttlS: seconds(6 * 3600),
        maxEntries: z.number().int().min(100).max(10_000_000).default(200_000),
        callsPerS: z.number().positive().max(50).default(3),
      }),
    ])
    .default({ url: 'https://public.api.bsky.app', ttlS: 6 * 3600, maxEntries: 200_000, callsPerS: 3 }),
})
const mastodon = z.strictObject({
  kind: z.literal('mastodon'),
  ...common,
  instance: z.url(),
  streamingUrl: z.url().optional(),
  // user: the home timeline of the token's account (follow the brand and the people who matter): the one stream that
  // carries boosts on real servers (docs/sources.md).
  stream: z.enum(['public', 'public:local', 'hashtag', 'user']).default('public'),
  tag: z.string().min(1).optional(),
  token: z.string().optional(),
  filter: z.boolean().default(true),
  backfillPages: z.number().int().min(0).default(10),
  idleTimeoutS: seconds(60),
})
const x = z.strictObject({
  kind: z.literal('x'),
  ...common,
  token: z.string().min(1, 'a bearer token is required (token: ${X_BEARER_TOKEN})'),
  baseUrl: z.url().default('https://api.x.com'),
  syncRules: z.boolean().default(true),
  ruleSuffix: z.string().optional(),
  maxRuleChars: z.number().int().min(32).default(512),
  backfillMinutes: z.number().int().min(0).max(5).default(0),
  idleTimeoutS: seconds(30),
})
const file = z.strictObject({
  kind: z.literal('file'),
  ...common,
  path: z.string().min(1),
  format: z.enum(['auto', 'jsonl', 'csv']).default('auto'),
  delimiter: z.string().length(1).default(','),
  speed: z.number().min(0).default(1),
  retime: z.boolean().default(true),
  columns: z.partialRecord(z.enum(FIELDS), z.string().min(1)).optional(),
  batchSize: z.number().int().min(1).max(50_000).default(1000),
  progressBar: z.enum(['auto', 'on', 'off']).default('auto'),
})
const demo = z.strictObject({
  kind: z.literal('demo'),
  ...common,
  rate: z.number().min(0).default(40),
  cycleS: seconds(300),
  seed: z.number().int().default(7),
})

export const sourcesSchema: z.ZodType<SourceSpec[]> = z
  .array(z.discriminatedUnion('kind', [bluesky, mastodon, x, file, demo]))
  .transform((list) => list.map((s) => ({ ...s, name: s.name ?? s.kind, label: s.label ?? s.kind })) as SourceSpec[])
  .superRefine((list, c) => {
    const seen = new Set<string>()
    list.forEach((s, i) => {
      if (seen.has(s.name)) c.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate source name '${s.name}' (names key the cursors)` })
      seen.add(s.name)
      if (s.kind === 'mastodon' && s.stream === 'hashtag' && !s.tag) c.addIssue({ code: 'custom', path: [i, 'tag'], message: 'required for stream: hashtag' })
      if (s.kind === 'mastodon' && s.stream === 'user' && !s.token) c.addIssue({ code: 'custom', path: [i, 'token'], message: "required for stream: user (the account whose home timeline is read)" })
    })
  })

type Env = Record<string, string | undefined>
type Path = (string | number)[]

/**
 * `${VAR}` and `${VAR:-default}` in any string value: secrets stay in the environment, never in the file. An unset
 * variable is reported at its value's path (the server's settings module turns that into file:line:column).
 */
function interpolate(v: unknown, env: Env, at: Path, missing: (at: Path, name: string) => void): unknown {
  if (typeof v === 'string')
    return v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}/g, (_m, name: string, hasDefault?: string, dflt?: string) => {
      const val = env[name]
      if (val !== undefined && val !== '') return val
      if (hasDefault !== undefined) return dflt ?? ''
      missing(at, name)
      return ''
    })
  if (Array.isArray(v)) return v.map((x, i) => interpolate(x, env, [...at, i], missing))
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, interpolate(x, env, [...at, k], missing)]))
  return v
}

// Empty optional strings (an unset `${MASTODON_TOKEN:-}`) count as absent.
const dropEmpty = (o: unknown) => (Array.isArray(o) ? o.map((s) => (s && typeof s === 'object' ? Object.fromEntries(Object.entries(s).filter(([, v]) => v !== '')) : s)) : o)

export interface SourcesOptions {
  env?: Env
  /** Relative `file` source paths are relative to this folder (the config file's). Default: the working directory. */
  dir?: string
}

/**
 * The `sources:` section as a schema (absent → no sources): secrets from the environment through `${VAR}`, empty
 * optional strings dropped, relative file paths resolved against `dir`. Composed into the server's whole-file schema.
 */
export function sourcesSection({ env = process.env, dir = process.cwd() }: SourcesOptions = {}): z.ZodType<SourceSpec[]> {
  return z
    .preprocess((raw, c) => dropEmpty(interpolate(raw ?? [], env, [], (at, name) => c.addIssue({ code: 'custom', path: at, message: `environment variable ${name} is not set`, input: raw }))), sourcesSchema)
    .transform((list) => list.map((s) => (s.kind === 'file' ? { ...s, path: path.resolve(dir, s.path) } : s)))
}

/** The sources of an already-parsed config document (`{ sources: [...] }`); throws naming `where` and the field. */
export function sourcesFrom(doc: unknown, opts: SourcesOptions & { where?: string } = {}): SourceSpec[] {
  const raw = doc && typeof doc === 'object' ? (doc as { sources?: unknown }).sources : undefined
  const r = sourcesSection(opts).safeParse(raw)
  if (!r.success) throw new Error(`${opts.where ?? 'config'}: sources: ${describeError(r.error)}`)
  return r.data
}

/** Thin file wrapper, kept while the server's settings plugin still reads by path (the settings module replaces it). */
export function loadSources(file: string, env: Env = process.env): SourceSpec[] {
  return sourcesFrom(parseYaml(readFileSync(file, 'utf8')), { env, dir: path.dirname(file), where: file })
}
