// Issue 15, per-entity sentiment: each named entity is read from the words that speak of it. Regression tests
// for the structures targets-spans.ts / targets-rules.ts read (es and en), on the real analyser and weights.
import { describe, expect, it } from 'vitest'
import { createAnalyzer } from '../src/nlp/index.ts'
import { readGrades } from '../src/nlp/targets-grades.ts'

const a = createAnalyzer()
const debate = { ruiz: ['Ruiz', 'Ana Ruiz', '@ruiz_oficial'], vidal: ['Vidal', 'Tomás Vidal', '@vidal2026'], soto: ['Soto'] }
const debateEn = { carter: ['Carter'], hollis: ['Hollis'] }
const telcos = { movix: ['Movix'], telcra: ['Telcra'], fibranet: ['Fibranet'] }
const telcosEn = { zoomcell: ['Zoomcell'], nettel: ['Nettel'], linkora: ['Linkora'] }
const banks = { bancosol: ['BancoSol'], finaz: ['Finaz'] }
const labels = (text: string, entities: Record<string, string[]>, lang?: string) =>
  Object.fromEntries(Object.entries(a.analyze(text, lang, { entities }).targets ?? {}).map(([k, v]) => [k, v.label]))

describe('per-entity sentiment: who did what to whom', () => {
  it('the subject of a winning verb is positive, its object negative (active, object first, passive)', () => {
    expect(labels('Vidal destrozó a Ruiz en el debate', debate)).toEqual({ vidal: 'positive', ruiz: 'negative' })
    expect(labels('A Ruiz lo humilló Vidal en directo', debate)).toEqual({ vidal: 'positive', ruiz: 'negative' })
    expect(labels('Ruiz derrotó a Vidal y a Soto', debate)).toEqual({ ruiz: 'positive', vidal: 'negative', soto: 'negative' })
    expect(labels('Hollis got steamrolled by Carter on taxes', debateEn)).toEqual({ hollis: 'negative', carter: 'positive' })
  })
  it('a win over a pronoun in the later clause: the later entity beat the earlier one', () => {
    expect(labels('Hollis had nothing to say, Carter schooled him', debateEn)).toEqual({ hollis: 'negative', carter: 'positive' })
    expect(labels('Ruiz no tuvo respuesta y Vidal la dejó sin palabras', debate)).toEqual({ ruiz: 'negative', vidal: 'positive' })
  })
  it('"A weak next to B" / "A en ridículo ante B": B reads the other way round', () => {
    expect(labels('Hollis looked weak next to Carter', debateEn)).toEqual({ hollis: 'negative', carter: 'positive' })
    expect(labels('Vidal quedó en ridículo ante Ruiz', debate)).toEqual({ vidal: 'negative', ruiz: 'positive' })
  })
})

