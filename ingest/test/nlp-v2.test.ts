/**
 * Understanding v2 (issue 15): tricky posts as people write them, es and en. Each case states what a reader
 * would take from the post; the trained model, the cue rules, the irony flag and per-entity sentiment together
 * have to get there. None of these posts is in the training data.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createAnalyzer, type Analyzer } from '../src/nlp/index.ts'
// The care queue's own table of the intents it takes (server/src/queue/priority.ts), so the test follows it.
import { INTENT_VALUE } from '../../server/src/queue/priority.ts'

const QUEUE_INTENTS = Object.keys(INTENT_VALUE)

let a: Analyzer
beforeAll(() => {
  a = createAnalyzer()
})

interface Case { text: string; sentiment?: string; intent?: string | string[]; emotion?: string; irony?: boolean; nature?: string; notNature?: string }
const cases: Case[] = [
  // The issue's own hand-tried posts.
  { text: "Oh great, BancoSol's app is down AGAIN on payday. Just perfect. Love it.", sentiment: 'negative', intent: 'complaint', irony: true },
  { text: 'Genial, otra vez sin app… Gracias por nada 🙃', sentiment: 'negative', intent: 'complaint', irony: true },
  { text: 'Exijo que me devuelvan mi dinero YA 😡', intent: 'claim', emotion: 'anger' },
  { text: "Can't pay my rent", notNature: 'price' },
  // Sarcasm: positive words, negative situation.
  { text: 'Qué maravilla, tres horas esperando al técnico que nunca vino', sentiment: 'negative', intent: 'complaint', irony: true },
  { text: 'Thanks for nothing, my parcel is lost again', sentiment: 'negative', intent: 'complaint', irony: true },
  { text: 'Me encanta pagar más cada mes por una fibra que no funciona', sentiment: 'negative', intent: 'complaint' },
  { text: 'Love it when the train is cancelled with no warning 🙄', sentiment: 'negative', intent: 'complaint', irony: true },
  { text: 'Perfecto, otra vez sin luz en todo el barrio 🙃', sentiment: 'negative', irony: true },
  { text: 'Wonderful, another outage during business hours', sentiment: 'negative', irony: true },
  // Sincere praise that reuses the cue words stays praise.
  { text: 'Genial el nuevo carril bici, llego en la mitad de tiempo', sentiment: 'positive', irony: false },
  { text: 'Thanks again to the support team, always so quick', sentiment: 'positive', intent: 'praise', irony: false },
  { text: 'Gracias a la técnica que vino hoy, súper amable', sentiment: 'positive', intent: 'praise', irony: false },
  { text: 'Love the new banking app, fast and clear', sentiment: 'positive', intent: 'praise', irony: false },
  // Complaints phrased as questions.
  { text: '¿Por qué llevo 3 días sin internet?', sentiment: 'negative', intent: 'complaint' },
  { text: 'Why have I been on hold for two hours?', intent: 'complaint' },
  { text: '¿Cómo es posible que el banco me cobre por sacar mi propio dinero?', intent: 'complaint' },
  { text: 'Is anyone going to tell me where my package is?', intent: ['complaint', 'question'] },
  // A question whose opener only an annoyed customer uses reports a failure (4 were questions before).
  { text: '¿Hasta cuándo vamos a estar sin ascensor en el edificio?', intent: 'complaint' },
  { text: 'How many more times do I have to reset this router?', intent: 'complaint' },
  { text: '¿Es normal que la factura de la luz se duplique en un mes?', intent: 'complaint' },
  { text: 'Can someone explain why my order was cancelled without notice?', intent: 'complaint' },
  { text: 'When are you going to refund my cancelled flight?', intent: ['claim', 'complaint'] },
  { text: '¿Alguien de Correos me va a explicar por qué mi carta tardó un mes?', intent: 'complaint' },
  { text: 'Why is my bill higher again this month?', intent: 'complaint' },
  // Praise opening a failure report is sarcasm (5 missed before: 'bonito', 'avería', 'tardaron', 'lo mejor de mi día', 'losing')…
  { text: 'Qué bonito, otra semana con el ambulatorio cerrado por las tardes', sentiment: 'negative', intent: 'complaint', irony: true },
  { text: 'Genial, la lavadora nueva con avería a los tres días', sentiment: 'negative', intent: 'complaint', irony: true },
  { text: 'Qué servicio tan eficiente, tardaron tres semanas en responder mi reclamación', sentiment: 'negative', intent: ['claim', 'complaint'], irony: true },
  { text: 'Lo mejor de mi día: dos horas en la cola esperando a que abran la ventanilla', sentiment: 'negative', intent: 'complaint', irony: true },
  { text: 'Thanks for losing my suitcase on a direct flight', sentiment: 'negative', intent: 'complaint', irony: true },
  // …and sincere praise is not ('line' alone was a failure word: a new metro line read as a queue).
  { text: 'Qué bonito el atardecer desde el mirador hoy', sentiment: 'positive', irony: false },
  { text: 'Gracias por la ayuda, el técnico vino puntual y muy amable', sentiment: 'positive', intent: 'praise', irony: false },
  { text: 'Great news, the new line opens next Monday', sentiment: 'positive', irony: false },
  { text: 'Tranquilos, que no ha sido nada, ya está todo arreglado', irony: false },
  // A third-person or impersonal proposal is a suggestion (the demo's "Ondanet debería avisar…" queued as a product failure).
  { text: 'Ondanet debería avisar por SMS cuando hay incidencias', intent: 'suggestion' },
  // …with the demo's emoji too: the retrained head read it as a complaint, and the demo's queue listed it as a failure.
  { text: 'Ondanet debería avisar por SMS cuando hay incidencias 🙏', intent: 'suggestion' },
  { text: 'Habría que poner más trenes a primera hora', intent: 'suggestion' },
  { text: 'Ondanet debería funcionar y no funciona', intent: 'complaint' },
  { text: 'Tendrían que devolverme el dinero ya', intent: 'claim' },
  // A failure told as a fact, without a feeling word (the first was 'other' before).
  { text: 'El fontanero tenía que venir el martes y hoy es viernes', intent: 'complaint' },
  { text: 'Nos prometieron la fibra en marzo y todavía nada', intent: 'complaint' },
  // A proposal put as a question is a suggestion (all three were questions before); asking for information is not.
  { text: 'Could you send a reminder the day before the delivery?', intent: 'suggestion' },
  { text: 'Why not open the Triana office on Saturdays?', intent: 'suggestion' },
  { text: '¿Por qué no abren la oficina los sábados por la mañana?', intent: 'suggestion' },
  { text: 'Could you tell me when the office opens?', intent: 'question' },
  // …even when the head is sure it is a question (the retrained head read the Spanish one above as a question).
  { text: 'Any chance of adding a dark mode to the app?', intent: 'suggestion' },
  // Sarcasm signed off at the end, after the failure; a failure put right keeps its praise sincere.
  { text: 'Se cayó la web tres veces mientras pagaba. Un genio el que la programó', intent: 'complaint', irony: true },
  { text: 'Flight delayed 3 hours and nobody at the desk. Excellent service 👌', sentiment: 'negative', intent: 'complaint', irony: true },
  { text: 'Lost my card abroad but they replaced it the same day. Great service!', intent: 'praise', irony: false },
  // Remedies and who enforces them are claims; "consumo" as consumption is not.
  { text: 'O me devolvéis los 40 € o voy a consumo', intent: 'claim' },
  { text: 'Si no me pagan la reparación hablará mi abogado', intent: 'claim' },
  { text: "Credit my account for the outage or I'm leaving", intent: 'claim' },
  { text: 'El consumo de datos sube en verano', intent: 'other' },
  // Outrage questions and failures by count are complaints.
  { text: 'wtf why is my card blocked', intent: 'complaint' },
  { text: '¿Para qué sirve la cita previa si luego esperas una hora?', intent: 'complaint' },
  { text: 'Cuarta llamada de hoy a la compañía.', intent: 'complaint' },
  // Asking what to do should something happen is a question; a formal demand is a claim whatever the head reads.
  { text: 'What do I do if my card gets stolen while I travel?', intent: 'question' },
  { text: '¿Qué pasa si no pago la factura a tiempo? ¿Cortan el servicio?', intent: 'question' },
  { text: 'Reported them to the consumer protection office. I want my €60 back', intent: 'claim' },
  { text: 'Me cobraron dos veces y necesito que me lo reversen ya', intent: 'claim' },
  // Failures without a feeling word; thanks without a praise word from the list before.
  { text: 'Sent the wrong size and the return label link no longer works', intent: 'complaint' },
  { text: 'The pharmacist caught an interaction my doctor missed, so grateful', intent: 'praise' },
  // The fourth blind set's lessons (w7-*), paraphrased: asking what to do is no proposal; a refund received is no claim
  // and a fixed outage earns thanks; a refundable fee asked about is a question; an escalation is a claim.
  { text: 'What time should we be at the gate for the 7:40 to Porto?', intent: 'question' },
  { text: 'Refund landed in my account within a day, got my refund faster than expected. Impressed @ShopNova', intent: 'praise' },
  { text: 'Credit where it is due, the outage was fixed in 40 minutes and you kept us posted', intent: 'praise' },
  { text: 'Is the booking fee refundable if I cancel a week before?', intent: 'question' },
  { text: 'Please escalate my complaint to a manager, this is the fourth email', intent: 'claim' },
  { text: 'Heating in the flat has been off for 5 days now and the landlord agency has not replied', intent: 'complaint' },
  { text: 'Una idea para el ayuntamiento: abrir las bibliotecas los domingos en época de exámenes', intent: 'suggestion' },
  { text: 'Aplausos a la compañía por perder dos veces el mismo paquete 👏', sentiment: 'negative', intent: 'complaint', irony: true },
  { text: 'Muy bonito todo: me suben la tarifa y encima ahora con anuncios', sentiment: 'negative', intent: 'complaint', irony: true },
  // Slow service is performance, not a broken product (the demo's 'wifi is crawling again' queued as product failure).
  { text: 'My wifi is crawling again tonight', intent: 'complaint', nature: 'performance' },
  { text: 'Again: the Ondanet connection drops out every evening', intent: 'complaint', nature: 'performance' },
  // A fix that did not hold is no fix: thanks around it are not praise (was: praise, off the queue).
  { text: 'Thanks @BancoSol, the app was fixed and now it crashes on login again', intent: 'complaint', sentiment: 'negative' },
  { text: '@ondanet_ayuda it was fixed for two hours, then broke again. Thanks a lot.', intent: 'complaint' },
  { text: 'Gracias Ondanet, lo arreglaron y a las dos horas otra vez sin internet', intent: 'complaint', sentiment: 'negative' },
  // …while a failure before the fix is still put right.
  { text: 'My router broke again but they fixed it in an hour, thanks Ondanet!', intent: 'praise' },
  // A hazard is a complaint the head cannot talk away (was: a proposal, praise, 'other': none reached the queue's top).
  { text: 'sale humo del enchufe del router de Ondanet', intent: 'complaint', nature: 'safety' },
  { text: 'the Ondanet router caught fire last night', intent: 'complaint', nature: 'safety' },
  { text: 'el router de Ondanet se sobrecalienta tanto que no se puede tocar', intent: 'complaint', nature: 'safety' },
  // The demo's own complaints, with the nature they were written with (were: product failure).
  { text: 'el wifi de Ondanet va a pedales desde el lunes', intent: 'complaint', nature: 'performance' },
  { text: '@ondanet_ayuda no internet since Monday in Sevilla', intent: 'complaint', nature: 'performance' },
  { text: 'la permanencia de Ondanet es un abuso', intent: 'complaint', nature: 'price' },
  // …while plain questions still ask.
  { text: '¿A qué hora abre la oficina de Triana el sábado?', intent: 'question' },
  { text: 'How do I change the delivery address on my order?', intent: 'question' },
  { text: 'Is it possible to pay the bill by card?', intent: 'question' },
  { text: '¿Cuándo llega la nueva tarifa de fibra a Valencia?', intent: 'question' },
  // Rhetorical tags ask nothing (the demo's anger wave filled the queue with a 427-post "question" case of these);
  // tags that ask for confirmation or for what to do next still ask.
  { text: 'Pero vamos a ver, Javier Molina quiere tocar las pensiones de nuestros mayores. Las pensiones no se tocan. ¿En serio? #PensionesNo', intent: 'other' },
  { text: 'Se me ha bloqueado la tarjeta en el cajero, ¿y ahora qué hago?', intent: ['question', 'complaint'] },
  { text: 'I forgot my passcode. Now what?', intent: 'question' },
  // …but "¿y ahora qué?" after an insult or an angry face asks for nothing (the demo's queue held a 235-post
  // "question" case of these in this session's walk).
  { text: 'No puede ser. Javier Molina quiere tocar las pensiones de nuestros mayores. Sinvergüenza. ¿y ahora qué? 😡 #PensionesNo', intent: ['other', 'complaint'] },
  { text: 'Me habéis vuelto a cortar la luz sin avisar, sinvergüenzas. ¿Y ahora qué?', intent: 'complaint' },
  { text: 'They cancelled my flight again 🤬 Now what?', intent: 'complaint' },
  { text: 'Otra subida de la luz este mes. ¿En serio?', intent: 'complaint' },
  // (Outrage reads as a complaint to the analyser; about a `care: false` entity the front door makes it an opinion: care.ts.)
  { text: 'Increíble. Javier Molina quiere recortar las pensiones. Mi abuela vive con 700 al mes. Lo estáis oyendo? 🤬', intent: ['other', 'complaint'] },
  { text: 'The council closed the library to build a car park. Can you believe it?', intent: ['other', 'complaint'] },
  { text: '3 hours on the tarmac and no update from Skyjet. Seriously?', intent: 'complaint' },
  { text: 'El envío es gratis, ¿verdad?', intent: 'question' },
  { text: 'You deliver on Sundays, right?', intent: 'question' },
  // Plain questions stay questions.
  { text: '¿A qué hora abre la oficina los sábados?', intent: 'question' },
  { text: 'How do I change my password in the app?', intent: 'question' },
  // Plain complaints.
  // (Its sentiment reads neutral: no word in it is negative on its own. The intent still sends it to the queue.)
  { text: 'The ATM ate my card and the branch says come back Monday', intent: 'complaint' },
  { text: 'El repartidor dejó el paquete en la calle bajo la lluvia', intent: 'complaint' },
  { text: 'My flight is four hours late and nobody tells us anything', sentiment: 'negative', intent: 'complaint' },
  { text: 'Sin agua desde ayer y el ayuntamiento sin decir nada', sentiment: 'negative', intent: 'complaint' },
  // Claims.
  { text: 'I want a full refund for my cancelled flight, not a voucher', intent: 'claim' },
  { text: 'Quiero que me devuelvan los 30 euros que me cobraron de más', intent: 'claim' },
  // Suggestions.
  { text: 'Deberían abrir las oficinas también por la tarde', intent: 'suggestion' },
  { text: 'It would be great if the app had dark mode', intent: 'suggestion' },
  // Emotion with an explicit cue.
  { text: 'Qué asco de servicio', emotion: 'disgust', sentiment: 'negative' },
  { text: "I'm terrified of flying with them after that landing", emotion: 'fear' },
  { text: 'Estoy furioso 😡😡', emotion: 'anger', sentiment: 'negative' },
  { text: 'I am so happy with my new phone 😍', emotion: 'joy', sentiment: 'positive' },
  // Feelings the word list lacked (hand-tried: no dominant emotion before the v2.1 words).
  { text: 'Estoy aterrorizada con lo que ha pasado en el metro', emotion: 'fear' },
  { text: 'Estoy hasta las narices de Ondanet', emotion: 'anger', sentiment: 'negative' },
  { text: "I'm livid, third time this week", emotion: 'anger', sentiment: 'negative' },
  { text: 'This makes me sick', emotion: 'disgust', sentiment: 'negative' },
  // Idioms the v2.2 words added (no dominant emotion before), and a disgust that once read anger.
  { text: 'Me hierve la sangre con lo que ha hecho Ondanet', emotion: 'anger', sentiment: 'negative' },
  { text: 'Se me parte el alma al ver esto', emotion: 'sadness' },
  { text: "I'm seething after that call with support", emotion: 'anger', sentiment: 'negative' },
  { text: 'so disgusting, hair in my food', emotion: 'disgust', sentiment: 'negative' },
  // Negation.
  { text: 'No me gusta nada este servicio', sentiment: 'negative' },
  { text: "I don't like it at all", sentiment: 'negative' },
  { text: 'Not happy at all with the service, third outage this week', sentiment: 'negative', intent: 'complaint' },
  // Other.
  { text: 'Empieza el debate a las 22h en La 1', intent: 'other', sentiment: 'neutral' },
  { text: 'Congress votes on the housing bill today', intent: 'other' },
]

describe('tricky posts (es + en)', () => {
  for (const c of cases)
    it(c.text, () => {
      const r = a.analyze(c.text)
      if (c.sentiment) expect(r.sentiment.label).toBe(c.sentiment)
      if (typeof c.intent === 'string') expect(r.intent).toBe(c.intent)
      if (Array.isArray(c.intent)) expect(c.intent).toContain(r.intent)
      if (c.emotion) expect(r.emotion).toBe(c.emotion)
      if (c.irony !== undefined) expect(r.irony).toBe(c.irony)
      if (c.notNature) expect(r.nature).not.toBe(c.notNature)
      if (c.nature) expect(r.nature).toBe(c.nature)
    })
  it('the sarcastic payday post reaches the queue (a queue intent, negative)', () => {
    const r = a.analyze("Oh great, BancoSol's app is down AGAIN on payday. Just perfect. Love it.")
    expect(QUEUE_INTENTS).toContain(r.intent)
    expect(r.sentiment.score).toBeLessThan(0)
    expect(r.emotions.joy).toBeLessThan(r.emotions.anger)
  })
})

describe('per-entity sentiment', () => {
  const debate = { ruiz: ['Ruiz'], vidal: ['Vidal'] }
  const target = (text: string, entities: Record<string, string[]> = debate) => a.analyze(text, undefined, { entities }).targets
  it('"Ruiz arrasó, Vidal hizo el ridículo": Ruiz positive, Vidal negative', () => {
    const t = target('Ruiz arrasó, Vidal hizo el ridículo')
    expect(t?.ruiz.label).toBe('positive')
    expect(t?.vidal.label).toBe('negative')
    expect(t!.ruiz.score).toBeGreaterThan(t!.vidal.score)
  })
  it('contrast words split the post: mientras / but', () => {
    expect(target('Vidal hizo el ridículo mientras Ruiz estuvo brillante')).toMatchObject({ vidal: { label: 'negative' }, ruiz: { label: 'positive' } })
    expect(target('Great answer from Harper but Cole was a disaster', { harper: ['Harper'], cole: ['Cole'] })).toMatchObject({ harper: { label: 'positive' }, cole: { label: 'negative' } })
  })
  it('comparisons and wins give opposite signs, negation flips them, the passive reverses them', () => {
    expect(target('Ruiz fue mucho mejor que Vidal')).toMatchObject({ ruiz: { label: 'positive' }, vidal: { label: 'negative' } })
    expect(target('Ruiz no es mejor que Vidal')).toMatchObject({ ruiz: { label: 'negative' }, vidal: { label: 'positive' } })
    expect(target('Vidal humillado por Ruiz en directo')).toMatchObject({ ruiz: { label: 'positive' }, vidal: { label: 'negative' } })
    expect(target('SkyJet beat AeroLux on punctuality', { skyjet: ['SkyJet'], aerolux: ['AeroLux'] })).toMatchObject({ skyjet: { label: 'positive' }, aerolux: { label: 'negative' } })
  })
  it('an elliptical answer takes the opposite reading ("…, Zoomcell never does")', () => {
    expect(target('Fibrix keeps dropping my calls, Zoomcell never does', { fibrix: ['Fibrix'], zoomcell: ['Zoomcell'] })).toMatchObject({ fibrix: { label: 'negative' }, zoomcell: { label: 'positive' } })
  })
  it('@handles and multi-word terms name entities; one entity keeps the post reading', () => {
    const t = target('@movinet sin internet desde el lunes, en Caja Austral todo perfecto', { movinet: ['Movinet'], caja: ['Caja Austral'] })
    expect(t).toMatchObject({ movinet: { label: 'negative' }, caja: { label: 'positive' } })
    const one = a.analyze('Ruiz estuvo fatal', undefined, { entities: debate })
    expect(one.targets).toEqual({ ruiz: { score: one.sentiment.score, label: one.sentiment.label } })
  })
  it('no targets without entities or when none is named', () => {
    expect(a.analyze('Ruiz arrasó').targets).toBeUndefined()
    expect(a.analyze('Nadie habló de economía', undefined, { entities: debate }).targets).toBeUndefined()
  })
})
