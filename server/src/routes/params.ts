import { z } from 'zod'

/** The earliest time any API takes: nothing Pulso stores is older (posts are refused before it too). */
export const EARLIEST_MS = Date.UTC(2000, 0, 1)
/** How far ahead a time may be: clocks drift, a day is plenty; years ahead only break pages and queries. */
export const FUTURE_SLACK_MS = 24 * 3600_000

const bounded = <T extends z.ZodType<number>>(t: T) =>
  t.refine((ms) => ms >= EARLIEST_MS && ms <= Date.now() + FUTURE_SLACK_MS, 'must be between 2000-01-01 and one day from now')

/** A time in a query string: epoch milliseconds (digits) or ISO-8601 with an offset; bounded. */
export const timeQuery = bounded(
  z.union([z.string().regex(/^\d{12,13}$/, 'must be epoch milliseconds or ISO-8601').transform(Number), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]),
)

/** A time in a JSON body: epoch milliseconds (a number) or ISO-8601 with an offset; bounded. */
export const timeBody = bounded(z.union([z.number().int(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]))
