import type { Analysis, Entity } from '@pulso/types'

/**
 * Complaints and claims belong to customer care. About an entity with `care: false` (a candidate, a party, a topic)
 * the same anger is an opinion: "Molina quiere recortar las pensiones 😡" reads, word for word, like "Ondanet me
 * ha cortado la fibra 😡", and the learned intent head reads tone, not context. The entity list knows the context,
 * so a post that names no care entity keeps its sentiment and emotions but is not a complaint or a claim.
 */
export function careIds(entities: readonly Entity[]): ReadonlySet<string> {
  return new Set(entities.filter((e) => e.care !== false).map((e) => e.id))
}

/** The analysis as the room should read it for a post naming `entities` (unchanged when one of them is in care). */
export function inCare(analysis: Analysis, entities: readonly string[], care: ReadonlySet<string>): Analysis {
  if (analysis.intent !== 'complaint' && analysis.intent !== 'claim') return analysis
  if (entities.length === 0 || entities.some((e) => care.has(e))) return analysis
  return { ...analysis, intent: 'other', nature: null }
}
