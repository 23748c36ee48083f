/** eval:nlp on the project-written sets: intent (held-back halves), irony, per-entity sentiment. */
import { INTENTS, NATURES } from '@pulso/types'
import type { Analyzer } from '../src/nlp/index.ts'
import { readBlindIrony, readIntentSet, readIronySet, readPosts, readTargetSet, scores } from './data.ts'
import { targetAccuracy } from './eval-targets.ts'
import path from 'node:path'
import { NLP_DATA_DIR } from '../src/paths.ts'

const f = (v: number) => v.toFixed(3)
const isComplaint = (i: string) => (i === 'complaint' || i === 'claim' ? 'complaint' : 'rest')

export function evalWrittenSets(v2: Analyzer, v1: Analyzer): void {
  const held = [
    ...readPosts().filter((e) => e.split === 'heldout').map((e) => ({ ...e, set: 'posts.jsonl' })),
    ...readIntentSet().filter((e) => e.split === 'heldout').map((e) => ({ ...e, set: 'intent.jsonl' })),
  ]
  for (const set of ['posts.jsonl', 'intent.jsonl']) {
    const ex = held.filter((e) => e.set === set)
    const r2 = ex.map((e) => v2.analyze(e.text, e.lang))
    const r1 = ex.map((e) => v1.analyze(e.text, e.lang))
    const gold = ex.map((e) => e.intent)
    const s2 = scores(gold, r2.map((r) => r.intent), INTENTS)
    const s1 = scores(gold, r1.map((r) => r.intent), INTENTS)
    const c = (rs: typeof r2) => scores(gold.map(isComplaint), rs.map((r) => isComplaint(r.intent)), ['complaint', 'rest']).per.complaint
    console.log(`\nIntent on ${set} held-back half (${ex.length} posts, never trained or tuned on): macro-F1 v2 ${f(s2.macroF1)} (v1 ${f(s1.macroF1)}), accuracy v2 ${f(s2.acc)} (v1 ${f(s1.acc)}); complaint-vs-rest F1 v2 ${f(c(r2).f1)} (v1 ${f(c(r1).f1)})`)
    const cc = ex.map((e, i) => [e, r2[i]] as const).filter(([e]) => 'nature' in e && e.nature)
    const sn = scores(cc.map(([e]) => (e as { nature: string }).nature), cc.map(([, r]) => r.nature ?? 'none'), NATURES)
    console.table(Object.fromEntries([...Object.entries(s2.per), ...(cc.length ? Object.entries(sn.per).map(([k, v]) => [`nature ${k}`, v] as const) : [])].map(([k, v]) => [k, { precision: f(v.p), recall: f(v.r), f1: f(v.f1), n: v.n }])))
  }

  // Irony: the 60-post irony.jsonl plus every post of posts.jsonl (each says ironic or not; many sincere ones reuse cue words).
  const irony = [...readIronySet(), ...readPosts().map((e) => ({ ...e, irony: e.irony }))]
  for (const [name, an] of [['v2', v2], ['v1', v1]] as const) {
    const flags = irony.map((e) => an.analyze(e.text, e.lang).irony)
    const tp = irony.filter((e, i) => e.irony && flags[i]).length
    const n = flags.filter(Boolean).length
    console.log(`Irony ${name} on irony.jsonl + posts.jsonl (${irony.length} posts, ${irony.filter((e) => e.irony).length} ironic): precision ${f(n ? tp / n : 0)} (${tp}/${n}), recall ${f(tp / irony.filter((e) => e.irony).length)}`)
  }
  // Written by people who never saw the rules (issue 15, point 4): posts.jsonl's w3-* held-back half (the train half
  // was read to write rules) and irony-blind.jsonl, an evaluation-only set never read while writing them.
  const blind = [
    ...readPosts().filter((e) => e.id.startsWith('w3-') && e.split === 'heldout').map((e) => ({ ...e, sentiment: undefined as string | undefined })),
    ...readBlindIrony(),
  ]
  const blindRead = blind.map((e) => v2.analyze(e.text, e.lang))
  for (const lang of ['es', 'en', 'both'] as const) {
    const keep = blind.map((e) => lang === 'both' || e.lang === lang)
    const ex = blind.filter((_, i) => keep[i])
    const rs = blindRead.filter((_, i) => keep[i])
    const tp = ex.filter((e, i) => e.irony && rs[i].irony).length
    const n = rs.filter((r) => r.irony).length
    const ironic = ex.filter((e) => e.irony).length
    const withGold = ex.map((e, i) => [e, rs[i]] as const).filter(([e]) => e.irony && e.sentiment)
    const right = withGold.filter(([e, r]) => r.sentiment.label === e.sentiment).length
    console.log(`Irony v2, written blind (${lang}; ${ex.length} posts, ${ironic} ironic): precision ${f(n ? tp / n : 0)} (${tp}/${n}), recall ${f(ironic ? tp / ironic : 0)}; ironic posts' sentiment as the author meant it ${right}/${withGold.length}`)
  }
  const ironic = readPosts().filter((e) => e.irony)
  const neg = ironic.filter((e) => v2.analyze(e.text, e.lang).sentiment.label === 'negative').length
  console.log(`Ironic posts read as negative (v2): ${neg}/${ironic.length}`)

  // Per-entity: each entity's gold stance vs the target label, and vs the post-level label given to every entity.
  const set = readTargetSet()
  let n = 0, targetRight = 0, postRight = 0, v1Right = 0
  for (const e of set) {
    const r = v2.analyze(e.text, e.lang, { entities: e.entities })
    const p1 = v1.analyze(e.text, e.lang).sentiment.label
    for (const [id, gold] of Object.entries(e.gold)) {
      n++
      if (r.targets?.[id]?.label === gold) targetRight++
      if (r.sentiment.label === gold) postRight++
      if (p1 === gold) v1Right++
    }
  }
  console.log(`\nPer-entity sentiment on targets.jsonl (${set.length} posts, ${n} entity readings): accuracy targets v2 ${f(targetRight / n)}; post-level label for every entity v2 ${f(postRight / n)}, v1 ${f(v1Right / n)}`)
  // The dev set the per-entity rules and settings were developed on (targets.jsonl above is only measured).
  const dev = targetAccuracy(v2, path.join(NLP_DATA_DIR, 'targets-dev.jsonl'))
  console.log(`Per-entity sentiment on targets-dev.jsonl (${dev.posts} posts, ${dev.n} entity readings, the development set): accuracy targets v2 ${f(dev.targets)}; post-level label for every entity v2 ${f(dev.post)}`)
}
