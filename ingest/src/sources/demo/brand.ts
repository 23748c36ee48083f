/**
 * Customer talk about a telecom brand, written for this project. One bank per kind of post, so the queue gets what a
 * care team really sees: many slow-line and billing complaints, a few claims, questions, praise, ideas, small talk,
 * and — rarely — a safety problem. Slots: `{n}` the brand, `{h}` its care @handle, `{city}`, `{k}` a number, `{ref}`.
 */
export const brandEs: Record<string, string[]> = {
  performance: [
    '{h} llevo {k} horas sin internet en {city}', 'la fibra de {n} va lentísima esta noche', '{n} se corta cada diez minutos, imposible trabajar así',
    'la señal de {n} desaparece en cuanto entro en casa', 'contraté 600 megas con {n} y me llegan 40', 'el wifi de {n} va a pedales desde el lunes',
    'otra tarde sin conexión con {n} en {city}', 'no hay manera de ver una serie sin que {n} se quede pensando', 'la cobertura de {n} en {city} es de risa',
  ],
  price: [
    '{n} me ha subido la tarifa sin avisar', 'otra vez me cobran de más en la factura de {n}', '{h} ¿por qué la factura de este mes viene con {k} euros más?',
    'la permanencia de {n} es un abuso', '{n} cobra por un router que ya tengo pagado', 'la oferta de {n} duró dos meses y luego precio completo',
  ],
  after_sales: [
    'el técnico de {n} no vino y perdí la mañana', '{h} {k} minutos en espera para que me cuelguen', 'la atención al cliente de {n} es un laberinto',
    'el chat de soporte de {n} te manda a la web, y la web al chat', 'tres agentes de {n}, tres respuestas distintas', 'la instalación de {n} lleva {k} días de retraso',
  ],
  claims_handling: [
    '{h} mi reclamación {ref} sigue sin respuesta desde hace {k} semanas', 'me cerraron el ticket {ref} sin solucionar nada, {n}',
    '{h} el expediente {ref} lleva un mes parado', 'mi caso con {n} ya va por el cuarto número de ticket',
  ],
  product_failure: [
    'el router de {n} no enciende desde ayer', 'el decodificador de {n} se reinicia solo, está defectuoso', 'el router nuevo de {n} vino averiado',
    'la app de {n} no funciona desde la actualización', 'el mando de la tele de {n} se rompió a la semana', 'el repetidor de {n} dejó de funcionar',
  ],
  claim: [
    '{h} exijo que me devuelvan lo cobrado este mes', 'quiero una compensación por los {k} días sin servicio, {n}', 'voy a poner una hoja de reclamaciones a {n}',
    '{h} o me hacen el reembolso o me voy a consumo', 'exijo a {n} la indemnización que me prometieron por teléfono',
  ],
  question: [
    '{h} ¿cómo activo el roaming para el viaje?', '¿alguien sabe si {n} tiene fibra en {city}?', '¿{n} tiene tarifa para estudiantes?',
    '{h} ¿puedo cambiar la fecha de la instalación?', '¿qué tal va {n} en {city}? estoy pensando en cambiarme', '¿cuánto tarda {n} en hacer una portabilidad?',
  ],
  praise: [
    'gracias {h}, el técnico vino puntual y todo funciona', 'la fibra de {n} va genial desde el cambio', 'pues con {n} me va de lujo, será cosa de la zona',
    'muy buena la atención de {n} por el chat hoy, {k} minutos y resuelto', 'reconozco que {n} ha mejorado muchísimo en {city}',
  ],
  suggestion: [
    '{n} debería avisar por SMS cuando hay incidencias', 'estaría bien que la app de {n} mostrara el estado de la red', 'ojalá pongan atención por WhatsApp, {n}',
    'sugerencia para {h}: un botón de reiniciar el router desde la app',
  ],
  other: [
    'viendo el debate con la fibra de {n}', 'otra vez el anuncio de {n} en la tele', 'me cambié a {n} la semana pasada, ya os contaré',
    'el de {n} ha venido a instalar y hemos hablado de fútbol una hora', 'en la oficina todos tenemos {n}, curioso',
  ],
  // Rare, and what a care team must see first: a device that overheats, sparks or smokes.
  safety: [
    'el cargador del router de {n} echa chispas al enchufarlo', 'sale humo del router de {n}, lo he desenchufado', 'el router de {n} se sobrecalienta tanto que no se puede tocar',
  ],
}

