import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { DEFAULT_CONFIG_FILE } from '../src/paths.ts'
import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createMatcher, entitiesFrom, loadEntities } from '../src/entities.ts'

const sample = DEFAULT_CONFIG_FILE

describe('entity matching', () => {
  const entities = loadEntities(sample)
  const match = (text: string) => createMatcher(entities)(text).sort()

  it('ships a four-candidate debate and a brand', () => {
    expect(entities.filter((e) => e.group === 'debate')).toHaveLength(4)
    expect(entities.filter((e) => e.group === 'brand')).toHaveLength(1)
  })

  it('is case- and accent-insensitive, on word boundaries', () => {
    expect(match('ELENA RUÍZ gana el debate')).toEqual(['ruiz'])
    expect(match('Ruizdíaz no es candidata')).toEqual([])
    expect(match('vidal, soto y MOLINA')).toEqual(['molina', 'soto', 'vidal'])
  })

  it('matches #hashtags, @handles and phrases as configured', () => {
    expect(match('#RuizPresidenta ya')).toEqual(['ruiz'])
    expect(match('#ruiz arrasa')).toEqual(['ruiz']) // a word term also matches its hashtag
    expect(match('RuizPresidenta sin almohadilla')).toEqual([]) // a #tag term matches only the hashtag
    expect(match('gracias @ondanet_ayuda')).toEqual(['ondanet'])
    expect(match('ondanet_ayuda sin arroba')).toEqual([])
    expect(match('La Unión Popular presenta programa')).toEqual(['vidal'])
    expect(match('popular unión')).toEqual([])
  })

  it('names the file and the field when the config is wrong', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pulso-ent-'))
    const bad = path.join(dir, 'e.yaml')
    writeFileSync(bad, 'entities:\n  - id: "Bad Id"\n    name: X\n    group: g\n    color: red\n    terms: [x]\n')
    expect(() => loadEntities(bad)).toThrow(/e\.yaml: entities\.0\.id: lowercase/)
    writeFileSync(bad, 'entities:\n  - {id: a, name: A, group: g, color: "#000000", terms: [a]}\n  - {id: a, name: B, group: g, color: "#000000", terms: [b]}\n')
    expect(() => loadEntities(bad)).toThrow(/duplicate entity id 'a'/)
  })

  it('takes already-parsed data (the server reads the file once), other sections left to their owners', () => {
    const e = { id: 'a', name: 'A', group: 'g', color: '#000000', terms: ['a'] }
    expect(entitiesFrom({ entities: [e], sources: 'not mine' })).toEqual([e])
    expect(() => entitiesFrom({ entities: [{ ...e, colour: 'red' }] }, 'f.yaml')).toThrow(/f\.yaml: unknown field 'entities\.0\.colour'/)
    expect(() => entitiesFrom({ entities: [] })).toThrow(/config: entities: at least one entity/)
    expect(() => entitiesFrom(null)).toThrow(/entities: required/)
  })
})
