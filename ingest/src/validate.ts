import { z } from 'zod'
import type { PostInput } from '@pulso/types'

// ES2024 string methods, present in Node ≥ 20; the project's TypeScript lib is ES2022.
declare global {
  interface String {
    isWellFormed(): boolean
    toWellFormed(): string
  }
}

export interface Limits {
  /** Longest accepted post text, in characters. */
  maxTextChars: number
}

/** The earliest time Pulso takes anywhere (posts, queries, moments): nothing it stores is older. */
export const EARLIEST_MS = Date.UTC(2000, 0, 1)
/** How far ahead a time may be: clocks drift, a day is plenty; years ahead only break pages and queries. */
export const FUTURE_SLACK_MS = 24 * 3600_000
/**
 * A lone UTF-16 surrogate ("\ud800" in JSON) is no text at all: ClickHouse refuses the whole insert over it. In
 * identifiers and labels it is refused: repairing would change the post's identity (dedupe is by source and id).
 */
const wellFormed = <T extends z.ZodString>(s: T) => s.refine((v) => v.isWellFormed(), 'contains a lone UTF-16 surrogate (ill-formed Unicode)')
const id = wellFormed(z.string().trim().min(1, 'must not be empty').max(256, 'longer than 256 characters'))
const count = z.number().int().min(0).max(4_294_967_295)
/**
 * Links are rendered on the wall and in the queue: only http(s), never javascript:, data: and the like. An empty
 * string means no link, as an absent field does.
 */
const httpUrl = z
  .string()
  .max(2048, 'longer than 2048 characters')
  .refine((v) => v === '' || /^https?:$/.test(URL.parse(v)?.protocol ?? ''), 'must be an http or https URL')

/** An ISO-8601 date-time within the bounds Pulso takes anywhere. */
const dateTime = () =>
  z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2026-11-23T21:05:00Z' })
    .refine((s) => {
      const t = Date.parse(s)
      return t >= EARLIEST_MS && t <= Date.now() + FUTURE_SLACK_MS
    }, 'must be between 2000-01-01 and one day from now')

/** Strict: an unknown field is reported (a typo like `createdat` must not silently lose data). */
export function postSchema(limits: Limits) {
  return z.strictObject({
    id,
    source: wellFormed(z.string().trim().min(1, 'must not be empty').max(64, 'longer than 64 characters')),
    createdAt: dateTime(),
    // Text is repaired (U+FFFD), not refused: a producer cutting text at a UTF-16 unit splits an emoji, and the
    // rest of the post is worth keeping.
    text: z
      .string()
      .max(limits.maxTextChars, `longer than ${limits.maxTextChars} characters`)
      .transform((v) => (v.isWellFormed() ? v : v.toWellFormed())),
    lang: wellFormed(z.string().max(16, 'longer than 16 characters')).optional(),
    author: z.strictObject({
      id,
      handle: wellFormed(z.string().max(256, 'longer than 256 characters')).optional(),
      followers: count.optional(),
      verified: z.boolean().optional(),
      // When the account was created (authenticity reads it): a network that has been around since 2006 (X) is the
      // oldest Pulso reads, but the bound is the one posts have.
      createdAt: dateTime().optional(),
    }),
    metrics: z
      .strictObject({ reposts: count.optional(), likes: count.optional(), replies: count.optional() })
      .optional(),
    repostOf: id.optional(),
    /** Threads and quotes: the id of the post answered or quoted, in the same source. */
    replyTo: id.optional(),
    quoteOf: id.optional(),
    url: httpUrl.optional(),
  })
}

/** One readable message for the first few problems: `author.followers: expected number, received string`. */
export function describeError(err: z.ZodError): string {
  const seen = new Set<string>()
  const parts: string[] = []
  for (const i of err.issues) {
    const where = i.path.join('.')
    if (seen.has(where)) continue // one problem per field: the first says what to fix
    seen.add(where)
    parts.push(describeIssue(i, where))
    if (parts.length === 3) break
  }
  return parts.join('; ')
}

function describeIssue(i: z.core.$ZodIssue, where: string): string {
  if (i.code === 'unrecognized_keys') return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `'${where ? where + '.' : ''}${k}'`).join(', ')}`
  let msg = i.message.replace(/^Invalid input: /, '')
  if (i.code === 'invalid_type' && /received undefined$/.test(msg)) msg = 'required'
  if (!where && i.code === 'invalid_type') msg = `a post must be a JSON object, ${msg.replace(/^expected object, /, '')}`
  return where ? `${where}: ${msg}` : msg
}

export type Validator = (value: unknown) => { ok: true; post: PostInput } | { ok: false; error: string }

export function createValidator(limits: Limits): Validator {
  const schema = postSchema(limits)
  return (value) => {
    const r = schema.safeParse(value)
    return r.success ? { ok: true, post: r.data as PostInput } : { ok: false, error: describeError(r.error) }
  }
}
