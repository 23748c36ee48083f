/**
 * Organic-only volume for the wall's volume chart (issue 20): each entity's line without the posts that sit in
 * copy-paste clusters. It reuses the authenticity board the tile already polls (its share of copies per bucket, and
 * the last minute's copyShare for the end figure) rather than a query of its own: shares, not counts, because the
 * board reads at most `maxPostsPerEntity` posts per entity while the line counts every post.
 */
import type { AuthenticityBoard, EntityWindow } from '@pulso/types'
import type { VolumeSeries } from '../series.ts'

/** Each second's value scaled by the share of its bucket's posts that are not copies; seconds the board lacks keep theirs. */
export function organicSeries(series: VolumeSeries[], board: AuthenticityBoard): VolumeSeries[] {
  const width = board.bucketS * 1000
  return series.map((s) => {
    const buckets = board.entities.find((e) => e.authenticity.entity === s.entity)?.buckets ?? []
    if (!buckets.length) return s
    const start = buckets[0].t
    const kept = buckets.map((b) => {
      const n = b.organic + b.suspect
      return n ? 1 - b.copies / n : 1
    })
    return { entity: s.entity, values: s.values.map((d) => ({ t: d.t, v: d.v * (kept[Math.floor((d.t - start) / width)] ?? 1) })) }
  })
}

/** The rolling window's volume without its last minute's copies (the card's figure, organic only). */
export function organicWindow(w: EntityWindow | undefined, entity: string, board: AuthenticityBoard): number {
  const copyShare = board.entities.find((e) => e.authenticity.entity === entity)?.recent.copyShare ?? 0
  return (w?.volume ?? 0) * (1 - copyShare)
}
