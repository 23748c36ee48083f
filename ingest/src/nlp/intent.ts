/**
 * Intent and nature by cue phrases (es + en, written for this project), over the normalised
 * words joined by single spaces (" no funciona ", " does n't work "). Cues match at a word start
 * and may be stems (" cobr" matches cobraron/cobro). Rules rather than a trained head: there is
 * no public labelled customer-care set to learn from, and rules are easy to audit and extend.
 */
import type { Intent, Nature, SentimentLabel } from '@pulso/types'
import { CUES, type Cue } from './cues.ts'

// Every cue list registers with the shared index, which gives each one a bit: a post whose words
// carry none of a list's first words skips that list's regex (most posts match no cue at all).
const cues = (list: string[], flags = '') => CUES.add(list, flags)

const CLAIM = cues([
  'exij', 'exigimos', 'reclamo', 'reclamacion', 'hoja de reclamaciones', 'libro de reclamaciones', 'quiero (?:mi|que me devuelvan|de vuelta)',
  'devuelvan', 'devolverme', 'devolvernos', 'devuelvanme', 'devolucion de mi dinero', 'reembols', 'indemniz', 'compensacion', 'compensen', 'resarc', 'profeco', 'voy a denunciar', 'los voy a demandar',
  'i demand', 'demand a', 'i want (?:a|my) (?:refund|money|compensation|replacement)', 'refund(?!able)', 'reimburs', 'compensat', 'chargeback', 'charge back',
  'formal complaint', 'file a (?:claim|complaint)', 'filing a (?:claim|complaint)', 'money back', 'claiming (?:damages|compensation|a refund)', 'claim (?:damages|compensation)', 'i expect (?:a|my|to be)', 'give me my money',
  // Remedies and the bodies that enforce them, as the train half of the helper-written posts (w3-*) asks for them:
  // "me devolvéis el importe", "devolveme lo que me cobraste", "pagame el arreglo", "quiero que me compenséis",
  // "o voy con abogado", "Defensa del Consumidor", "give me back my $14.99", "credit my account", "my lawyer".
  'me devolv(?:eis|ais|es|as|en|an)', 'devolveme', 'devuelveme', 'devolvedme', 'pagame', 'paguenme', 'pagadme', 'compens', '(?:me|nos) (?:tienen|teneis|tenes|tienes|tiene) que (?:devolver|pagar|reponer|cambiar)',
  '(?:o|que) me devuelven', 'me devuelv(?:as|ais)',
  // Whole words where a stem would wake others ("ocu" in "ocurre", "consumo" alone in "el consumo de datos").
  'abogad', 'defensa del consumidor', 'superintendencia', 'sernac', 'indecopi', 'omic ', '(?:a|en|ante) consumo ', 'facua', 'ocu ', 'denuncia (?:en|ante)',
  'give (?:me|us) back', 'pay me back', 'credit (?:my|me|back)', 'credited back', 'lawyer', 'attorney', 'legal action', 'small claims', 'better business bureau', 'bbb', 'ombudsman', 'reporting (?:you|\\S+) to',
  // The train half of the second helper set (w4-*): "Reported X to the state utility commission", "I'm owed €400", "reverse
  // the charge" / "que me lo reversen", Colombia's PQR.
  'reported (?:you|\\S+) to', '(?:utility|utilities|public service|trade) commission', 'consumer (?:protection|affairs)', "i 'm owed", 'i am owed', 'revers', 'pqr',
  // The train half of the fourth helper set (w7-*): an escalation or a claim put in is a formal demand ("escalate claim
  // #A-44920 to a supervisor", "submitting a Delay Repay claim", "taking this to the TIO").
  'escalat(?:e|ing) (?:this|it|my|the|claim|complaint|case)', '(?:submit|submitting|submitted|put in|putting in|lodg(?:e|ing)) (?:a|an|my) (?:\\S+ ){0,2}claim', '(?:taking|take) (?:this|it) (?:to|further)',
])

