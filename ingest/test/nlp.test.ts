import { EMOTIONS, INTENTS } from '@pulso/types'
import { beforeAll, describe, expect, it } from 'vitest'
import { createAnalyzer, type Analyzer } from '../src/nlp/index.ts'
import { readIronySet } from '../scripts/data.ts'

let a: Analyzer
beforeAll(() => {
  a = createAnalyzer()
})

describe('analysis shape', () => {
  it('fills every field within its range', () => {
    const r = a.analyze('Me encanta el nuevo móvil, la batería dura muchísimo 😍')
    expect(['es', 'en', 'other']).toContain(r.lang)
    expect(r.sentiment.score).toBeGreaterThanOrEqual(-1)
    expect(r.sentiment.score).toBeLessThanOrEqual(1)
    expect(r.sentiment.confidence).toBeGreaterThan(0)
    expect(r.sentiment.confidence).toBeLessThanOrEqual(1)
    for (const e of EMOTIONS) expect(r.emotions[e]).toBeGreaterThanOrEqual(0), expect(r.emotions[e]).toBeLessThanOrEqual(1)
    expect(INTENTS).toContain(r.intent)
    expect(r.sentiment.label).toBe('positive')
    expect(r.emotion).toBe('joy')
  })
})

describe('language', () => {
  it('trusts the source field', () => {
    expect(a.analyze('ok', 'es-MX').lang).toBe('es')
    expect(a.analyze('vale', 'EN').lang).toBe('en')
    expect(a.analyze('bonjour à tous', 'fr').lang).toBe('other')
  })
  it('detects es and en from the text', () => {
    expect(a.analyze('No sé por qué el debate empieza tan tarde').lang).toBe('es')
    expect(a.analyze('I have no idea why the debate starts so late').lang).toBe('en')
  })
  it('ignores unusable source tags', () => {
    expect(a.analyze('this is what they said about the economy', 'und').lang).toBe('en')
  })
})

describe('negation and intensity', () => {
  it('flips a liked thing under Spanish negation', () => {
    expect(a.analyze('me gusta mucho este servicio').sentiment.score).toBeGreaterThan(0)
    expect(a.analyze('no me gusta nada este servicio').sentiment.label).toBe('negative')
  })
  it('"not bad at all" is not negative', () => {
    expect(a.analyze('not bad at all').sentiment.label).not.toBe('negative')
    expect(a.analyze('not good').sentiment.score).toBeLessThan(a.analyze('good').sentiment.score)
  })
  it('negates through the typographic apostrophe phones type ("don’t")', () => {
    expect(a.analyze('I don’t like it at all').sentiment).toEqual(a.analyze("I don't like it at all").sentiment)
    expect(a.analyze('I don’t like it at all').sentiment.score).toBeLessThan(a.analyze('I like it a lot').sentiment.score)
  })
  it('elongations and shouting still reach the word list', () => {
    expect(a.analyze('BUENÍSIMOOO').sentiment.label).toBe('positive')
    expect(a.analyze('HORRIBLEEEE').sentiment.label).toBe('negative')
  })
})

describe('emoji only, empty and huge posts', () => {
  it('reads emoji-only posts', () => {
    expect(a.analyze('😍😍😍').sentiment.label).toBe('positive')
    expect(a.analyze('😡😡').sentiment.label).toBe('negative')
  })
  it('empty and whitespace text are neutral with no emotion', () => {
    for (const t of ['', '   ', '\n\t ']) {
      const r = a.analyze(t)
      expect(r.sentiment).toEqual({ score: 0, label: 'neutral', confidence: 0.34 })
      expect(r.emotion).toBeNull()
      expect(r.intent).toBe('other')
      expect(r.irony).toBe(false)
    }
  })
  it('handles a 10k-character post', () => {
    const r = a.analyze('El servicio es pésimo y nadie responde. '.repeat(260).slice(0, 10_000))
    expect(r.sentiment.label).toBe('negative')
    expect(r.intent).toBe('complaint')
  })
  it('survives non-string input from loose callers', () => {
    expect(a.analyze(undefined as unknown as string).intent).toBe('other')
  })
})

describe('irony', () => {
  it('flags explicit markers and praise with an eye-roll', () => {
    expect(a.analyze('Qué maravilla de servicio #sarcasmo').irony).toBe(true)
    expect(a.analyze('Genial, otra vez sin luz 🙃').irony).toBe(true)
    expect(a.analyze('Oh great, the app crashed again. Thanks for nothing').irony).toBe(true)
  })
  it('stays quiet on plain praise or plain anger', () => {
    expect(a.analyze('Genial el concierto de anoche').irony).toBe(false)
    expect(a.analyze('I hate this company').irony).toBe(false)
  })
  it('is right more often than not when it flags, on the project-written irony set (es + en)', () => {
    const set = readIronySet()
    const flags = set.map((e) => ({ e, flag: a.analyze(e.text, e.lang).irony })).filter((x) => x.flag)
    expect(flags.length).toBeGreaterThanOrEqual(10)
    expect(flags.filter((x) => x.e.irony).length / flags.length).toBeGreaterThan(0.5)
  })
})

describe('intent and nature', () => {
  const cases: [string, string, string | null][] = [
    ['Exijo que me devuelvan mi dinero YA', 'claim', 'claims_handling'],
    ['I want my money back, you charged me twice', 'claim', 'price'],
    ['¿A qué hora abren mañana?', 'question', null],
    ['Deberían abrir más tarde los sábados', 'suggestion', null],
    ['My phone exploded while charging', 'complaint', 'safety'],
    ['La app se cuelga cada dos minutos, imposible trabajar', 'complaint', 'performance'],
    ['Gracias por la atención, excelente', 'praise', null],
    ['Empieza el debate a las 22h', 'other', null],
  ]
  for (const [text, intent, nature] of cases)
    it(`${text} → ${intent}/${nature}`, () => {
      const r = a.analyze(text)
      expect(r.intent).toBe(intent)
      expect(r.nature).toBe(nature)
    })
  it('mixed Spanish/English complaint', () => {
    const r = a.analyze('El wifi del hotel is so slow, no funciona nada')
    expect(['es', 'en']).toContain(r.lang)
    expect(r.intent).toBe('complaint')
    expect(r.nature).not.toBeNull()
  })
  it('nature is null unless complaint or claim', () => {
    expect(a.analyze('¿Cuánto cuesta el envío?').nature).toBeNull()
  })
})
