/**
 * The night's script, written for this project: debate moments (an opening statement, the pensions question, an
 * attack, a gaffe) that people react to, the anger wave against one candidate, the brand's outage from the first
 * complaints to the official reply and the calm after it, and copy-paste campaigns. A surge carries its own words
 * (#PensionesNo with pension words; #…Caido with outage words) so the alert's drivers can name them.
 */

/** Debate moments as fractions of the cycle; `who` and `target` index the debate entities. */
export const MOMENTS = [
  { kind: 'opening', from: 0, to: 0.08, who: 0, target: 0 },
  { kind: 'pensions', from: 0.1, to: 0.15, who: 3, target: 3 },
  { kind: 'attack', from: 0.4, to: 0.48, who: 1, target: 2 },
  { kind: 'gaffe', from: 0.8, to: 0.88, who: 2, target: 2 },
] as const
export type MomentKind = (typeof MOMENTS)[number]['kind']

/** What a producer in the room types when marking each moment (`m` on the wall); the built-in demo marks them itself. */
export const momentLabels: Record<MomentKind, string> = {
  opening: 'Minuto de oro de {n}',
  pensions: 'Pregunta sobre las pensiones a {n}',
  attack: '{n} ataca a {m}',
  gaffe: 'Lapsus de {n}',
}

/** Reactions to a moment. `{n}` the one who speaks, `{m}` the one attacked. */
export const momentReactions: Record<MomentKind, string[]> = {
  opening: [
    'arranca {n} con el minuto de oro', 'buen arranque de {n}, tono tranquilo', 'el minuto de oro de {n} suena a anuncio de banco',
    '{n} abre hablando de las familias, clásico', 'empieza {n} y ya mira a cámara como una profesional', 'primer minuto de {n}: mucho titular, poca chicha',
  ],
  pensions: [
    'llega la pregunta de las pensiones y {n} se pone serio', 'pregunta clave sobre pensiones, a ver qué dice {n}',
    '{n} sobre pensiones: "hay que revisar el sistema". Ojo con eso', 'la moderadora pregunta por los jubilados y {n} mira sus notas',
  ],
  attack: [
    '{n} va a por {m} sin anestesia', 'zasca de {n} a {m} con los datos de su etapa', '{n} le saca a {m} un recorte de periódico en directo',
    'qué tensión entre {n} y {m}', '{m} no se esperaba ese ataque de {n}', 'ataque personal de {n} a {m}, así no',
  ],
  gaffe: [
    '{n} acaba de confundir millones con miles jajaja', 'el lapsus de {n} ya es trending', '{n} ha dicho "los españoles y las españolas de Portugal" 💀',
    '¿{n} ha llamado a la moderadora por otro nombre?', 'el momento de {n} va a ser meme toda la semana', 'pobre {n}, se ha quedado en blanco',
  ],
}

/** The anger wave: opinion and outrage about pension cuts, never a customer complaint. `{N}` the candidate's full name. */
export const anger = {
  openers: ['', '', 'Indignante:', 'Increíble.', 'Escuchad esto:', 'No puede ser.', 'Pero vamos a ver,', 'Me hierve la sangre,', 'Lo ha dicho en directo:'],
  claims: [
    '{N} quiere recortar las pensiones', '{N} acaba de insinuar que congelará las pensiones', 'según {N} las pensiones "no son sostenibles"',
    '{N} propone retrasar la jubilación hasta los 70', '{N} habla de "ajustar" las pensiones, o sea, bajarlas', 'a {N} le sobran los pensionistas',
    '{N} se ríe de los jubilados en directo', '{N} quiere tocar las pensiones de nuestros mayores',
  ],
  evidence: [
    'mis padres viven de su pensión', 'mi abuela vive con 700 al mes', 'cuarenta años cotizando para esto', 'los pensionistas no somos un gasto',
    'que lo escuchen todos los jubilados', 'las pensiones no se tocan', 'nuestros mayores merecen respeto', 'mi padre trabajó desde los 14',
    'sinvergüenza', 'caradura', 'así te lo digo', '',
  ],
  closers: ['', '', '', '¿y ahora qué?', 'que no se olvide en las urnas', 'a la calle con todos', 'nos vemos el domingo', 'ni un paso atrás', 'lo estáis oyendo?', 'se acabó'],
  emoji: ['😡', '😡😡', '🤬', '👎', '💢', '😠', ''],
  english: {
    openers: ['', '', 'Wow.', 'Unbelievable:', 'Listen to this:', 'Watching from abroad and', 'Yikes,'],
    claims: ['{N} wants to cut pensions', 'Spanish pensioners are furious with {N} tonight', '{N} just hinted pensions will stay frozen', '{N} says pensions are "not sustainable"', '{N} wants people to retire at 70'],
    closers: ['', 'my grandparents would be livid', 'pensions are not a luxury', "that's a campaign ender", 'the hashtag is everywhere', 'read the room'],
  },
}

