import { z } from 'zod'

/**
 * The `incidents:` section of config/pulso.yaml (issue 18): how incidents close themselves and where they are sent.
 * Every key optional; the default sends nowhere (no routes) — a room opts in to every page it gets.
 */
/** What every route has: a name, which incidents it hears about, and when (escalation). */
const common = {
  /** Shown on the incident's timeline ("sent to war-room"). */
  name: z.string().min(1).max(60),
  /** Entity ids this route hears about (absent: every entity). */
  entities: z.array(z.string().min(1).max(64)).max(200).optional(),
  /** Lowest severity (1–5) this route hears about. */
  minSeverity: z.number().int().min(1).max(5).default(1),
  /**
   * Escalation: the route is paged only when the incident is still unacknowledged this many minutes after it opened.
   * 0 pages at once; a later route (say 15) is the next step up when no one answers.
   */
  afterMinutes: z.number().min(0).max(24 * 60).default(0),
}
const url = z.url({ protocol: /^https?$/ })

export const routeSchema = z.discriminatedUnion('kind', [
  /** slack: incoming webhook (Block Kit); teams: a Workflows webhook (Adaptive Card). */
  z.strictObject({ ...common, kind: z.literal('slack'), url }),
  z.strictObject({ ...common, kind: z.literal('teams'), url }),
  /** The incident as JSON, signed with HMAC-SHA256 of the body (header x-pulso-signature: sha256=<hex>). */
  z.strictObject({ ...common, kind: z.literal('webhook'), url, secret: z.string().min(16, 'a webhook route needs a secret of 16+ characters to sign with').max(512) }),
  /** E-mail over SMTP (nodemailer). The password is read from the environment variable named by passEnv, never the file. */
  z.strictObject({
    ...common,
    kind: z.literal('email'),
    smtp: z.strictObject({
      host: z.string().min(1).max(253),
      port: z.number().int().min(1).max(65535).default(587),
      /** true: TLS from the start (port 465); false: STARTTLS when the server offers it. */
      secure: z.boolean().default(false),
      user: z.string().max(320).optional(),
      passEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
    }),
    from: z.email(),
    to: z.array(z.email()).min(1).max(50),
  }),
])

export const incidentsSchema = z.strictObject({
  /** An incident with no new alert for this long resolves itself, so the next surge is a new incident (0: never). */
  autoResolveMinutes: z.number().min(0).max(7 * 24 * 60).default(30),
  /** Where the wall is reached from outside (https://pulso.example.org): makes the replay link in a page absolute. */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  routes: z.array(routeSchema).max(50).default([]),
  delivery: z
    .strictObject({
      /** Tries per page before it is given up (and logged). */
      maxAttempts: z.number().int().min(1).max(20).default(6),
      /** Backoff before try n+1: retryBaseMs × 2ⁿ⁻¹, capped at 60 s. */
      retryBaseMs: z.number().int().min(10).max(60_000).default(1000),
      /** One try may take this long before it counts as failed. */
      timeoutMs: z.number().int().min(100).max(60_000).default(5000),
      /** Pages waiting per route; beyond it the oldest waiting is dropped, so a dead route never eats memory. */
      maxQueue: z.number().int().min(1).max(10_000).default(100),
    })
    .prefault({}),
})

export type Route = z.infer<typeof routeSchema>
export type IncidentSettings = z.infer<typeof incidentsSchema>
export const resolveIncidents = (v: unknown): IncidentSettings => incidentsSchema.parse(v ?? {})
