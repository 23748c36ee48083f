import { existsSync, readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { describeError } from '@pulso/ingest'
import { DEFAULT_WEIGHTS, type Weights } from './priority.ts'

/** Deadline tiers, highest `min` first: the first tier whose `min` the priority reaches sets the deadline. */
export interface Tier {
  min: number
  minutes: number
}

export interface QueueSettings {
  weights: Weights
  /** Priority ≥ 80 → 15 min, ≥ 50 → 1 h, else 4 h. */
  deadlines: Tier[]
  /** Posts older than this leave the queue (hours). */
  lookbackHours: number
  /** Reposts in the last this-many minutes make a post's velocity. */
  velocityMinutes: number
  /** How often the wall's summary is recomputed, seconds. */
  summaryIntervalS: number
  /** Author id → customer tier name; a tier's value in [0, 1] comes from `tiers`. */
  customers: Record<string, string>
  tiers: Record<string, number>
}

export const DEFAULT_SETTINGS: QueueSettings = {
  weights: DEFAULT_WEIGHTS,
  deadlines: [
    { min: 80, minutes: 15 },
    { min: 50, minutes: 60 },
    { min: 0, minutes: 240 },
  ],
  lookbackHours: 24,
  velocityMinutes: 10,
  summaryIntervalS: 2,
  customers: {},
  tiers: { platinum: 1, gold: 0.75, silver: 0.5, bronze: 0.25 },
}

const unit = z.number().min(0).max(1)
const fileSchema = z.object({
  // Other top-level keys (entities, sources, ...) belong to their own loaders.
  customers: z.record(z.string().min(1), z.string().min(1).max(40)).optional(),
  queue: z
    .strictObject({
      weights: z.strictObject({ nature: unit, intent: unit, influence: unit, velocity: unit, engagement: unit, emotion: unit, customer: unit }).partial().optional(),
      deadlines: z.array(z.strictObject({ min: z.number().min(0).max(100), minutes: z.number().positive() })).min(1).optional(),
      lookbackHours: z.number().positive().max(24 * 30).optional(),
      velocityMinutes: z.number().int().min(1).max(1440).optional(),
      summaryIntervalS: z.number().min(0.2).max(3600).optional(),
      tiers: z.record(z.string().min(1).max(40), unit).optional(),
    })
    .optional(),
})

/**
 * The `queue:` and `customers:` keys of config/pulso.yaml, over the defaults. Missing file or keys: defaults.
 * Throws naming the file and the field on a bad value, like the entities loader.
 */
export function loadQueueSettings(file: string): QueueSettings {
  if (!existsSync(file)) return DEFAULT_SETTINGS
  const r = fileSchema.safeParse(parseYaml(readFileSync(file, 'utf8')) ?? {})
  if (!r.success) throw new Error(`${file}: ${describeError(r.error)}`)
  const q = r.data.queue ?? {}
  const tiers = { ...DEFAULT_SETTINGS.tiers, ...q.tiers }
  const customers = r.data.customers ?? {}
  const unknown = [...new Set(Object.values(customers))].filter((t) => !(t in tiers))
  if (unknown.length) throw new Error(`${file}: customers: unknown tier ${unknown.join(', ')} (known: ${Object.keys(tiers).join(', ')}; add it under queue.tiers)`)
  const deadlines = [...(q.deadlines ?? DEFAULT_SETTINGS.deadlines)].sort((a, b) => b.min - a.min)
  // Every priority needs a deadline: the lowest tier always starts at 0.
  if (deadlines[deadlines.length - 1].min !== 0) throw new Error(`${file}: queue.deadlines: one tier must have min: 0`)
  return {
    weights: { ...DEFAULT_WEIGHTS, ...q.weights },
    deadlines,
    lookbackHours: q.lookbackHours ?? DEFAULT_SETTINGS.lookbackHours,
    velocityMinutes: q.velocityMinutes ?? DEFAULT_SETTINGS.velocityMinutes,
    summaryIntervalS: q.summaryIntervalS ?? DEFAULT_SETTINGS.summaryIntervalS,
    customers,
    tiers,
  }
}

/** Minutes to answer an item of this priority. */
export function deadlineMinutes(priority: number, tiers: Tier[]): number {
  return (tiers.find((t) => priority >= t.min) ?? tiers[tiers.length - 1]).minutes
}