const SUGGESTION = cues([
  'deberian', 'deberias', 'podrian', 'podrias',
  // Third person and impersonal: "Ondanet debería avisar por SMS…", "habría que poner más trenes"; only with a verb
  // that proposes something ("debería funcionar y no funciona" is a complaint, "tendrían que devolverme…" a claim).
  '(?:deberia|tendria|tendrian|habria) (?:que )?(?:avisar|poner|tener|añadir|agregar|incluir|ofrecer|dejar|permitir|mandar|enviar|informar|abrir|ampliar|habilitar|crear|sacar|bajar|contratar|reforzar|pensar)', 'seria (?:bueno|genial|mejor|ideal|util|increible|bueno que)', 'estaria (?:bien|bueno|genial)', 'sugier', 'sugiero', 'sugerencia',
  'propongo', 'propuesta', 'se agradeceria', 'ojala (?:agreguen|pongan|saquen|añadan|incluyan|tuvieran|hubiera)', 'por que no (?:ponen|agregan|hacen|añaden|sacan|abren|habilitan|ofrecen|incluyen|amplian|mandan|envian|dejan|poneis|añadis|abris|haceis|sacais|ofreceis)', 'les recomiendo que', 'recomendaria que', 'que tal si',
  // "should" proposes, except asking what the author should do ("how early should I get there?", w7-* train half).
  'should(?! (?:i|we) )', 'you could', 'could you (?:please )?(?:add|make|send|let|put|offer|include|allow|bring|open|extend|enable)', 'would be (?:so |really |super |more )?(?:nice|great|better|awesome|cool|helpful|useful|handy)', 'any chance (?:of|you)', 'why does n\'t \\S+ (?:let|have|offer|add)', "it 'd be", 'i suggest', 'suggestion', 'please add', 'consider (?:adding|making)',
  'why not (?:add|make|put|open|offer|include|bring|have|let|extend|enable)', 'why do n\'t you', 'hope you (?:add|bring|make)', 'wish (?:you|there was|it had)', 'how about (?:adding|a)', 'feature request',
  'would love (?:a|an|to see|it if|if)', 'would you consider', 'game ?changer', 'would make (?:it|life|things) (?:so much |a lot )?easier', 'que tal (?:mas|un|una|unos|unas) ',
  // w7-* train half: "Una idea para @LatamAirlines: …", "just a thought: …", "bring back paper bags", "pls add an option to…",
  // "¿y si abrís a las 6?".
  'una idea', 'idea para', 'just a thought', 'bring back', '(?:pls|please|plz|kindly) add', 'can you (?:please |pls )?add', 'add (?:a|an) (?:option|button|feature|setting)',
  'y si (?:abris|abren|ponen|poneis|hacen|haceis|agregan|añaden|añadis|sacan|dejan)',
])

