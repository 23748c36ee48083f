/**
 * Phrase banks for the demo stream, written for this project. `{n}` is the entity's display name,
 * `{h}` its @handle, `{tag}` its name without spaces, `{t}` a debate topic. Mixed registers on purpose: emoji, elongations,
 * negation, all-caps, slang, questions, so the wall and the NLP see what real feeds look like.
 */
export const topicsEs = ['las pensiones', 'la vivienda', 'el empleo', 'la sanidad', 'la educación', 'los impuestos', 'el cambio climático']
export const topicsEn = ['pensions', 'housing', 'jobs', 'healthcare', 'education', 'taxes', 'climate']

export const debateEs = {
  positive: [
    '{n} ha estado brillante hablando de {t} 👏👏',
    'Me ha convencido {n}, por fin alguien con propuestas claras sobre {t} #DebateDecisivo',
    'buenísimoooo el cierre de {n} 🔥🔥',
    'Qué bien ha respondido {n} sobre {t}. Así sí.',
    '{n} tiene datos y no solo eslóganes. Muy sólido hoy 💪',
    'No esperaba nada de {n} y me ha sorprendido para bien',
  ],
  negative: [
    '{n} no ha respondido a NADA sobre {t}, qué vergüenza',
    'Otra vez {n} mintiendo sobre {t} 🤦‍♀️ #DebateDecisivo',
    'No me gusta nada lo que propone {n} para {t}',
    '{n} se ha puesto nervioso y se nota 😬',
    'Lo de {n} con {t} es de risa... bueno, de llorar',
    'Me da miedo pensar en {n} gobernando, de verdad 😨',
  ],
  neutral: [
    '¿Alguien sabe qué ha dicho {n} exactamente sobre {t}?',
    'Ahora habla {n} sobre {t} #DebateDecisivo',
    'Turno de {n}. Veremos qué propone para {t}',
    '{n} cita datos del INE sobre {t}',
  ],
}

export const debateEn = {
  positive: [
    '{n} was sharp tonight on {t} 👏',
    'Honestly {n} made the strongest case on {t}. Impressed.',
    'Not bad at all from {n}, best answer of the night',
  ],
  negative: [
    '{n} dodged every question on {t}. Embarrassing.',
    "I don't trust {n} on {t}, not one bit 😡",
    '{n} looked lost on {t}, what a mess',
  ],
  neutral: ['What did {n} actually say about {t}?', '{n} is up now, talking {t} #SpainDebate', 'Fact-checking {n} on {t} now'],
}

export const brandEs = {
  complaint: [
    '{h} llevo 3 días sin internet y nadie me da solución 😡',
    'La fibra de {n} va lentísima por las noches, imposible teletrabajar',
    '{n} me ha cobrado de más en la factura OTRA VEZ',
    'El técnico de {n} no ha venido y he perdido la mañana esperando',
    'El router de {n} se calienta muchísimo y huele a quemado, me da miedo 😨',
  ],
  claim: [
    '{h} exijo el reembolso de este mes, no he tenido servicio',
    'Quiero mi dinero, {n}. He puesto una reclamación formal y ni caso',
  ],
  question: ['{h} ¿cómo cambio mi tarifa a la de 1 Gb?', '¿Alguien sabe si {n} tiene cobertura en Albacete?', '¿{n} tiene ofertas para estudiantes?'],
  praise: ['Gracias {h} por la rapidez, problema resuelto en 10 min 🙌', 'Tengo que decirlo: la fibra de {n} va genial ❤️'],
}

export const brandEn = {
  complaint: ['{h} no internet since Monday, this is ridiculous', '{n} support kept me on hold for an hour 😤'],
  claim: ['{h} I want a full refund for this month, formally.'],
  question: ['Does {n} work in Valencia? Thinking of switching'],
  praise: ['Shoutout to {n} support, fixed in minutes 👍'],
}

/** Scripted surges: what the room should see move. */
export const surgeText = {
  angerEs: [
    '#PensionesNo {n} quiere recortar las pensiones, ¡VERGÜENZA! 😡😡',
    'Indignante lo de {n} con las pensiones #PensionesNo',
    '¿Recortar pensiones? {n} no tiene vergüenza #PensionesNo 🤬',
    'Mis padres viven de su pensión y {n} se ríe. Asco. #PensionesNo',
  ],
  outageEs: [
    '#{tag}Caido sin servicio en todo Madrid, ¿qué pasa {h}?',
    'Otra caída de {n}, sin internet ni teléfono #{tag}Caido 😡',
    '{h} caída total, exijo una compensación #{tag}Caido',
    '{n} caído otra vez. Llevo 2 horas sin conexión #{tag}Caido',
  ],
}
