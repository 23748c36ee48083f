import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ingest = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

describe('analyze CLI', () => {
  it('answers every line in order, with {error} for bad lines', () => {
    const input = ['{"id":"a","text":"Exijo mi reembolso"}', 'not json', '{"id":3}', '{"text":"love it 😍","lang":"en"}', '[1,2]'].join('\n') + '\n'
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/nlp/cli.ts'], { cwd: ingest, input, encoding: 'utf8' })
    expect(r.status).toBe(0)
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(out).toHaveLength(5)
    expect(out[0]).toMatchObject({ id: 'a', intent: 'claim' })
    expect(Object.keys(out[0])).toEqual(['id', 'lang', 'sentiment', 'emotions', 'emotion', 'intent', 'nature', 'irony'])
    expect(out[1].error).toBeTypeOf('string')
    expect(out[2].error).toBeTypeOf('string')
    expect(out[3]).toMatchObject({ id: null, lang: 'en', sentiment: { label: 'positive' } })
    expect(out[4].error).toBeTypeOf('string')
  })
  it('takes optional entities and answers targets; rejects malformed entities on that line only', () => {
    const input = [
      JSON.stringify({ id: 'd', text: 'Ruiz arrasó, Vidal hizo el ridículo', entities: { ruiz: ['Ruiz'], vidal: ['Vidal'] } }),
      JSON.stringify({ id: 'e', text: 'nadie habló de ellos', entities: { ruiz: ['Ruiz'] } }),
      JSON.stringify({ id: 'f', text: 'x', entities: ['Ruiz'] }),
      JSON.stringify({ id: 'g', text: 'x', entities: { ruiz: [42] } }),
    ].join('\n') + '\n'
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/nlp/cli.ts'], { cwd: ingest, input, encoding: 'utf8' })
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(out[0].targets).toMatchObject({ ruiz: { label: 'positive' }, vidal: { label: 'negative' } })
    expect(Object.keys(out[0]).at(-1)).toBe('targets')
    expect(out[1].targets).toEqual({})
    expect(out[2].error).toMatch(/entities/)
    expect(out[3].error).toMatch(/entities\.ruiz/)
  })
})
