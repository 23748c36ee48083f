/**
 * config/pulso.yaml as one strict schema, composed from the sections' own schemas (each stays with the code that
 * uses it: entities and sources in @pulso/ingest, the queue here in the server). Unknown keys are errors at every
 * level: a misspelt `entites:` or `colour:` would otherwise be ignored and the room would run without it.
 */
import path from 'node:path'
import { z } from 'zod'
import type { Entity } from '@pulso/types'
import { entitiesSchema, sourcesSection, type SourceSpec } from '@pulso/ingest'
import { customersSchema, queueSchema, queueSectionIssues, resolveQueueSettings, type QueueSettings } from '../queue/settings.ts'
import { authenticitySchema, resolveAuthenticity, type AuthenticitySettings } from '../authenticity/settings.ts'
import { incidentsSchema, resolveIncidents, type IncidentSettings } from '../incidents/settings.ts'
import { alertsSchema, resolveAlerts, type AlertSettings } from '../alerts/settings.ts'

/**
 * The whole file, checked and typed. A new section (`routing:`, `alerts:`) adds its schema to `sections` below, its
 * cross-checks to the refinement and its typed value here; until then such a key is refused as unknown.
 */
export interface PulsoFile {
  /** The file these came from (absolute). */
  file: string
  entities: Entity[]
  /** `sources:` (none: the demo stream runs); `${VAR}` resolved, relative file paths resolved from the file. */
  sources: SourceSpec[]
  /** `queue:` over the defaults, with `customers:` (author id → tier) folded in as `queue.customers`. */
  queue: QueueSettings
  /** `authenticity:` over its defaults: copy-paste, new-account and concentration thresholds (issue 20). */
  authenticity: AuthenticitySettings
  /** `incidents:` (issue 18): auto-resolve, routes (none by default) and delivery retries. */
  incidents: IncidentSettings
  /** `alerts:` over its defaults: how late a post may arrive and still raise an alert (lateHorizonS). */
  alerts: AlertSettings
}

type Env = Record<string, string | undefined>

/** The schema for one file: sources resolve `${VAR}` from `env` and relative paths from the file's folder. */
export function settingsSchema(file: string, env: Env = process.env) {
  const sections = {
    entities: entitiesSchema,
    sources: sourcesSection({ env, dir: path.dirname(file) }).optional(),
    queue: queueSchema.optional(),
    customers: customersSchema.optional(),
    authenticity: authenticitySchema.optional(),
    incidents: incidentsSchema.optional(),
    alerts: alertsSchema.optional(),
  }
  return z
    .strictObject(sections)
    // Cross-checks in the transform, which runs only once every section is valid (a refinement would also see the
    // raw value of a section that failed, e.g. `deadlines: soon`).
    .transform((f, c): PulsoFile => {
      const issues = queueSectionIssues(f)
      for (const issue of issues) c.addIssue({ code: 'custom', ...issue })
      return issues.length ? z.NEVER : { file, entities: f.entities, sources: f.sources ?? [], queue: resolveQueueSettings(f), authenticity: resolveAuthenticity(f.authenticity), incidents: resolveIncidents(f.incidents), alerts: resolveAlerts(f.alerts) }
    })
}
