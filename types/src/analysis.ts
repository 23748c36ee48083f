/** What the NLP library says about one post. Shared by ingest (producer), server and wall (consumers). */

export const EMOTIONS = ['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise'] as const
export type Emotion = (typeof EMOTIONS)[number]
export type EmotionScores = Record<Emotion, number>

export const INTENTS = ['question', 'complaint', 'claim', 'praise', 'suggestion', 'other'] as const
export type Intent = (typeof INTENTS)[number]

/** Nature of a complaint or claim (customer care triage). */
export const NATURES = ['product_failure', 'performance', 'price', 'after_sales', 'claims_handling', 'safety'] as const
export type Nature = (typeof NATURES)[number]

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number]

export type Lang = 'es' | 'en' | 'other'

/**
 * A sentiment confidence (calibrated) under this is a reading more likely wrong than right: the wall's feed says
 * "unsure" and the response queue "uncertain reading" instead of presenting it as fact.
 */
export const UNSURE_BELOW = 0.5

export interface Analysis {
  lang: Lang
  sentiment: { score: number; label: SentimentLabel; confidence: number }
  /** Intensities in [0, 1]. */
  emotions: EmotionScores
  /** Dominant emotion, or null when none stands out. */
  emotion: Emotion | null
  intent: Intent
  /** Only for complaints and claims; null otherwise. */
  nature: Nature | null
  irony: boolean
  /** Per-entity sentiment, present when the caller passed entities and the post names at least one of them. */
  targets?: Record<string, { score: number; label: SentimentLabel }>
}

export function zeroEmotions(): EmotionScores {
  return { anger: 0, disgust: 0, fear: 0, joy: 0, sadness: 0, surprise: 0 }
}
