import type { ScoredPost } from '@pulso/types'

/** The `posts` table row for a scored post (column names as in sql/migrations/0001_posts.sql). */
export function toRow(s: ScoredPost) {
  const { post: p, analysis: a } = s
  return {
    id: p.id,
    source: p.source,
    created_at: s.createdAtMs,
    received_at: s.receivedAtMs,
    lang: a.lang,
    author_id: p.author.id,
    author_handle: p.author.handle ?? '',
    author_followers: p.author.followers ?? 0,
    author_verified: p.author.verified ?? false,
    author_created_at: p.author.createdAt ? Date.parse(p.author.createdAt) : null,
    text: p.text,
    url: p.url ?? '',
    repost_of: p.repostOf ?? '',
    reply_to: p.replyTo ?? '',
    quote_of: p.quoteOf ?? '',
    reposts: p.metrics?.reposts ?? 0,
    likes: p.metrics?.likes ?? 0,
    replies: p.metrics?.replies ?? 0,
    entities: s.entities,
    ...perEntity(s),
    sentiment: a.sentiment.score,
    sentiment_label: a.sentiment.label,
    sentiment_confidence: a.sentiment.confidence,
    ...a.emotions,
    emotion: a.emotion ?? '',
    intent: a.intent,
    nature: a.nature ?? '',
    irony: a.irony,
  }
}

/**
 * Each entity's own reading, parallel to `entities` (sql/migrations/0010_entity_sentiment.sql), when the post names
 * two or more and the analyser read them apart; else empty arrays: the aggregates then use the post's sentiment. An
 * entity the analyser did not find (the matcher knows hashtags it does not) keeps the post's reading.
 */
function perEntity(s: ScoredPost): { entity_sentiments: number[]; entity_labels: string[] } {
  const t = s.analysis.targets
  if (!t || s.entities.length < 2) return { entity_sentiments: [], entity_labels: [] }
  const own = s.analysis.sentiment
  return { entity_sentiments: s.entities.map((e) => (t[e] ?? own).score), entity_labels: s.entities.map((e) => (t[e] ?? own).label) }
}

export type PostRow = ReturnType<typeof toRow>

/**
 * The posts columns in insert order: the writer sends rows as JSONCompactEachRow (arrays in this order), which
 * ClickHouse parses faster than keyed JSON objects.
 */
export const POST_COLUMNS = [
  'id', 'source', 'created_at', 'received_at', 'lang', 'author_id', 'author_handle', 'author_followers', 'author_verified',
  'author_created_at', 'text', 'url', 'repost_of', 'reply_to', 'quote_of', 'reposts', 'likes', 'replies', 'entities', 'entity_sentiments', 'entity_labels', 'sentiment', 'sentiment_label',
  'sentiment_confidence', 'anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'emotion', 'intent', 'nature', 'irony',
] as const satisfies readonly (keyof PostRow)[]
