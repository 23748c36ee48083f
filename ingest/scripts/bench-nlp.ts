/**
 * NLP throughput on realistic posts, single thread: Pulso's full analysis (with two monitored entities, half the
 * posts naming both, so per-entity sentiment is included) vs wink-nlp's own
 * sentiment pipeline on the same posts. Posts come from the shared corpora (es + en tweets,
 * read at run time, never copied); with `--posts N` the set is cycled N times over, each copy
 * made unique (a suffix) so wink-nlp's unseen-token cache really grows and memory can be watched.
 *
 *   npx tsx ingest/scripts/bench-nlp.ts [--posts 1000000]
 */
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { createAnalyzer } from '../src/nlp/index.ts'
import { emotionSplit, sentimentSplit } from './data.ts'

export interface NlpBench {
  nlp_posts_per_s_core: number
  nlp_ratio_vs_wink_sentiment: number
  wink_sentiment_posts_per_s: number
  /** wink-nlp tokenising only (empty pipe, token values read once): the floor for any wink-based analyser. */
  wink_tokenize_posts_per_s: number
  nlp_ratio_vs_wink_tokenize: number
  rss_mb_start: number
  rss_mb_end: number
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1048576)

/** Two monitored entities, as a debate board has them: every post is analysed with them. */
const ENTITIES = { ruiz: ['Ruiz', 'Ana Ruiz', '@ruiz_oficial'], vidal: ['Vidal', 'Tomás Vidal', '@vidal2026'] }

/** Half the posts name both entities ("Ruiz" first, "Vidal" at the middle space), so per-entity sentiment runs on them. */
function corpus(): string[] {
  const ex = [...sentimentSplit('es', 'train'), ...sentimentSplit('en', 'train'), ...emotionSplit('es', 'train'), ...emotionSplit('en', 'train')]
  return ex.map((e, i) => {
    if (i % 2) return e.text
    const mid = e.text.indexOf(' ', e.text.length >> 1)
    return mid < 0 ? `Ruiz ${e.text} Vidal` : `Ruiz ${e.text.slice(0, mid)}, Vidal${e.text.slice(mid)}`
  })
}

export async function benchNlp(opts: { posts?: number } = {}): Promise<NlpBench> {
  const base = corpus()
  const posts = opts.posts ?? 50_000
  // Past the first pass, each post gets a unique token, like the names and typos of a live stream.
  const post = (i: number) => (i < base.length ? base[i] : `${base[i % base.length]} x${i.toString(36)}`)
  const analyzer = createAnalyzer()
  const withEntities = { entities: ENTITIES }
  // wink-nlp's own sentiment: its full default pipeline, as its docs use it.
  const wink = winkNLP(model)
  const winkTok = winkNLP(model, [])
  // Warm up both (JIT, caches) on a slice, then take the memory baseline.
  for (let i = 0; i < 3000; i++) {
    analyzer.analyze(base[i % base.length])
    wink.readDoc(base[i % base.length]).out(wink.its.sentiment)
    winkTok.readDoc(base[i % base.length]).tokens().out()
  }
  global.gc?.()
  const rss_mb_start = rssMb()
  // Throughput: all three on the same blocks of posts, interleaved, so load from other processes on
  // this shared machine hits every side alike. wink (sentiment and tokenize-only) is timed on the
  // same posts as ours up to 200k (its own token cache grows without bound: long runs are about our memory).
  const BLOCK = 500
  let oursMs = 0
  let winkMs = 0
  let winkPosts = 0
  let tokMs = 0
  let sink = 0
  for (let b = 0; b < posts; b += BLOCK) {
    const end = Math.min(posts, b + BLOCK)
    let t = performance.now()
    for (let i = b; i < end; i++) sink += analyzer.analyze(post(i), undefined, withEntities).sentiment.score
    oursMs += performance.now() - t
    if (b < 200_000) {
      t = performance.now()
      for (let i = b; i < end; i++) sink += Number(wink.readDoc(post(i)).out(wink.its.sentiment))
      winkMs += performance.now() - t
      t = performance.now()
      for (let i = b; i < end; i++) sink += winkTok.readDoc(post(i)).tokens().out().length
      tokMs += performance.now() - t
      winkPosts += end - b
    }
    if (posts >= 200_000 && b % 200_000 === 0 && b) process.stderr.write(`  ${b} posts, rss ${rssMb()} MB\n`)
  }
  if (Number.isNaN(sink)) throw new Error('unreachable: keeps the loops from being optimised away')
  global.gc?.()
  const nlp = posts / (oursMs / 1000)
  const winkRate = winkPosts / (winkMs / 1000)
  const tokRate = winkPosts / (tokMs / 1000)
  return {
    nlp_posts_per_s_core: Math.round(nlp),
    nlp_ratio_vs_wink_sentiment: Math.round((nlp / winkRate) * 100) / 100,
    wink_sentiment_posts_per_s: Math.round(winkRate),
    wink_tokenize_posts_per_s: Math.round(tokRate),
    nlp_ratio_vs_wink_tokenize: Math.round((nlp / tokRate) * 100) / 100,
    rss_mb_start,
    rss_mb_end: rssMb(),
  }
}

if (process.argv[1]?.endsWith('bench-nlp.ts')) {
  const i = process.argv.indexOf('--posts')
  const posts = i > 0 ? Number(process.argv[i + 1]) : undefined
  const r = await benchNlp({ posts })
  console.table(Object.entries(r).map(([metric, value]) => ({ metric, value })))
  console.log(JSON.stringify(r))
}
