/**
 * Sources: adapters that read posts where the conversation is and hand them to the ingest pipeline (`ctx.emit`),
 * each with a status (state, rate, lag, errors) and a cursor committed only after its posts are stored.
 * Configured under `sources:` in config/pulso.yaml; see docs/sources.md.
 */
import { createBlueskySource } from './bluesky.ts'
import type { SourceSpec } from './config.ts'
import { createDemoSource } from './demo/index.ts'
import { createFileSource } from './file.ts'
import { createMastodonSource } from './mastodon.ts'
import type { Source, SourceContext } from './types.ts'
import { createXSource } from './x.ts'

export type { Source, SourceStatus, SourceContext, CursorStore, EmitResult, SourceLog } from './types.ts'
export { fileCursorStore, memoryCursorStore } from './cursor.ts'
export { sourcesSchema, sourcesSection, sourcesFrom, loadSources, type SourceSpec, type SourcesOptions, type DemoSpec } from './config.ts'
export { createBlueskySource, type BlueskySpec } from './bluesky.ts'
export { createMastodonSource, htmlToText, type MastodonSpec } from './mastodon.ts'
export { createXSource, buildRules, type XSpec, type XRule } from './x.ts'
export { createFileSource, type FileSpec } from './file.ts'
export { createDemoSource, createDemoGenerator, defaultSurges, type DemoMoment, type DemoOptions, type Surge } from './demo/index.ts'

/** One adapter per spec; nothing connects before `start()`. */
export function createSource(spec: SourceSpec, ctx: SourceContext): Source {
  switch (spec.kind) {
    case 'bluesky':
      return createBlueskySource(spec, ctx)
    case 'mastodon':
      return createMastodonSource(spec, ctx)
    case 'x':
      return createXSource(spec, ctx)
    case 'file':
      return createFileSource(spec, ctx)
    case 'demo':
      return createDemoSource(ctx.entities, (posts) => ctx.emit(spec.label === 'demo' ? posts : posts.map((p) => ({ ...p, source: spec.label }))), {
        name: spec.name,
        rate: spec.rate,
        cycleS: spec.cycleS,
        seed: spec.seed,
      })
  }
}
