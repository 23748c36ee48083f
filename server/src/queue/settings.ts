import { existsSync, readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { describeError } from '@pulso/ingest'
import type { AnswerTemplates } from '@pulso/types'
import { DEFAULT_WEIGHTS, type Weights } from './priority.ts'
import { DEFAULT_TEMPLATES, resolveTemplates, templatesSchema } from './templates.ts'

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
  cases: CaseSettings
  templates: AnswerTemplates
  /**
   * Items whose reading (the post's sentiment confidence, calibrated: docs/nlp) is less sure than this are left out
   * of the list, the cases and the wall's tile — the room answers readings it can trust. 0 (the default) keeps all:
   * hiding a real complaint costs more than reading an uncertain one. A list request may set its own.
   */
  minConfidence: number
  /**
   * The entities customer care answers for (config entities without `care: false`): a post naming none of them is not
   * an item, whatever its intent — a question to a candidate is not the care team's to answer. Not a key of `queue:`:
   * the queue plugin adds it from the running entities at each use; absent (a bench, a test): every entity.
   */
  careEntities?: string[]
}

/** How posts group into cases and how a case is ranked (docs/queue.md, "Cases"). */
export interface CaseSettings {
  /** Points added per tenfold posts in a case: 10 posts → +sizeWeight, 100 → +2×. */
  sizeWeight: number
  /** Points added per tenfold growth (posts in the last velocity window beyond the window before). */
  growthWeight: number
  /** At most this many queued posts (highest priority first) are grouped per request: bounds the work. */
  maxPosts: number
  /** Locality-sensitive hashing of the post's words: `bands` bands of `rows` min-hashes each. */
  bands: number
  rows: number
  /** Posts sharing a band join only if this share of their min-hashes agree (≈ word-set Jaccard similarity). */
  minSimilarity: number
  /** The same between posts of different natures (a tariff complaint and an outage report): a stricter bar. */
  minSimilarityAcross: number
  /** Texts with fewer content words than this group only with the very same words (no chaining through short posts). */
  minWords: number
  /** How far back an author's earlier complaints count in a case's context (days). */
  historyDays: number
}

export const DEFAULT_CASES: CaseSettings = { sizeWeight: 8, growthWeight: 6, maxPosts: 20_000, bands: 8, rows: 4, minSimilarity: 0.5, minSimilarityAcross: 0.6, minWords: 5, historyDays: 30 }

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
  cases: DEFAULT_CASES,
  templates: DEFAULT_TEMPLATES,
  minConfidence: 0,
}

const unit = z.number().min(0).max(1)
/** The `queue:` section: every key optional, over DEFAULT_SETTINGS (docs/queue.md). */
export const queueSchema = z.strictObject({
  weights: z.strictObject({ nature: unit, intent: unit, influence: unit, velocity: unit, engagement: unit, emotion: unit, customer: unit }).partial().optional(),
  deadlines: z.array(z.strictObject({ min: z.number().min(0).max(100), minutes: z.number().positive() })).min(1).optional(),
  lookbackHours: z.number().positive().max(24 * 30).optional(),
  velocityMinutes: z.number().int().min(1).max(1440).optional(),
  summaryIntervalS: z.number().min(0.2).max(3600).optional(),
  minConfidence: unit.optional(),
  tiers: z.record(z.string().min(1).max(40), unit).optional(),
  cases: z
    .strictObject({
      sizeWeight: z.number().min(0).max(50),
      growthWeight: z.number().min(0).max(50),
      maxPosts: z.number().int().min(100).max(500_000),
      bands: z.number().int().min(1).max(32),
      rows: z.number().int().min(1).max(16),
      minWords: z.number().int().min(1).max(50),
      minSimilarity: z.number().min(0).max(1),
      minSimilarityAcross: z.number().min(0).max(1),
      historyDays: z.number().int().min(1).max(365),
    })
    .partial()
    .optional(),
  templates: templatesSchema.optional(),
})
/** The `customers:` section: author id → tier name. */
export const customersSchema = z.record(z.string().min(1), z.string().min(1).max(40))

/** The two sections as they come out of their schemas (both optional in the file). */
export interface QueueSections {
  queue?: z.infer<typeof queueSchema>
  customers?: z.infer<typeof customersSchema>
}

/**
 * The checks across the two sections that the schemas alone cannot make, with paths from the file's root (so the
 * settings module can point at the line): every customer's tier exists, one deadline tier starts at 0.
 */
export function queueSectionIssues({ queue = {}, customers = {} }: QueueSections): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = []
  const tiers = { ...DEFAULT_SETTINGS.tiers, ...queue.tiers }
  for (const [author, tier] of Object.entries(customers))
    if (!(tier in tiers)) issues.push({ path: ['customers', author], message: `unknown tier ${tier} (known: ${Object.keys(tiers).join(', ')}; add it under queue.tiers)` })
  // Every priority needs a deadline: the lowest tier always starts at 0.
  if (queue.deadlines && !queue.deadlines.some((t) => t.min === 0)) issues.push({ path: ['queue', 'deadlines'], message: 'one tier must have min: 0' })
  return issues
}

/** Queue settings from checked sections (see queueSectionIssues), over the defaults. */
export function resolveQueueSettings({ queue: q = {}, customers = {} }: QueueSections): QueueSettings {
  return {
    weights: { ...DEFAULT_WEIGHTS, ...q.weights },
    deadlines: [...(q.deadlines ?? DEFAULT_SETTINGS.deadlines)].sort((a, b) => b.min - a.min),
    lookbackHours: q.lookbackHours ?? DEFAULT_SETTINGS.lookbackHours,
    velocityMinutes: q.velocityMinutes ?? DEFAULT_SETTINGS.velocityMinutes,
    summaryIntervalS: q.summaryIntervalS ?? DEFAULT_SETTINGS.summaryIntervalS,
    customers,
    tiers: { ...DEFAULT_SETTINGS.tiers, ...q.tiers },
    cases: { ...DEFAULT_CASES, ...q.cases },
    templates: resolveTemplates(q.templates),
    minConfidence: q.minConfidence ?? DEFAULT_SETTINGS.minConfidence,
  }
}

/**
 * The `queue:` and `customers:` keys of an already-parsed config document, over the defaults; other keys belong to
 * their own sections. Throws naming `where` and the field.
 */
export function queueSettingsFrom(doc: unknown, where = 'config'): QueueSettings {
  const r = z.object({ queue: queueSchema.optional(), customers: customersSchema.optional() }).safeParse(doc ?? {})
  if (!r.success) throw new Error(`${where}: ${describeError(r.error)}`)
  const issues = queueSectionIssues(r.data)
  if (issues.length) throw new Error(`${where}: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return resolveQueueSettings(r.data)
}

/** Thin file wrapper (missing file: defaults), kept while the queue plugin still reads by path. */
export function loadQueueSettings(file: string): QueueSettings {
  return existsSync(file) ? queueSettingsFrom(parseYaml(readFileSync(file, 'utf8')), file) : DEFAULT_SETTINGS
}

/** Minutes to answer an item of this priority. */
export function deadlineMinutes(priority: number, tiers: Tier[]): number {
  return (tiers.find((t) => priority >= t.min) ?? tiers[tiers.length - 1]).minutes
}
