/**
 * Per-entity sentiment only (cheaper than `eval:nlp`): label accuracy of `targets` on the dev set
 * (data/nlp/targets-dev.jsonl, the set the per-entity rules are developed against) and, with `--test`, on the
 * test set (targets.jsonl, only reported). `--fail` lists the dev set's wrong readings (never the test set's);
 * `--sweep` tries a grid of the per-entity settings (targets.ts `targetSettings`) on the dev set.
 *
 *   npx tsx ingest/scripts/eval-targets.ts [--test] [--fail] [--sweep]
 */
import path from 'node:path'
import { createAnalyzer, type Analyzer } from '../src/nlp/index.ts'
import { targetSettings } from '../src/nlp/targets.ts'
import { NLP_DATA_DIR } from '../src/paths.ts'
import { readTargetSet } from './data.ts'

export function targetAccuracy(an: Analyzer, file: string, fail = false): { posts: number; n: number; targets: number; post: number } {
  const set = readTargetSet(file)
  let n = 0, right = 0, post = 0
  for (const e of set) {
    const r = an.analyze(e.text, e.lang, { entities: e.entities })
    for (const [id, gold] of Object.entries(e.gold)) {
      n++
      const got = r.targets?.[id]?.label
      if (got === gold) right++
      else if (fail) console.log(`${e.id} ${id}: gold ${gold}, got ${got} (${r.targets?.[id]?.score}) | ${e.text}`)
      if (r.sentiment.label === gold) post++
    }
  }
  return { posts: set.length, n, targets: right / n, post: post / n }
}

if (process.argv[1]?.endsWith('eval-targets.ts')) {
  const an = createAnalyzer()
  const args = new Set(process.argv.slice(2))
  const dev = path.join(NLP_DATA_DIR, 'targets-dev.jsonl')
  if (args.has('--sweep')) {
    // The settings' grid, on the dev set only.
    const rows: (typeof targetSettings & { dev: number })[] = []
    for (const stanceWeight of [0, 0.5, 1, 1.5, 2])
      for (const spread of [0, 0.5, 1, 1.5, 2])
        for (const threshold of [0, 0.03, 0.05, 0.1])
          for (const contrastPull of [0, 0.25, 0.5, 0.75]) {
            Object.assign(targetSettings, { stanceWeight, spread, threshold, contrastPull })
            rows.push({ stanceWeight, spread, threshold, contrastPull, dev: Number(targetAccuracy(an, dev).targets.toFixed(3)) })
          }
    console.table(rows.sort((a, b) => b.dev - a.dev).slice(0, 15))
  } else {
    const sets: [string, boolean][] = [['targets-dev.jsonl', args.has('--fail')], ...(args.has('--test') ? [['targets.jsonl', false] as [string, boolean]] : [])]
    for (const [name, fail] of sets) {
      const r = targetAccuracy(an, path.join(NLP_DATA_DIR, name), fail)
      console.log(`${name} (${r.posts} posts, ${r.n} readings): per-entity ${r.targets.toFixed(3)}, post-level ${r.post.toFixed(3)}`)
    }
  }
}
