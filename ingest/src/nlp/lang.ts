/** Language: trust the source's field when it names es/en, otherwise count function words. */
import type { Lang } from '@pulso/types'

/** Map a source language tag ("es", "es-MX", "EN", "spa", "und") to a Lang, or null when unusable. */
export function fromSourceLang(tag: string | undefined): Lang | null {
  if (!tag) return null
  const t = tag.toLowerCase().slice(0, 2)
  if (t === 'es') return 'es'
  if (t === 'en') return 'en'
  // "und"/"zxx"/"qme" mean the source does not know; anything else is a real other language.
  if (tag === 'und' || tag.startsWith('q') || tag === 'zxx') return null
  return 'other'
}

/**
 * `votes`: Spanish minus English function words (see features.ts), plus letters only Spanish
 * uses. Ties and posts without any function word (emoji-only, a lone hashtag) fall back to
 * `fallback`: most monitored streams are Spanish or English.
 */
export function detectLang(votes: number, fallback: Lang = 'other'): Lang {
  if (votes === 0) return fallback
  return votes > 0 ? 'es' : 'en'
}