const COMPLAINT = cues([
  'no funciona', 'no sirve', 'dejo de funcionar', 'no anda', 'no va ', 'pesim', 'peor', 'horrible', 'terrible', 'fatal', 'harto', 'harta', 'sigo esperando', 'llevo (?:\\S+ )?(?:dias|horas|semanas|meses)',
  'nadie (?:me )?(?:responde|contesta|atiende|soluciona)', 'sin (?:luz|agua|gas|calefaccion|internet|linea|cobertura|servicio|señal|respuesta|solucion)', 'roto', 'rota', 'se rompio', 'falla', 'fallo', 'lento', 'lenta', 'carisim', 'abuso', 'queja', 'me quejo',
  'cobr(?:aron|an) de mas', 'inaceptable', 'decepcion', 'vergüenza', 'verguenza', 'estafa', 'robo', 'mal servicio', 'malisim', 'una mierda', 'basura', 'no puedo',
  'does n\'t work', 'do n\'t work', 'not working', 'stopped working', 'is broken', 'broke', 'worst', 'awful', 'terrible', 'horrible', 'fed up', 'still waiting', 'no one (?:answers|responds|helps)', 'nobody (?:answers|responds|helps)',
  // A failure told as a fact, without a feeling word: a promise or a time that passed, a problem that keeps coming back.
  'llevan? (?:\\S+ )?(?:dias|horas|semanas|meses|año|años) (?:sin|esperando|parad|en reparto|de retraso)', 'ya van (?:\\S+ )?(?:dias|semanas|meses|veces)', 'todavia nada', 'aun nada', 'y nada de', 'sigue(?:n)? sin', 'otra vez sin',
  'tenia que (?:venir|llegar|estar)', '(?:me|nos) prometieron', 'ni (?:contesta|contestan|responde|responden|aparece|aparecen)',
  'still nothing', 'still no ', 'kept (?:me|us) (?:on hold|waiting)', '(?:me|nos) (?:tuvieron|tienen|dejaron) (?:\\S+ )?(?:esperando|en espera)', 'cuts out', 'keeps (?:dropping|crashing|cutting|freezing|failing)', '(?:times?|veces|vez) (?:this|este|esta) (?:week|month|year|semana|mes|año)', 'was supposed to (?:come|arrive|be)', '(?:they|you) promised',
  // A failure by count or by date ("third call today", "tercera vez que llamo", "día 5 y…", "3 cortes en una semana").
  '(?:second|third|fourth|fifth|2nd|3rd|4th|5th) (?:call|time|email|attempt|message|visit|one|request)', '(?:segunda|tercera|cuarta|quinta) (?:vez|llamada)', '(?:dia|day) \\d+ (?:y|and|sin|without|of|esperando|waiting)',
  '(?:dos|tres|cuatro|cinco|\\d+) (?:cortes|caidas|apagones) (?:en|esta|este|hoy)', 'timed out', 'times out', 'fail', 'me (?:bloquearon|bloqueo|bloquean|bloquearon)', 'locked (?:me )?out', 'is frozen',
  // Failures told without a feeling word (w4-* train half): what came instead of what was ordered, a promise dated
  // weeks ago, a thing that no longer does its job, goods spoiled or dented, being passed around.
  'no longer', 'instead of (?:the|my|a)', 'en vez de(?:l)? ', 'de otro color', 'wrong (?:size|color|colour|item|order|address|product)', '(?:that|which) was (?:\\S+ )?(?:days|weeks|months) ago', 'caducad', 'abollad', 'flicker',
  '(?:transferred|passed around|me pasaron) (?:\\S+ ){0,2}(?:\\d+|three|four|five|tres|cuatro|cinco) (?:times|veces)', 'asi no se puede', 'reported it (?:in|on|last|\\S+ (?:days|weeks|months) ago)',
  // w7-* train half: how long a failure has lasted, a wait counted in hours, food or goods that came spoiled, nobody having
  // said, "cero ganas" / "zero help".
  'for (?:\\d+|two|three|four|five|six) (?:days|weeks|months) now', '(?:has|have) been (?:\\S+ )?for (?:\\d+|two|three|four|five|six) (?:hours|days|weeks|months)',
  '(?:\\d+|two|three) (?:hours?|hrs?) (?:in the queue|in line|on hold|queuing|queueing)', 'on hold for', '(?:came|arrived) (?:cold|late|broken|damaged|open)', 'llego (?:frio|fria|tarde|rot[oa]|abiert[oa])',
  '(?:nobody|no one|noone) (?:told|mentioned|said|warned)', 'nadie (?:me |nos )?(?:aviso|avisa|dijo|informo|explico)', 'cero (?:ganas|respuesta|ayuda|empatia|informacion|solucion)', 'zero (?:help|response|info|communication|updates)',
  'overcharg', 'rip off', 'ripoff', 'scam', 'unacceptable', 'disappoint', 'useless', 'ca n\'t (?:log|connect|use|access|get)', 'wo n\'t (?:turn|start|load|charge|work)', 'complain', 'sucks', 'outrageous', 'absurd', 'ridiculous', 'garbage', 'trash',
])

const PRAISE = cues([
  'gracias', 'graciass', 'excelente', 'me encanta', 'encantad', 'genial', 'buenisim', 'recomiendo', 'felicit', 'bravo', 'lo mejor', 'los mejores', 'increible', 'maravill', 'de lujo', 'impecable', 'un crack', 'cracks', 'muy buen', 'brillante', 'bien hecho', 'que bien',
  'thank', 'thanks', 'love', 'great job', 'great service', 'amazing', 'awesome', 'excellent', 'best', 'recommend', 'kudos', 'well done', 'impressed', 'perfect', 'fantastic', 'shout out', '10/10', 'great', 'brilliant', 'so good', 'sooo good', 'good job', 'you rock',
  'grateful', 'legend', 'lifesaver', 'life saver', 'chevere', 'pura vida', 'will be (?:back|ordering again)', 'ordering again', 'agradecid',
  // w7-* train half.
  'shoutout', 'se agradece', 'credit where', '5 stars', 'mvps?', 'nice one', 'chapeau', 'que bonito', 'made (?:my|our) (?:day|night|week|trip)',
])

