// The wall's authenticity board at 20 entities over 10 minutes of the demo's stream: what one refresh costs once the
// board has read its window (it then reads only the posts stored since the last refresh, and clusters in memory).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Entity, PostInput } from '@pulso/types'
import { createDemoGenerator } from '@pulso/ingest'
import { buildApp } from '../src/app.ts'
import { ingestStored, median, sleep } from './harness.ts'

const NAMES = ['Elena Ruiz', 'Marcos Vidal', 'Carmen Soto', 'Javier Molina', 'Lucía Prieto', 'Andrés Vega', 'Rosa Gil', 'Tomás Nieto', 'Irene Castro', 'Pablo Sanz', 'Nuria León', 'Diego Mora', 'Sara Ortega', 'Hugo Cano', 'Marta Soler', 'Raúl Ibarra']
const BRANDS = ['Ondanet', 'Telvia', 'Fibrasur', 'Movilink']

/** Twenty entities (16 candidates named in quotes, 4 brands), shared with the board's test. */
export const BOARD_ENTITIES: Entity[] = [
  ...NAMES.map((n, i) => ({ id: `c${i}`, name: n, group: 'debate', color: '#E69F00', terms: [`"${n}"`] })),
  ...BRANDS.map((n, i) => ({ id: `b${i}`, name: n, group: 'brand', color: '#56B4E9', terms: [n.toLowerCase()] })),
]

/** The entities as a config file in `dir`, the wall's periodic refresh out of the way; returns its path. */
export function boardConfig(dir: string): string {
  const term = (t: string) => (t.startsWith('"') ? `'${t}'` : t)
  const lines = BOARD_ENTITIES.map((e) => `  - { id: ${e.id}, name: "${e.name}", group: ${e.group}, color: "${e.color}", terms: [${e.terms.map(term).join(', ')}] }`)
  const file = path.join(dir, 'pulso.yaml')
  // The wall's own refresh (every 5 s) would run beside the measured ones, and a caller of refresh() during one gets
  // its board, read before the last posts were stored: here the board is refreshed only when asked.
  writeFileSync(file, `entities:\n${lines.join('\n')}\nauthenticity:\n  wall: { everyS: 600 }\n`)
  return file
}

/** Ten minutes of the demo's organic chatter (no surge) about the twenty entities, ending at `now`. */
export const boardPosts = (now: number): PostInput[] => createDemoGenerator(BOARD_ENTITIES, { rate: 40, cycleS: 300, surges: [], seed: 11 }).posts(now - 600_000, now)

/** Five steady-state refreshes: median wall ms, and the least CPU ms of the five (the others also carry the embedded
 * store's background merges of the posts just written: its threads are this process's). */
export async function authenticityCost(): Promise<{ wallMs: number; cpuMs: number; posts: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulso-bench-auth-'))
  const app = await buildApp({ logger: false, config: { dataDir: dir, configFile: boardConfig(dir), demo: false, rateLimitPerMinute: 1e9, flushMs: 50, nlpWorkers: 2 } })
  try {
    const posts = boardPosts(Date.now())
    await ingestStored(app, posts)
    await app.authenticity.refresh()
    // The refresh before the measured ones starts more than the board's overlap (10 s) after the newest post was
    // stored: the measured ones then read nothing twice.
    await sleep(10_500)
    await app.authenticity.refresh()
    const wall: number[] = []
    const cpu: number[] = []
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      await app.authenticity.refresh()
      const c = process.cpuUsage(c0)
      cpu.push((c.user + c.system) / 1000)
      wall.push(performance.now() - t0)
    }
    return { wallMs: median(wall), cpuMs: Math.min(...cpu), posts: posts.length }
  } finally {
    await app.close()
  }
}