export const brandEn: Record<string, string[]> = {
  performance: ['{h} no internet since Monday in {city}', '{n} speed drops to nothing every evening', 'my {n} connection keeps dropping', 'paying for 600 Mbps from {n}, getting 30', '{n} wifi is crawling again in {city}'],
  price: ['{n} raised my bill without telling me', 'got charged twice by {n} this month'],
  after_sales: ['{n} support kept me on hold for {k} minutes', 'the {n} technician never showed up'],
  claims_handling: ['{h} my ticket {ref} was closed with no answer', 'still waiting for a response on my case {ref}, {n}'],
  product_failure: ['the {n} router is dead after a week', 'the {n} app is not working at all'],
  claim: ['{h} I want a full refund for this month', 'I demand compensation from {n} for {k} days offline'],
  question: ['does {n} have fibre in {city}? thinking of switching', '{h} how do I change my plan?', 'anyone in {city} using {n}? how is it?', '{h} can I move my contract to a new address?', 'how long does a {n} install take these days?'],
  praise: ['shoutout to {n} support, fixed in minutes 👍', 'thanks {h}, all sorted', 'have to say {n} has been rock solid in {city}', 'great service from the {n} tech today'],
  suggestion: ['{n} should send a text when the network is down', 'would be great if the {n} app showed outages by area'],
  other: ['moving flats and taking {n} with me', 'saw the new {n} ad, catchy tune', 'the {n} van is parked outside again', 'my landlord picked {n} for the building'],
  safety: ['the {n} router started smoking, unplugged it'],
}

/** Relative frequency of each kind in ordinary brand chatter: mostly complaints, safety very rare. */
export const brandMix: [string, number][] = [
  ['performance', 20], ['price', 12], ['after_sales', 11], ['claims_handling', 5], ['product_failure', 9], ['claim', 6],
  ['question', 14], ['praise', 9], ['suggestion', 5], ['other', 12], ['safety', 0.6],
]

export const brandOpenersEs = ['', '', '', 'En serio,', 'Lo que faltaba:', 'Vaya tela,', 'Otra vez:', 'Hola,', 'Buenas,', 'Increíble pero cierto:', 'Aviso:']
/** A second sentence that makes an ordinary complaint someone's own: where, how long, what it costs them. */
export const brandDetailEs = [
  'Desde {city}.', 'Ya van {k} veces este mes.', 'Con el teletrabajo encima.', 'Así no se puede.', 'Ya no sé a quién llamar.', 'Cliente desde hace {k} años.',
  'Y nadie da explicaciones.', 'Mañana llamo otra vez.', 'Tengo un examen online mañana.', 'Mis hijos sin poder hacer los deberes.', 'Me lo pensaré al renovar.',
  'Y la app dice que todo va bien.', 'Os lo cuento para que no os pase.', '¿A alguien más le pasa?', 'Paciencia infinita.', 'De verdad, {n}.',
]
export const brandDetailEn = ['From {city}.', 'Third time this month.', 'Working from home, great timing.', 'Customer for {k} years.', 'Not impressed.', 'Anyone else?', 'Unreal.', 'Sort it out, {n}.']
/** The same for calmer posts. */
export const brandAsideEn = ['Cheers.', 'Just moved to {city}.', 'Asking for a friend lol', 'Any tips welcome.', '']
export const brandAsideEs = ['Desde {city}.', 'Gracias de antemano.', 'Lo pregunto por un amigo jaja', 'Ya os diré.', 'Cosas de la vida.', 'Un saludo.', 'Por si a alguien le sirve.', 'Vivo en {city}.']
export const brandEmoji = ['😡', '😤', '🙃', '😩', '🤬', '🙄', '', '', '']
export const brandRepliesEs = ['@{who} a mí me pasa lo mismo con {n}', '@{who} igual aquí en {city}, {n} sin ir', '@{who} ¿te han contestado ya los de {n}?', '@{who} lo de {n} es general, no eres tú']
