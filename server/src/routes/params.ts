import { z } from 'zod'
import { EARLIEST_MS, FUTURE_SLACK_MS } from '@pulso/ingest'

const ISO = z.iso.datetime({ offset: true })
const FORMS = 'epoch milliseconds or ISO-8601 with an offset (2026-11-23T21:05:00Z)'

/** Epoch ms from digits, a number or ISO-8601; NaN when it is none of these. */
function toMs(v: string | number): number {
  if (typeof v === 'number') return Number.isInteger(v) ? v : NaN
  if (/^\d{1,16}$/.test(v)) return Number(v)
  return ISO.safeParse(v).success ? Date.parse(v) : NaN
}

/** A time as epoch milliseconds or ISO-8601, bounded to [2000-01-01, now + 1 day], each failure said plainly. */
function time<T extends z.ZodType<string | number>>(input: T) {
  return input.transform((v, ctx) => {
    const ms = toMs(v)
    if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: `must be ${FORMS}` })
    else if (ms < EARLIEST_MS || ms > Date.now() + FUTURE_SLACK_MS) ctx.addIssue({ code: 'custom', message: 'must be between 2000-01-01 and one day from now' })
    else return ms
    return z.NEVER
  })
}

/** A time in a query string. */
export const timeQuery = time(z.string())
/** A time in a JSON body. */
export const timeBody = time(z.union([z.number(), z.string()]))

/** A confidence floor in a query string (0–1): the queue's and the cases' `minConfidence`. */
export const confidenceQuery = z.coerce.number().min(0).max(1).optional()
