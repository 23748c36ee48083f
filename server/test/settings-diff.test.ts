// Review finding: a reload that changed only `alerts:`, `incidents:` or `authenticity:` was logged as "order only",
// telling whoever edits the file that their change did nothing the room uses. Every section that changed is named.
import { describe, expect, it } from 'vitest'
import { diffSettings, parseSettings } from '../src/settings/index.ts'

const ENTITIES = 'entities:\n  - { id: a, name: A, group: g, color: "#112233", terms: [a] }\n  - { id: b, name: B, group: g, color: "#445566", terms: [b] }\n'
const parse = (text: string) => {
  const r = parseSettings(text, '/tmp/pulso.yaml', {})
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.settings
}

describe('what a reload changed', () => {
  const base = parse(ENTITIES)
  it('names each changed section, and says order only when only the order changed', () => {
    expect(diffSettings(base, parse(`${ENTITIES}alerts:\n  lateHorizonS: 60\n`)).summary).toBe('alerts')
    expect(diffSettings(base, parse(`${ENTITIES}authenticity:\n  alertGate: hold\n`)).summary).toBe('authenticity')
    expect(diffSettings(base, parse(`${ENTITIES}alerts:\n  lateHorizonS: 0\nauthenticity:\n  alertGate: hold\n`)).summary.split('; ').sort()).toEqual(['alerts', 'authenticity'])
    const swapped = 'entities:\n  - { id: b, name: B, group: g, color: "#445566", terms: [b] }\n  - { id: a, name: A, group: g, color: "#112233", terms: [a] }\n'
    expect(diffSettings(base, parse(swapped)).summary).toBe('order only')
    expect(diffSettings(base, parse(ENTITIES)).summary).toBe('no change')
  })
})