// Questions that report a failure: a complaint however it is phrased ("¿por qué llevo 3 días sin internet?", issue 15).
// Openers that only an annoyed customer uses ("¿hasta cuándo…?", "how many more times…", "is it normal that…"),
// written from our own posts and the ways people ask these, not from any evaluation set.
const COMPLAINT_QUESTION = cues([
  'como puede ser', 'como es posible', 'hasta cuando', 'cuantas veces (?:mas )?(?:tengo|tenemos|hay|voy|vamos)', 'es normal que', 'les parece normal', 'te parece normal', 'os parece normal',
  'alguien (?:de \\S+ )?(?:me |nos )?(?:va|van) a (?:decir|explicar|responder|contestar|atender|solucionar|devolver)', 'cuando (?:piensan|pensais|van a|vais a) (?:devolver|arreglar|solucionar|responder|contestar|reparar|reembolsar)',
  'que (?:tengo|tenemos|hay) que hacer para que', 'por que (?:siempre|nunca|otra vez|cada vez|sigo|seguimos|llevo|llevamos|me cobr|nos cobr|no me|no nos|tengo que|tenemos que|tardan|tarda)', 'de verdad (?:tengo|tenemos|hay) que', 'a que esperan',
  'how (?:many more|many) times (?:do|must|will|have)', 'how (?:does|do|can|could) (?:a|an|my|the|it|you) [^?]*(?:take|lose|cancel|charge)', 'how is it possible', 'how hard is it to', 'how long (?:do|does|must|will) (?:i|we) (?:have to )?(?:wait|keep)',
  'what do (?:i|we) have to do to', 'can (?:someone|somebody|anyone) (?:explain|tell me) why', 'is it normal (?:for|that)', 'is this normal', 'do (?:i|we) really have to', 'why (?:do|does|is|are|did|was) (?:i|we|my|our|it|the|this|your) [^?]*(?:still|again|always|never|every time)',
  'why (?:do|must) (?:i|we) have to', '(?:is|are) (?:anyone|anybody|someone|you) (?:at|from|in) [^?]* going to', 'when (?:are|will) you (?:going to )?(?:fix|refund|answer|respond|reply|repair|give me)', 'why (?:ca|wo|does|do|is|did) n\'t',
  // Outrage and what-is-the-point questions (train half of w3-*): "wtf @X why is my account frozen??", "¿Para qué sirve la
  // cita entonces?", "¿Lo hacen a propósito?".
  'wtf', 'wth', 'ffs', 'para que sirve', 'what \'s the point', 'what is the point', 'a proposito', 'on purpose', 'in what world', 'en que mundo',
])

// Asking what to do should something happen ("what do I do if my card gets stolen?", "¿qué pasa si no pago a tiempo?"):
// a question, however grim the case it imagines (w4-* train half: the head read these as complaints).
const HYPOTHETICAL = cues([
  'what (?:do|should|can|would) (?:i|we) do if', 'what happens (?:if|when)', 'how do (?:i|we) [^?]* if (?:i|we|my|our) (?:ever )?', 'in case (?:i|my|we|our)', 'just in case', 'asking before', 'want to be prepared', 'if (?:i|we) (?:cancel|change|miss|return|book)',
  // …or what to do at all ("how early should I get to St Pancras?", w7-* train half: the head, whose training proposals
  // say "should", read it as one).
  '(?:when|what time|how (?:early|late|long|much|many)|where|which \\S+|what) should (?:i|we)',
  'que (?:hago|hacemos|tengo que hacer|debo hacer) (?:si|cuando|en caso)', 'que pasa (?:si|cuando)', 'en caso de que', 'por si acaso', 'lo peor que (?:pasa|puede pasar) si',
])

/** Does a question ask what to do should something happen (HYPOTHETICAL)? */
export const asksHypothetically = (joined: string, mask = ALL_CUES): boolean => HYPOTHETICAL.test(joined, mask)

const QUESTION_START = CUES.add(['cuando', 'donde', 'por que', 'cual', 'cuales', 'quien', 'quienes', 'cuanto', 'cuanta', 'cuantos', 'alguien', 'saben', 'sabe', 'se puede', 'puedo', 'pueden', 'tienen', 'how', 'what', 'when', 'where', 'why', 'who', 'which', 'is there', 'are there', 'can i', 'can you', 'does', 'do you', 'do i', 'is it', 'anyone', 'any idea'], '', '(?: |$)', '^')

