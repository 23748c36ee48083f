// Shared fixtures of the wall tests: a scripted event with known per-second counts, and independent SQL.
import type { PostInput } from '@pulso/types'
import { ingestStored } from '../bench/harness.ts'
import { post, queryRows, testApp } from './helpers.ts'

export type T = Awaited<ReturnType<typeof testApp>>

/** A scripted event: per-second counts known by construction (seconds with no posts included). */
export const perSecond = {
  ruiz: (k: number) => (k * 7) % 5,
  vidal: (k: number) => (k * 3) % 4,
}
const TEXT = {
  ruiz: ['Elena Ruiz ha estado brillante esta noche', 'Elena Ruiz miente, qué vergüenza de debate', 'Elena Ruiz habla ahora'],
  vidal: ['Marcos Vidal ha estado fatal, qué desastre', 'Marcos Vidal me encanta, gran respuesta', 'Marcos Vidal responde'],
}

/** Posts for seconds [start − before s, start + after s): `perSecond` counts each second, texts cycling. */
export function scriptedEvent(start: number, before: number, after: number, tag: string): PostInput[] {
  const out: PostInput[] = []
  for (let k = -before; k < after; k++) {
    for (const entity of ['ruiz', 'vidal'] as const) {
      for (let i = 0; i < perSecond[entity](k + before); i++) {
        // After the start the mood turns (Ruiz up, Vidal down), so net sentiment moves as well as volume.
        const pool = k < 0 ? TEXT[entity] : [TEXT[entity][0], TEXT[entity][0], TEXT[entity][2]]
        const text = pool[(k + before + i) % 3]
        out.push(post({ id: `${tag}-${entity}-${k}-${i}`, createdAt: new Date(start + k * 1000 + i * 10).toISOString(), text }))
      }
    }
  }
  return out
}

/** Posts in through POST /api/ingest, `per` a request, then wait until all are stored. */
export const ingestAll = (t: Pick<T, 'app'>, posts: PostInput[], per = 500) => ingestStored(t.app, posts, { per, timeoutMs: 15_000 })

/** The reaction, computed independently: plain counts over posts for each span, net = (pos − neg) / posts (null: none). */
export async function reactionBySql(t: Pick<T, 'app'>, entity: string, at: number, minutes: number) {
  const span = async (from: number, to: number) => {
    const [r] = await queryRows<{ n: string; pos: string; neg: string }>(
      t.app,
      // The entity's own label when the post has per-entity readings (migration 0010), else the post's.
      `SELECT count() AS n, countIf(label = 'positive') AS pos, countIf(label = 'negative') AS neg
       FROM (SELECT created_at, if(length(entity_labels) = length(entities), entity_labels[indexOf(entities, {e:String})], sentiment_label) AS label
             FROM posts WHERE has(entities, {e:String}))
       WHERE toUnixTimestamp64Milli(created_at) >= {from:Int64} AND toUnixTimestamp64Milli(created_at) < {to:Int64}`,
      { e: entity, from, to },
    )
    const n = Number(r.n)
    return { posts: n, net: n ? (Number(r.pos) - Number(r.neg)) / n : null }
  }
  return { before: await span(at - minutes * 60_000, at), after: await span(at, at + minutes * 60_000) }
}

