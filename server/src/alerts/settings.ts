import { z } from 'zod'

/**
 * The `alerts:` section of config/pulso.yaml: the spike watch's knobs that a room may change (the detector's own stay
 * in code, chosen by evaluation: detector/options.ts). Every key optional; reloaded live.
 */
export const alertsSchema = z.strictObject({
  /**
   * Posts stamped this many seconds before they arrive still raise alerts (late.ts): a source backfilling after a
   * reconnect (X re-sends up to 5 minutes, after backoffs of up to 5 more), a producer retrying after an outage.
   * Older than that is history (an import), not news: it is charted but never pages the room. 0 = off. Half an hour
   * at most: a backfill re-reads up to the whole horizon (~85 µs per entity and interval, late.ts).
   */
  lateHorizonS: z.number().int().min(0).max(1800).default(600),
})

export type AlertSettings = z.infer<typeof alertsSchema>
export const resolveAlerts = (v: unknown): AlertSettings => alertsSchema.parse(v ?? {})
