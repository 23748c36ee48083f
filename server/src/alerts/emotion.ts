/** Which emotion an alert is about when its metric is not one: the one whose share moved most into the spike. */
import type { ClickHouseClient } from '@clickhouse/client'
import { EMOTIONS, type Emotion, type SeriesPoint } from '@pulso/types'
import { querySeries } from '../store/series.ts'

/** The emotion whose share rose most from [baseFrom, onset) to [onset, to) (null if none rose by 2 points). */
export async function movedEmotion(client: ClickHouseClient, entity: string, baseFrom: number, onset: number, to: number): Promise<Emotion | null> {
  const pts = await querySeries(client, { fromMs: baseFrom, toMs: to, stepS: 1, entities: [entity] })
  const share = (ps: SeriesPoint[]) => {
    const sums = EMOTIONS.map((e) => ps.reduce((a, p) => a + p.emotions[e], 0))
    const total = sums.reduce((a, b) => a + b, 0) || 1
    return sums.map((x) => x / total)
  }
  const before = share(pts.filter((p) => p.t < onset))
  const during = share(pts.filter((p) => p.t >= onset))
  let best: Emotion | null = null
  let rise = 0.02
  EMOTIONS.forEach((e, i) => {
    if (during[i] - before[i] > rise) (rise = during[i] - before[i]), (best = e)
  })
  return best
}
