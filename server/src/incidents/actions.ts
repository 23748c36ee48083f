/** The one schema for an action on an incident: HTTP bodies and the `incident:action` socket event both use it. */
import { z } from 'zod'

const by = z.string().trim().min(1).max(120).optional()

/** The actions, each with `extra` fields beside it (the socket event adds the incident's id). */
const variants = <T extends z.core.$ZodLooseShape>(extra: T) =>
  [
    z.strictObject({ action: z.literal('acknowledge'), by, ...extra }),
    z.strictObject({ action: z.literal('snooze'), minutes: z.number().int().min(1).max(7 * 24 * 60), by, ...extra }),
    z.strictObject({ action: z.literal('resolve'), by, ...extra }),
    z.strictObject({ action: z.literal('reopen'), by, ...extra }),
    z.strictObject({ action: z.literal('assign'), owner: z.string().trim().max(120), by, ...extra }),
    z.strictObject({ action: z.literal('note'), note: z.string().trim().min(1).max(2000), by, ...extra }),
  ] as const

export const actionSchema = z.discriminatedUnion('action', variants({}))
export const incidentActionSchema = z.discriminatedUnion('action', variants({ id: z.string().min(1).max(64) }))
