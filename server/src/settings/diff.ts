/** What a reload changed, for the log line and for consumers that only need to redo part of their work. */
import { isDeepStrictEqual } from 'node:util'
import type { PulsoFile } from './schema.ts'

export interface Changes {
  added: string[]
  removed: string[]
  changed: string[]
}

export interface SettingsDiff {
  /** By id: a changed entity has a different name, group, colour or terms. */
  entities: Changes
  /** By name (the key of a source's cursor). */
  sources: Changes
  /** Weights, deadlines, windows, tiers or customers. */
  queue: boolean
  /** Nothing the room uses changed (comments, layout, a value rewritten the same); order changes are changes. */
  empty: boolean
  /** `entities +lopez -molina ~ruiz; sources ~replay; queue; alerts`, `order only` or `no change`. */
  summary: string
}

function byKey<T>(prev: T[], next: T[], key: (x: T) => string): Changes {
  const before = new Map(prev.map((x) => [key(x), x]))
  const after = new Map(next.map((x) => [key(x), x]))
  return {
    added: [...after.keys()].filter((k) => !before.has(k)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
    changed: [...after].filter(([k, x]) => before.has(k) && !isDeepStrictEqual(before.get(k), x)).map(([k]) => k),
  }
}

const count = (c: Changes) => c.added.length + c.removed.length + c.changed.length
const describe = (name: string, c: Changes) =>
  count(c) ? `${name} ${[...c.added.map((k) => `+${k}`), ...c.removed.map((k) => `-${k}`), ...c.changed.map((k) => `~${k}`)].join(' ')}` : ''

export function diffSettings(prev: PulsoFile, next: PulsoFile): SettingsDiff {
  const entities = byKey(prev.entities, next.entities, (e) => e.id)
  const sources = byKey(prev.sources, next.sources, (s) => s.name)
  const queue = !isDeepStrictEqual(prev.queue, next.queue)
  // Order matters too (the wall lays tiles out in file order), so emptiness is judged on the whole value.
  const empty = isDeepStrictEqual({ ...prev, file: '' }, { ...next, file: '' })
  // Every other section (alerts, incidents, authenticity, and any added later) by name: else its change reads "order only".
  const others = [...new Set([...Object.keys(prev), ...Object.keys(next)])]
    .filter((k) => !['file', 'entities', 'sources', 'queue'].includes(k) && !isDeepStrictEqual(prev[k as keyof PulsoFile], next[k as keyof PulsoFile]))
  const parts = [describe('entities', entities), describe('sources', sources), queue ? 'queue' : '', ...others].filter(Boolean)
  const summary = empty ? 'no change' : parts.length ? parts.join('; ') : 'order only'
  return { entities, sources, queue, empty, summary }
}
