import { describe, expect, it } from 'vitest'
import { countJsonArrayElements as count } from '../src/json-count.ts'

describe('counting a JSON array’s elements without parsing it', () => {
  it('counts top-level elements through strings, escapes and nesting', () => {
    const cases: unknown[] = [[], [{}], [1, 2, 3], [{ a: [1, 2, { b: '],,[' }] }, 'x,"y', null], [[[]], [], {}], ['\\', '"', ',']]
    for (const c of cases) expect(count(Buffer.from(JSON.stringify(c, null, 1))), JSON.stringify(c)).toBe((c as unknown[]).length)
    expect(count(Buffer.from('{"id":"1"}'))).toBe(1)
  })
  it('stops early past the limit', () => {
    expect(count(Buffer.from(`[${'{},'.repeat(1000)}{}]`), 10)).toBe(11)
  })
})