describe('per-entity sentiment: comparisons', () => {
  it('"más X que" / "more X than" and "menos X que"', () => {
    expect(labels('Ruiz es mucho más preparada que Vidal', debate)).toEqual({ ruiz: 'positive', vidal: 'negative' })
    expect(labels('Carter had more substance in one answer than Hollis all night', debateEn)).toEqual({ carter: 'positive', hollis: 'negative' })
    expect(labels('Vidal tiene menos propuestas que Ruiz', debate)).toEqual({ vidal: 'negative', ruiz: 'positive' })
  })
  it('"not as good as" / "no es tan bueno como": the first is worse; "as good as" alone is no comparison', () => {
    expect(labels('Carter is not as good as Hollis on the economy', debateEn)).toEqual({ carter: 'negative', hollis: 'positive' })
    expect(labels('BancoSol no es tan bueno como Finaz en hipotecas', banks)).toEqual({ bancosol: 'negative', finaz: 'positive' })
  })
  it('preference: "prefiero A a B", "mejor A que B", "A over B", "A instead of B"', () => {
    expect(labels('Prefiero Telcra a Movix, de lejos', telcos)).toEqual({ telcra: 'positive', movix: 'negative' })
    expect(labels('Mejor Finaz que BancoSol, eso seguro', banks)).toEqual({ finaz: 'positive', bancosol: 'negative' })
    expect(labels("I'd pick Nettel over Zoomcell any day", telcosEn)).toEqual({ nettel: 'positive', zoomcell: 'negative' })
    expect(labels('Go with Nettel instead of Zoomcell', telcosEn)).toEqual({ nettel: 'positive', zoomcell: 'negative' })
  })
  it('falling short, keeping up, learning from: the first is worse', () => {
    expect(labels("Hollis can't keep up with Carter", debateEn)).toEqual({ hollis: 'negative', carter: 'positive' })
    expect(labels('BancoSol se queda corto al lado de Finaz', banks)).toEqual({ bancosol: 'negative', finaz: 'positive' })
    expect(labels('Zoomcell should learn from Nettel', telcosEn)).toEqual({ zoomcell: 'negative', nettel: 'positive' })
  })
  it('a comparison word said of the later entity is not a comparison of the two ("…, pero peor es B")', () => {
    expect(labels('Pensaba que Telcra era mala, pero peor es Movix', telcos).movix).toBe('negative')
  })
  it('switching providers: "switched from A to B", "me cambié de A a B", "…, me pasé a B"', () => {
    expect(labels('Switched from Nettel to Zoomcell last month', telcosEn)).toEqual({ nettel: 'negative', zoomcell: 'positive' })
    expect(labels('Me cambié de Movix a Telcra el mes pasado', telcos)).toEqual({ movix: 'negative', telcra: 'positive' })
    expect(labels('Movix es un desastre, me pasé a Telcra', telcos)).toEqual({ movix: 'negative', telcra: 'positive' })
    expect(labels("After 5 years with Nettel I'm moving to Zoomcell, sick of the outages", telcosEn)).toEqual({ nettel: 'negative', zoomcell: 'positive' })
  })
})

describe('per-entity sentiment: contrast, answers and lists', () => {
  it('"Unlike A, B…" / "A diferencia de A, B…" / "…, no como en B"', () => {
    expect(labels('Unlike Zoomcell, Nettel actually answers', telcosEn)).toEqual({ zoomcell: 'negative', nettel: 'positive' })
    expect(labels('A diferencia de Movix, Telcra sí cumple', telcos)).toEqual({ movix: 'negative', telcra: 'positive' })
    expect(labels('En Telcra me atendieron genial, no como en Movix', telcos)).toEqual({ telcra: 'positive', movix: 'negative' })
  })
  it('a label clause goes with the name after it: "Lo mejor, Ruiz. Lo peor, Vidal"', () => {
    expect(labels('Lo mejor del debate, Ruiz. Lo peor, Vidal', debate)).toEqual({ ruiz: 'positive', vidal: 'negative' })
    expect(labels('Best answer: Carter. Worst answer: Hollis', debateEn)).toEqual({ carter: 'positive', hollis: 'negative' })
  })
  it('a short answer agrees with "también / too" and answers otherwise', () => {
    expect(labels('Movix es un desastre, Telcra también', telcos)).toEqual({ movix: 'negative', telcra: 'negative' })
    expect(labels('Zoomcell keeps dropping my calls, Nettel never does', telcosEn)).toEqual({ zoomcell: 'negative', nettel: 'positive' })
    expect(labels('Movix me cortó la línea sin avisar. Telcra nunca me ha hecho eso', telcos)).toEqual({ movix: 'negative', telcra: 'positive' })
    expect(labels('BancoSol me devolvió el dinero en un día, Finaz todavía nada', banks)).toEqual({ bancosol: 'positive', finaz: 'negative' })
  })
  it('parallel clauses, one negated: the later entity reads the other way round', () => {
    expect(labels('BancoSol cobra comisión por todo; Finaz no te cobra nada', banks)).toEqual({ bancosol: 'negative', finaz: 'positive' })
    expect(labels('Zoomcell charged me a late fee, Nettel never charges fees', telcosEn)).toEqual({ zoomcell: 'negative', nettel: 'positive' })
  })
  it('same stance for all: "ni A ni B", "neither A nor B", "A y B igual de malos"', () => {
    expect(labels('Ni Ruiz ni Vidal me convencen', debate)).toEqual({ ruiz: 'negative', vidal: 'negative' })
    expect(labels('Neither Carter nor Hollis made any sense tonight', debateEn)).toEqual({ carter: 'negative', hollis: 'negative' })
    expect(labels('Ruiz y Vidal igual de malos', debate)).toEqual({ ruiz: 'negative', vidal: 'negative' })
  })
  it('a choice between two: "Entre A y B, me quedo con B", "Between A and B it\'s B"', () => {
    expect(labels('Entre Ruiz y Vidal me quedo con Vidal, clarísimo', debate)).toEqual({ ruiz: 'negative', vidal: 'positive' })
    expect(labels("Between Zoomcell and Nettel it's Nettel, easily", telcosEn)).toEqual({ zoomcell: 'negative', nettel: 'positive' })
  })
  it('an entity with no words of its own is read against the others ("HOLLIS IS A FRAUD. Carter 2028!!")', () => {
    expect(labels('HOLLIS IS A FRAUD. Carter 2028!!', debateEn)).toEqual({ hollis: 'negative', carter: 'positive' })
  })
  it('farewells and switches said before a name ("Adiós Movix", "switched to Nettel")', () => {
    expect(labels('Me pasé a Telcra y cero cortes desde entonces. Adiós Movix', telcos)).toEqual({ telcra: 'positive', movix: 'negative' })
  })
  it('"solo C" after a list sets C apart from the rest', () => {
    expect(labels('Movix, Telcra y Fibranet: solo Fibranet me instaló a tiempo', telcos)).toEqual({ movix: 'negative', telcra: 'negative', fibranet: 'positive' })
    expect(labels('Zoomcell, Nettel and Linkora... only Linkora works in my building', telcosEn)).toEqual({ zoomcell: 'negative', nettel: 'negative', linkora: 'positive' })
    expect(labels('Vidal, Ruiz y Soto: Soto impecable, los otros dos un horror', debate)).toEqual({ vidal: 'negative', ruiz: 'negative', soto: 'positive' })
  })
})

