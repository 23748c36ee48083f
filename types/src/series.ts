import { EMOTIONS, INTENTS } from './analysis.ts'
import type { SeriesPoint } from './live.ts'

/**
 * The columns of a series, in order, as ClickHouse sends them (JSONCompactColumns: one array per column) and as
 * `GET /api/series?format=columns` passes them through untouched: `ts` in seconds, then the figures of SeriesPoint.
 * A day of 20 entities per minute is 28,800 points; as columns the server neither parses nor re-serialises them.
 */
export const SERIES_COLUMNS = ['entity', 'ts', 'posts', 'authors', 'sentimentSum', 'positive', 'negative', ...EMOTIONS, ...INTENTS] as const
export type SeriesColumns = [string[], ...number[][]]

const EMO0 = 7
const INT0 = EMO0 + EMOTIONS.length
// seriesFromColumns spells the emotions and intents out in this order (and the JSON keys follow it).
if (EMOTIONS.join() !== 'anger,disgust,fear,joy,sadness,surprise' || INTENTS.join() !== 'question,complaint,claim,praise,suggestion,other') {
  throw new Error('series.ts: EMOTIONS or INTENTS changed order; update seriesFromColumns')
}

/** Columns → points, on the server (queries) and in the wall (format=columns) alike. */
export function seriesFromColumns(c: SeriesColumns): SeriesPoint[] {
  const entity = c[0]
  const [ts, posts, authors, sentimentSum, positive, negative] = c.slice(1, EMO0) as number[][]
  const emo = EMOTIONS.map((_, k) => c[EMO0 + k] as number[])
  const int = INTENTS.map((_, k) => c[INT0 + k] as number[])
  const out = new Array<SeriesPoint>(ts?.length ?? 0)
  // Literal objects with a fixed key order: one hidden class, and the same JSON the points format has always had.
  for (let i = 0; i < out.length; i++) {
    out[i] = {
      t: ts[i] * 1000,
      entity: entity[i],
      posts: posts[i],
      authors: authors[i],
      sentimentSum: sentimentSum[i],
      positive: positive[i],
      negative: negative[i],
      emotions: { anger: emo[0][i], disgust: emo[1][i], fear: emo[2][i], joy: emo[3][i], sadness: emo[4][i], surprise: emo[5][i] },
      intents: { question: int[0][i], complaint: int[1][i], claim: int[2][i], praise: int[3][i], suggestion: int[4][i], other: int[5][i] },
    }
  }
  return out
}
