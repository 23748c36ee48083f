import { createAnalyzer } from '/work/main/ingest/src/nlp/index.ts'
import { emotionSplit, sentimentSplit } from '/work/main/ingest/scripts/data.ts'
const ENTITIES = { ruiz: ['Ruiz', 'Ana Ruiz', '@ruiz_oficial'], vidal: ['Vidal', 'Tomás Vidal', '@vidal2026'] }
const ex = [...sentimentSplit('es', 'train'), ...sentimentSplit('en', 'train'), ...emotionSplit('es', 'train'), ...emotionSplit('en', 'train')]
const base = ex.map((e, i) => { if (i % 2) return e.text; const mid = e.text.indexOf(' ', e.text.length >> 1); return mid < 0 ? `Ruiz ${e.text} Vidal` : `Ruiz ${e.text.slice(0, mid)}, Vidal${e.text.slice(mid)}` })
const a = createAnalyzer()
const N = Number(process.argv[2] ?? 100000)
const post = (i: number) => (i < base.length ? base[i] : `${base[i % base.length]} x${i.toString(36)}`)
for (let i = 0; i < 3000; i++) a.analyze(base[i])
const mode = process.argv[3] ?? 'ent'
const o = mode === 'ent' ? { entities: ENTITIES } : undefined
let t = performance.now(); let s = 0
for (let i = 0; i < N; i++) s += a.analyze(post(i), undefined, o).sentiment.score
const ms = performance.now() - t
console.log(JSON.stringify({ mode, N, perS: Math.round(N / ms * 1000), s }))