describe('per-entity sentiment: sarcasm and handles', () => {
  it('praise opening a failure is sarcasm about that entity only', () => {
    expect(labels('Gracias Movix por dejarme sin internet otra vez. Telcra nunca me ha fallado', telcos)).toEqual({ movix: 'negative', telcra: 'positive' })
    expect(labels('Great job Zoomcell, another outage 🙄 Nettel just works', telcosEn)).toEqual({ zoomcell: 'negative', nettel: 'positive' })
  })
  it('@handles name entities, each with its own clause', () => {
    expect(labels('@ruiz_oficial impecable en el debate. @vidal2026, dimite ya', debate)).toEqual({ ruiz: 'positive', vidal: 'negative' })
  })
  it('an entity inside a hashtag is named, and the hashtag\'s other words speak of it', () => {
    expect(labels('Otra vez sin señal #MovixNoFunciona, con Telcra ningún problema', telcos)).toEqual({ movix: 'negative', telcra: 'positive' })
  })
  it('a long post naming many entities many times (and in hashtags) stays bounded and labels each', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`e${i}`, [`Marca${i}x`, `@marca${i}`]]))
    const text = Array.from({ length: 400 }, (_, i) => (i % 3 ? `Marca${i % 40}x mejor que #Marca${(i + 1) % 40}xFalla,` : `@marca${i % 40} no como`)).join(' ')
    // The fastest of three runs: a blow-up (quadratic spans) takes seconds every time, a busy machine only some times.
    const fastest = (f: () => void) => Math.min(...[0, 1, 2].map(() => { const t0 = performance.now(); f(); return performance.now() - t0 }))
    const t = a.analyze(text, 'es', { entities: many }).targets!
    expect(fastest(() => a.analyze(text, 'es', { entities: many }))).toBeLessThan(500)
    expect(Object.keys(t).length).toBeGreaterThan(10)
    for (const v of Object.values(t)) expect(['positive', 'neutral', 'negative']).toContain(v.label)
    // ...and a long scorecard: grades and rankings on every name, read within the same cut as the words.
    const card = Array.from({ length: 2000 }, (_, i) => (i % 2 ? `Marca${i % 40}x > Marca${(i + 1) % 40}x` : `le doy un ${i % 10} a Marca${i % 40}x, 7/10`)).join(' ')
    const g = a.analyze(card, 'es', { entities: many }).targets!
    expect(fastest(() => a.analyze(card, 'es', { entities: many }))).toBeLessThan(500)
    expect(Object.keys(g).length).toBeGreaterThan(10)
  })
  it('a wordless entity keeps the post reading; scores stay in [-1, 1]', () => {
    const r = a.analyze('Ruiz, Vidal', undefined, { entities: debate })
    expect(r.targets).toEqual({ ruiz: { score: r.sentiment.score, label: r.sentiment.label }, vidal: { score: r.sentiment.score, label: r.sentiment.label } })
    const t = a.analyze('Vidal destrozó a Ruiz en el debate', undefined, { entities: debate }).targets!
    for (const v of Object.values(t)) expect(Math.abs(v.score)).toBeLessThanOrEqual(1)
    expect(t.vidal.score).toBeGreaterThan(t.ruiz.score)
  })
})

