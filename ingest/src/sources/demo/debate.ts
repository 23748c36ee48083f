/**
 * Debate talk, written for this project: parts that combine into tens of thousands of different posts. Slots: `{n}`
 * a candidate, `{t}` a topic. Voices from Spain ("tío", "flipando") and Latin America ("no manches", "neta", "che").
 * Political anger is written as opinion, on purpose without customer-care words (fallo, error, peor, fatal, pagar,
 * precio, cortes, peligro…): the analyser reads those as product complaints, and a debate post is not one.
 */
export const topicsEs = [
  'las pensiones', 'la vivienda', 'el alquiler', 'el empleo', 'la sanidad', 'la educación', 'los impuestos', 'el cambio climático',
  'la inmigración', 'la España vaciada', 'el paro juvenil', 'la corrupción', 'la dependencia', 'las becas', 'la okupación', 'el campo',
]
export const topicsEn = ['pensions', 'housing', 'rents', 'jobs', 'healthcare', 'schools', 'taxes', 'climate', 'migration', 'young people', 'corruption', 'farming']

export const openersEs = [
  '', '', '', '', 'A ver,', 'Bueno,', 'Sinceramente,', 'Lo digo claro:', 'Tío,', 'Madre mía,', 'Uf,', 'Ojo:', 'Jajaja', 'Vale,', 'Pues nada,',
  'Os lo juro,', 'Neta,', 'No manches,', 'Che,', 'Hostia,', 'Atención:', 'Hilo rápido:', 'Desde el sofá:', 'Mi madre acaba de decir:', 'Estoy flipando,', 'Plot twist:', 'WTF,', 'Literally',
]
export const openersEn = ['', '', '', 'Ok,', 'Honestly,', 'Wow,', 'Lol', 'Not gonna lie,', 'Watching from London:', 'Ngl', 'Quick take:', 'Hot take:']

export const claimsEs = {
  positive: [
    '{n} lo ha bordado con {t}', '{n} se ha comido el debate', '{n} ha dado una lección sobre {t}', 'me quedo con {n}, ideas claras sobre {t}',
    'qué nivel el de {n} hablando de {t}', '{n} ha ganado este bloque sin despeinarse', '{n} ha puesto cifras concretas sobre {t}',
    '{n} me ha convencido con lo de {t}', 'por fin se habla claro de {t}: {n}', 'el cierre de {n} ha sido de los buenos',
    '{n} ha respondido a todo con calma', 'lo de {n} con {t} tiene sentido, hay que reconocerlo', '{n} está en su salsa esta noche',
  ],
  negative: [
    '{n} no ha contestado nada sobre {t}', '{n} se ha ido por las ramas con {t}', '{n} repite el mismo discurso de siempre',
    '{n} no tiene ni idea de {t}', 'cada vez que {n} habla de {t} pierde votos', 'qué manera de esquivar la pregunta, {n}',
    '{n} vive en otro planeta', 'menuda tomadura de pelo lo de {n} con {t}', '{n} nos toma por tontos con {t}',
    '{n} solo sabe leer papeles', 'lo de {n} con {t} no se lo cree ni su equipo', 'a {n} se le notan los nervios en la voz',
    'lo de {n} hoy da pena', '{n} interrumpe a todo el mundo y no propone nada', 'con {n} {t} va directo al cajón',
  ],
  neutral: [
    'ahora habla {n} sobre {t}', 'turno de {n}: {t}', 'apuntando lo que dice {n} sobre {t}', '{n} acaba de mencionar {t}',
    'siguiendo el debate, {n} toma la palabra', '{n} cita datos del INE sobre {t}', 'bloque de {t}, empieza {n}',
    '{n} lleva tres minutos con {t}', 'resumen: {n} sobre {t}, nada nuevo por ahora', '{n} contesta a la moderadora sobre {t}',
  ],
  question: [
    '¿alguien ha entendido qué propone {n} con {t}?', '¿de dónde saca {n} esas cifras sobre {t}?', '¿{n} ha dicho que va a tocar {t}?',
    '¿en qué canal se ve el debate? quiero ver a {n}', '¿cuánto le queda a {n} de turno?', '¿me he perdido algo o {n} no ha hablado de {t}?',
  ],
  suggestion: [
    '{n} debería explicar cómo piensa financiar {t}', 'estaría bien que {n} concretara algo sobre {t}', 'propongo que {n} traiga datos la próxima vez',
    'sería bueno que la moderadora apretara a {n} con {t}', '{n} podría dejar de leer y mirar a cámara',
  ],
}