// Physical hazards told (fire, smoke, sparks, overheating, a shock): safety cues, and more (toldHazard below).
const HAZARDS = ['explot', 'explod', 'incendi', 'fuego', 'quem', 'humo', 'chispa', 'electrocut', 'electric shock', 'sobrecalent', 'sobrecalient', 'overheat', 'smok', 'burn', 'sparks', 'melt', 'derriti']

const NATURE_CUES: [Nature, Cue][] = [
  ['safety', cues([...HAZARDS, 'peligr', 'intoxic', 'riesgo', 'lesion', 'herid', 'descarga', 'danger', 'unsafe', 'hazard', 'fire', 'injur', 'recall', 'poison', 'toxic', 'chok', 'hospital'], 'g')],
  ['claims_handling', cues(['(?:mi|el|su|del|la) (?:reclamo|reclamacion|queja|caso|ticket|expediente|solicitud|tramite)', '(?:mi|el|su|del|la) numero de reclamo', 'numero de (?:reclamo|caso|ticket|queja)', 'ticket', 'expediente', 'caso (?:#|n|numero)', 'cerraron (?:mi|el)', 'rechaz', 'reembolso (?:que|pendiente|prometido|aprobado)', 'sin respuesta a mi', 'respuesta a mi (?:reclamo|queja)', 'hace (?:\\S+ )?(?:dias|semanas|meses) (?:que )?(?:reclame|puse|hice)',
    '(?:my|the) (?:claim|case|ticket|complaint|dispute)', '(?:my|the) refund request', 'case (?:#|number|no)', 'claim (?:#|number|no)', 'closed my', 'denied', 'rejected', 'still (?:no|waiting for (?:my|a|the)) (?:refund|response|answer|reply)', 'escalat', 'follow(?:ed)? up', 'reference number'], 'g')],
  // "pay / pagar" alone says money moves, not that a price is the problem ("Can't pay my rent"): only with more/extra/for.
  ['price', cues(['precio', 'permanencia', 'caro', 'cara ', 'carisim', 'tarifa', 'cobr', 'factura', 'cargo', 'comision', 'subida', 'aumento', 'pague (?:de mas|mas|demasiado)', 'pagar (?:de mas|mas)', 'euros', 'pesos', 'dolares', 'plata', 'mensualidad', 'cuota', 'suscripcion', 'promocion', 'descuento', 'oferta',
    'price', 'pricing', 'expensive', 'overpriced', 'charg', 'fee', 'bill', 'cost', 'pay (?:more|extra|too much|for)', 'paid (?:more|extra|too much|for)', 'subscription', 'rate hike', 'dollars', 'discount', 'promo', '\\$'], 'g')],
  ['after_sales', cues(['atencion al cliente', 'servicio al cliente', 'servicio tecnico', 'soporte', 'garantia', 'tecnico', 'call center', 'agente', 'asesor', 'operador', 'colgaron', 'en espera', 'sucursal', 'tienda', 'entrega', 'envio', 'pedido', 'paquete', 'repartidor', 'instalacion', 'reparacion', 'nadie (?:me )?(?:responde|contesta|atiende)', 'chat',
    'customer (?:service|care|support)', 'support', 'warranty', 'technician', 'agent', 'rep ', 'hung up', 'on hold', 'delivery', 'deliver', 'shipping', 'shipped', 'order', 'package', 'store', 'repair', 'install', 'no one (?:answers|responds|helps)', 'nobody (?:answers|responds|helps)', 'callback', 'call back', 'courier'], 'g')],
  ['performance', cues(['lent', 'tarda', 'demora', 'se traba', 'trabad', 'se cuelga', 'se congela', 'congelad', 'bateria', 'señal', 'cobertura', 'velocidad', 'caid', 'se cae', 'intermit', 'se corta', 'cortes', 'megas', 'latencia', 'rendimiento', 'sin (?:internet|señal|servicio|luz|conexion)', 'retraso', 'imposible trabajar', 'va a pedales', 'qued\\S* pensando',
    'slow', 'crawl', 'lag', 'freez', 'battery', 'signal', 'coverage', 'speed', 'outage', 'is down', 'went down', 'keeps dropping', 'dropping', 'drops (?:to (?:nothing|zero)|out)', 'buffer', 'latency', 'crash', 'performance', 'mbps', 'takes forever', 'loading', 'without (?:internet|signal|service|power)', 'delay', 'no signal', 'no (?:internet|connection)'], 'g')],
  ['product_failure', cues(['no funciona', 'dejo de funcionar', 'no sirve', 'roto', 'rota', 'se rompio', 'rompi', 'defect', 'falla', 'fallo', 'averia', 'averiad', 'no enciende', 'no prende', 'no carga', 'pantalla', 'vino mal', 'llego mal', 'danad', 'descompuest', 'error',
    'broken', 'broke', 'does n\'t work', 'not working', 'stopped working', 'defective', 'faulty', 'wo n\'t turn on', 'dead', 'cracked', 'malfunction', 'error', 'glitch', 'bug', 'damaged', 'arrived damaged'], 'g')],
]