describe('per-entity sentiment: scorecards (grades and rankings beat the words)', () => {
  it('a grade after each name: "A: 9/10", "le doy un 8, a B un 2", "I\'d give A a 9 and B a 3"', () => {
    expect(labels('Ruiz: 9/10. Vidal: 3/10', debate)).toEqual({ ruiz: 'positive', vidal: 'negative' })
    expect(labels('Nota del debate: Vidal 8/10, Soto 5/10, Ruiz 2/10', debate)).toEqual({ vidal: 'positive', soto: 'neutral', ruiz: 'negative' })
    expect(labels('A Finaz le doy un 8, a BancoSol un 2', banks)).toEqual({ finaz: 'positive', bancosol: 'negative' })
    expect(labels("I'd give Hollis a 9 and Carter a 3 tonight", debateEn)).toEqual({ hollis: 'positive', carter: 'negative' })
    // ...or before it: "un 9 a Ruiz", "a 2 to Carter".
    expect(labels('Le doy un 9 a Ruiz y un 2 a Vidal', debate)).toEqual({ ruiz: 'positive', vidal: 'negative' })
    expect(labels('I give a 2 to Carter and an 8 to Hollis', debateEn)).toEqual({ carter: 'negative', hollis: 'positive' })
  })
  it('a ranking with > : the first is best, the last worst', () => {
    expect(labels('Linkora > Zoomcell', telcosEn)).toEqual({ linkora: 'positive', zoomcell: 'negative' })
    expect(labels('Soto > Ruiz > Vidal, sin discusión', debate)).toEqual({ soto: 'positive', ruiz: 'neutral', vidal: 'negative' })
  })
  it('counts, times and match scores are not grades', () => {
    // A heart is no ranking; a match score in a grading post is no grade.
    expect(readGrades('Ruiz <3 y Vidal <3', debate, false)).toBeNull()
    expect(readGrades('Ruiz giving the team a 3-0 lead, Vidal loved it', debate, true)).toBeNull()
    expect(readGrades('Fibranet: 3 técnicos y 0 soluciones, les doy un cero', telcos, true)).toBeNull()
    // "3 técnicos, 0 soluciones" counts things; no grading word, no "/10": the words decide.
    const t = a.analyze('Fibranet: 3 técnicos y 0 soluciones. Movix vino en 1 día y lo arregló', undefined, { entities: telcos }).targets!
    expect(t).toMatchObject({ fibranet: { label: 'negative' }, movix: { label: 'positive' } })
    expect(labels('Llevo 3 días sin internet con Movix; Telcra a 2 calles va perfecto', telcos)).toEqual({ movix: 'negative', telcra: 'positive' })
    expect(labels('Movix me cobró 2 veces, Telcra nunca', telcos)).toEqual({ movix: 'negative', telcra: 'positive' })
  })
})