/** The outage, phase by phase: a few first reports, the wave, reactions to the official reply, the calm. */
export const outage = {
  first: ['¿A alguien más se le ha caído {n}? #{tag}Caido', '¿{n} caído o es cosa mía? #{tag}Caido', 'se me acaba de ir internet, ¿{n} tiene una caída? #{tag}Caido'],
  wave: [
    '{n} caído en {city}, sin internet ni fijo #{tag}Caido', 'caída total de {n} en {city} #{tag}Caido', '{h} sin conexión desde hace {k} minutos #{tag}Caido',
    'media ciudad sin {n}, {city} incomunicada #{tag}Caido', 'el router de {n} parpadea en rojo, sin servicio #{tag}Caido', '#{tag}Caido aquí en {city} también, ni wifi ni móvil',
    'teletrabajo cancelado gracias a la caída de {n} #{tag}Caido', '{h} ¿cuándo vuelve la fibra? #{tag}Caido',
  ],
  afterReply: [
    '{h} dicen que lo están arreglando pero aquí sigue sin ir #{tag}Caido', 'al menos {n} ha dado la cara, a ver cuánto tardan #{tag}Caido',
    '{h} gracias por avisar, seguimos esperando en {city} #{tag}Caido', 'la caída de {n} ya va por la hora #{tag}Caido',
  ],
  /** What makes each report someone's own: where, since when, what it breaks for them. */
  detail: [
    '', '', 'Desde {city}.', 'Llevo {k} minutos así.', 'Ni wifi ni móvil.', 'Con el debate a punto de empezar.', 'Tengo una videollamada en 5 minutos.',
    'El router con la luz roja.', 'Mis vecinos igual.', 'Todo el barrio igual.', 'Y el teléfono de atención comunica.', 'Justo hoy.', '¿Sabéis algo?',
    'Me he tenido que bajar al bar para tener wifi.', 'Los datos del móvil tampoco van.', 'Mi hermana en {city} igual.',
  ],
  calmDetail: ['', 'Ha vuelto hace {k} minutos.', 'Al fin.', 'Ya era hora.', 'Gracias por nada.', 'Veremos cuánto dura.', 'Por lo menos han avisado.'],
  calm: ['vuelve a funcionar {n} en {city}, por fin #{tag}Caido', 'ya tengo internet otra vez, {n} restablecido #{tag}Caido', 'parece que {n} ya va, gracias {h} #{tag}Caido'],
  official: [
    'Estamos al tanto de una incidencia que afecta al servicio de {n} en varias zonas. Nuestros equipos ya trabajan en ello. Os iremos informando. #{tag}Caido',
    'Actualización: el servicio de {n} se está restableciendo de forma progresiva. Si sigues sin conexión, reinicia el router. Disculpad las molestias. #{tag}Caido',
  ],
}

/** Scripted high-risk posts: a verified personality whose brand device is a hazard. */
export const hazard = [
  '{h} exijo que revisen vuestro router: esta noche ha empezado a echar humo en el salón y lo he desenchufado de milagro 😨',
  '{h} el router de {n} se ha sobrecalentado hasta derretir la carcasa, con niños en casa. Exijo una respuesta hoy mismo 😨',
  '{h} chispas y olor a quemado en el router de {n}. Exijo que retiréis ese modelo antes de que haya un incendio',
]

/** Copy-paste campaigns: many accounts, one text, within a minute. `{n}` the entity, `{ht}` its hashtag. */
export const campaigns = [
  'Yo voto a {N} porque es la única opción seria. Compártelo si piensas igual 👉 {ht}',
  '🚨 Que nadie se calle: {N} es el único que defiende a las familias trabajadoras. Difunde {ht}',
  'He visto el debate entero y lo tengo claro: {N}. RT si tú también {ht}',
  'Me pasé a {N} y no vuelvo atrás, fibra a tope desde el primer día 🚀 {ht}',
]
export const campaignTails = ['', '', ' 🇪🇸', ' 🙌', '!!', ' 💯']