// A failure the post says was put right ("lost my bag but they found it… Great service"): thanks for the fix are praise,
// and the praise is sincere (irony.ts). Three ways to say it: a fix after "but / and / then", a fix told as done ("the
// outage was fixed in under an hour", not "never got fixed"), a refund received ("got my refund in 2 days").
const FIXED_AFTER = / (?:but|pero|y|and|then|luego) (?:\S+ ){0,4}(?:found|fixed|solved|resolved|sorted|refunded|replaced|encontr\S*|arregl\S*|solucion\S*|resolvi\S*|devolvi\S*|repusi\S*|cambiaron)/.source
const FIXED_DONE = /(?<!(?:n't|not|never|no|nunca) )(?:was|were|got|has been|have been) (?:\S+ )?(?:fixed|solved|resolved|sorted|refunded|replaced)/.source
const REFUNDED = /(?<!(?:n't|not|never|no|nunca|yet) )got (?:my|the|a|our) (?:refund|money back)|refund (?:was|came|arrived) (?:instant|quick|fast|processed|in|within|the same)|(?:recibi|me devolvieron) (?:el |mi )?(?:reembolso|dinero)/.source
const PUT_RIGHT = new RegExp(`${FIXED_AFTER}|${FIXED_DONE}|${REFUNDED}`)
// A fix that did not hold is the failure again: "it was fixed for two hours, then broke again", "lo arreglaron y a
// las dos horas otra vez sin internet". Read only after the fix ("broke again but they fixed it" was put right); the
// joined words have no digits, so "refunded in 2 days" reads " in days " and is no relapse.
const RELAPSE = /^ (?:only )?(?:for|during|lasted|durante|por|solo por|duro) (?:\S+ )?(?:hours?|days?|minutes?|horas?|dias?|minutos?) | (?:again|otra vez|de nuevo|volvi\S* a|back to square one|same (?:problem|issue)|mismo problema)(?= )/
export function saysPutRight(joined: string): boolean {
  const m = PUT_RIGHT.exec(joined)
  return m !== null && !RELAPSE.test(joined.slice(m.index + m[0].length))
}

// A physical hazard told: the stacked head must not talk a care team out of it (stack.ts). Narrower than the safety
// nature's cues, which also name hospitals, risks and recalls, and a bare "fire" ("fire it up").
const HAZARD = new RegExp(` (?:${HAZARDS.join('|')}|caught fire|(?:a|the|on) fire(?! up)|descarga electrica)`)
export const toldHazard = (joined: string): boolean => HAZARD.test(joined)

/** Does `joined` (" word word ") carry complaint wording ("no funciona", "still waiting", "sin internet")? */
export const saysComplaint = (joined: string, mask = ALL_CUES): boolean => COMPLAINT.test(joined, mask)

/** Mask that runs every cue list: for callers without per-word masks. */
export const ALL_CUES = -1

export interface IntentResult {
  intent: Intent
  nature: Nature | null
}

/**
 * Question tags that ask nothing ("¿en serio?", "¿lo estáis oyendo?", "seriously?", "can you believe it?"): the
 * outraged or sarcastic close of a statement. Only the whole tag counts ("¿en serio no hay otra tarifa?" still asks).
 * Not listed: tags that ask for confirmation ("…, ¿verdad?", "…, right?", "¿no?") or for what to do next ("¿y ahora
 * qué?", "now what?": "I forgot my passcode. Now what?" asks for help).
 */
const RHETORICAL = /[¿¡]*\s*(?:en serio|de verdad|es (?:en )?serio|es broma|me explico|(?:lo|los|la|las) est[aá]is (?:oyendo|viendo)|lo est[aá]n (?:oyendo|viendo)|os lo pod[eé]is creer|se lo pueden creer|can you believe (?:it|this|that)|are you (?:hearing|seeing) this|what'?s next|seriously|really|are you (?:kidding|serious)(?: me)?|is this a joke|you'?re kidding)\s*[?!]*\?[?!]*/giu

// "¿Y ahora qué?" / "now what?" asks for help on its own ("I forgot my passcode. Now what?", BANKING77), but after an
// insult or an angry face it is outrage, not a request: rhetorical only beside one of these.
const WHAT_NOW = /[¿¡]*\s*(?:y ahora qu[eé]|(?:and )?now what)\s*[?!]*\?[?!]*/giu
const OUTRAGE = /😡|🤬|😤|sinverg[üu]enza|verg[üu]enza|vergonzoso|indignante|a disgrace|disgraceful|shameful|outrageous/iu

/** A tag glued to a word ("serio?" in "muy serio?") is not one; offsets are in the string being replaced. (At module
 * level: under keepNames a closure made per call costs a __name() call.) */
const LETTER = /[\p{L}\p{N}]/u
const tag = (m: string, offset: number, text: string) => (LETTER.test(text[offset - 1] ?? '') ? m : ' ')

/** Does the post ask something: a ? or ¿ outside rhetorical tags. */
export function asksQuestion(raw: string): boolean {
  if (!raw.includes('?') && !raw.includes('¿')) return false
  let rest = raw.replace(RHETORICAL, tag)
  if (OUTRAGE.test(raw)) rest = rest.replace(WHAT_NOW, tag)
  return rest.includes('?') || rest.includes('¿')
}

/**
 * `joined`: " " + normalised words + " "; `questionMark`: the post asks something (asksQuestion).
 * Precedence: a formal demand beats everything (it is what care teams must answer first),
 * then suggestions, complaints, questions, praise.
 */
export function classifyIntent(joined: string, questionMark: boolean, sentiment: SentimentLabel, score: number, mask = ALL_CUES): IntentResult {
  let intent: Intent = 'other'
  // Thanks for a failure put right; a refund received ("got my refund in 2 days, impressed") demands nothing.
  const thanksForFix = PRAISE.test(joined, mask) && saysPutRight(joined)
  if (CLAIM.test(joined, mask) && !thanksForFix) intent = 'claim'
  else if (SUGGESTION.test(joined, mask)) intent = 'suggestion'
  else if (thanksForFix) intent = 'praise'
  else if (COMPLAINT.test(joined, mask) && sentiment !== 'positive') intent = 'complaint'
  else if (questionMark || QUESTION_START.test(joined, mask))
    intent = !HYPOTHETICAL.test(joined, mask) && ((sentiment !== 'positive' && COMPLAINT_QUESTION.test(joined, mask)) || (sentiment === 'negative' && score < -0.5 && natureOf(joined, mask))) ? 'complaint' : 'question'
  else if (PRAISE.test(joined, mask) && score > -0.3) intent = 'praise'
  else {
    // No explicit complaint wording, but a problem is named: failures, slowness, claim handling
    // and hazards are complaints unless the post is clearly happy; price and service mentions
    // ("la tienda nueva", "the price is") need a negative tone too.
    const n = natureOf(joined, mask)
    if (n && (n === 'price' || n === 'after_sales' ? score < -0.1 : score < 0.5)) intent = 'complaint'
  }
  if (intent !== 'complaint' && intent !== 'claim') return { intent, nature: null }
  return { intent, nature: natureOf(joined, mask) ?? (intent === 'claim' ? 'claims_handling' : 'product_failure') }
}

/** The nature with most cue hits; ties go to the earlier (more urgent) one in NATURE_CUES. */
export function natureOf(joined: string, mask = ALL_CUES): Nature | null {
  let best: Nature | null = null
  let bestHits = 0
  for (const [nature, cue] of NATURE_CUES) {
    const hits = cue.count(joined, mask)
    if (hits > bestHits) { best = nature; bestHits = hits }
  }
  return best
}