export const claimsEn = {
  positive: ['{n} nailed the {t} answer', '{n} is winning this round', '{n} had actual numbers on {t}', 'solid closing from {n}', 'great answer from {n} on {t}', '{n} looks really prepared tonight'],
  negative: ['{n} dodged the {t} question again', '{n} has no plan for {t}', '{n} keeps talking over everyone', '{n} just lost my vote', 'that {t} answer from {n} was pure spin', '{n} looks rattled'],
  neutral: ['{n} now on {t}', 'live: {n} takes the floor on {t}', "translating {n}'s point on {t} for non-Spanish speakers", 'the {t} block starts with {n}'],
  question: ['what did {n} mean about {t}?', 'is {n} really proposing that on {t}?', 'where can I stream the Spanish debate? want to see {n}'],
  suggestion: ["{n} should explain how they'd fund {t}", 'would be nice if the moderators pressed {n} on {t}'],
}

export const evidenceEs = [
  '', '', '', '', '', 'y encima sin datos', '— lo acabo de ver en directo', 'y la moderadora sin decir nada', 'lo he rebobinado dos veces',
  'mi abuela lo ha pillado antes que yo', 'y mi grupo de WhatsApp ardiendo', 'eso no lo decía hace dos años', 'a las pruebas me remito',
  'lo digo desde {city}', 'y aquí en {city} lo sabemos bien', 'la expresión del resto de candidatos lo dice todo', 'guardad este tuit', 'cringe total', 'so sad', 'no lo digo yo, lo dicen los datos',
  'y mañana en todas las portadas', 'mi cuñado ya está gritando', 'lo comento con mi padre y flipa', 'qué bajón', 'me voy a por palomitas',
  'el grupo de la familia a tope', 'así está el nivel', 'veremos mañana las encuestas', 'ya lo decía yo', 'a ver qué dicen los verificadores',
]
export const evidenceEn = ['', '', '', 'and no numbers at all', 'rewatched it twice', 'the faces of the others say it all', 'screenshot this']

export const emojiByMood: Record<string, string[]> = {
  positive: ['👏', '👏👏', '🔥', '💪', '🙌', '✅', '😎', ''],
  negative: ['🙄', '🤦‍♀️', '🤦‍♂️', '😬', '😤', '🤡', '😒', ''],
  neutral: ['📺', '👀', '🗳️', '', '', ''],
  question: ['🤔', '❓', '', ''],
  suggestion: ['🙏', '', ''],
}
export const debateTags = ['#DebateDecisivo', '#Debate2026', '#ElDebate', '#DebateRTVE', '']

export const cities = ['Madrid', 'Sevilla', 'Valencia', 'Bilbao', 'Zaragoza', 'Málaga', 'Vigo', 'Murcia', 'Gijón', 'Valladolid', 'Palma', 'Granada', 'Badajoz', 'Cádiz']

/** Replies and quotes under someone else's post: the same thread, agreeing or not. */
export const repliesEs = [
  'totalmente de acuerdo con lo de {n}', 'no estoy de acuerdo, {n} ha estado bien', 'esto. justo esto sobre {n}', '¿fuente? {n} no lo dijo así',
  'jajaja lo de {n} es real', 'pues a mí {n} me ha gustado', 'exacto, {n} no ha dicho nada nuevo', 'qué dices, {n} ha ganado de calle',
  'lo mismo pensé con {n}', 'vaya hilo, lo de {n} está clarísimo',
]
export const repliesEn = ['agreed, {n} was all over the place', "no way, {n} did fine", 'source? {n} never said that', 'this. exactly this about {n}']
export const quotesEs = [
  'esto lo resume todo sobre {n} 👇', 'guardad esto sobre {n} para dentro de un año', 'el mejor análisis de {n} que he leído hoy', 'ojo a este hilo sobre {n}',
  'no se puede explicar mejor lo de {n}', 'lo de {n}, en un tuit', 'vengo a dejar esto sobre {n} y me voy', 'para quien diga que {n} lo ha hecho bien:',
]
export const quotesEn = ['this sums up {n} tonight 👇', 'best take on {n} so far', 'the {n} thread you need', 'saving this about {n}']
