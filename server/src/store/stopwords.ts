// What makes a term worth showing as rising or as an alert driver, shared by both so they agree: a Spanish and
// English stop-word list (written for Pulso; accent-folded and lower-cased like the terms ClickHouse extracts), the
// entity terms to leave out, and Dunning's log-likelihood ratio (G²) for "over-represented here against there".

const ES =
  'que los las del por para con una uno unos unas como mas pero sus esta este esto estos estas estan son fue fueron ' +
  'han hay muy sin sobre todo toda todos todas nos les ese esa eso esos esas aquel cuando donde quien quienes porque ' +
  'asi tambien solo hoy ahora ayer tiene tienen tener tengo ser era eres soy somos sera estar estoy estamos estaba ' +
  'otro otra otros otras pasa paso pasado mis mio mia tus tuyo tuya suyo suya nuestro nuestra vuestro algo alguien ' +
  'nada nadie cada mismo misma mucho mucha muchos muchas poco poca menos aqui alli ahi entre hasta desde hacia contra ' +
  'segun durante tras ante bajo cual cuales cuanto hace hacer hizo hecho dice dicen decir dijo van vamos voy vas ver ' +
  'veo sido sea sean haber habia hemos has bien mal pues aun aunque entonces luego mientras tan tanto tal vez veces ' +
  'siempre nunca casi ella ellos ellas usted ustedes vosotros nosotros mio puede pueden puedo quiero quiere esto ' +
  // Speech verbs: a debate's posts narrate who speaks ('ahora habla Vidal', 'lo que digo'); they name no topic.
  'habla hablan hablar hablando hablo digo dices creo opino ' +
  'jaja jajaja jajajaja jeje xdd'
const EN =
  'the and for you with this that are was were have has had not but all his her hers they them their what who whom ' +
  'whose our ours out its from just will been can could would should about did does doing done say says said get ' +
  'got make made know think going like also only very really more most some any than then there here when where ' +
  'which while why how into over under again still even back other another same such each few too yes yeah dont ' +
  'doesnt didnt cant wont isnt arent wasnt im ive youre theyre thats whats hes shes lets see now one two your mine ' +
  'him she being because these those off talks talking speaking speaks tell telling ' +
  'lol lmao'
const NOISE = 'https http www com amp'

/** Accent-folded, lower-cased stop words of both languages (terms of three letters or more are all that is extracted). */
export const STOPWORDS: ReadonlySet<string> = new Set(`${ES} ${EN} ${NOISE}`.split(/\s+/))

/** Fold like the ClickHouse term extraction: lower case, accents off. */
export const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '')

/**
 * Entity terms to leave out: they are in every post of their entity, so they explain nothing. Words and @handles
 * only — a #hashtag that is an entity term (the brand's own #OndanetCaido) stays when it is over-represented, since
 * that is exactly the news.
 */
export function ownTerms(terms: string[]): Set<string> {
  const words = terms.flatMap((t) => fold(t).replace(/"/g, '').split(/\s+/)).filter((w) => w && !w.startsWith('#'))
  return new Set(words.flatMap((w) => [w, w.replace(/^@/, ''), `@${w.replace(/^@/, '')}`]))
}

/** Whether a term is a stop word or a (non-hashtag) entity term. */
export const excluded = (term: string, own: Set<string>) => STOPWORDS.has(term) || (!term.startsWith('#') && own.has(term))

/** Words excluded in SQL (a NOT IN list), so the row limit is spent on candidates. */
export const excludedList = (own: Set<string>) => [...STOPWORDS, ...own]

const xlnx = (x: number, e: number) => (x > 0 && e > 0 ? x * Math.log(x / e) : 0)

/**
 * Signed log-likelihood ratio G² of a term in `a` of `n1` posts here against `b` of `n2` there: positive when the
 * term's share is higher here. G² ≥ 3.84 is p < 0.05 (one degree of freedom); unlike a ratio of rates it does not
 * let a rare word beat a big shift, nor a volume surge lift every word.
 */
export function logLikelihood(a: number, n1: number, b: number, n2: number): number {
  const n = n1 + n2
  const k = a + b
  if (n1 <= 0 || n2 <= 0 || k <= 0 || k >= n) return 0
  const g = 2 * (xlnx(a, (n1 * k) / n) + xlnx(n1 - a, (n1 * (n - k)) / n) + xlnx(b, (n2 * k) / n) + xlnx(n2 - b, (n2 * (n - k)) / n))
  return a / n1 >= b / n2 ? g : -g
}

/** Share here over share there, smoothed by half a post so a term absent before gets a finite ratio. */
export const shareLift = (a: number, n1: number, b: number, n2: number) => ((a + 0.5) / Math.max(n1, 1)) / ((b + 0.5) / Math.max(n2, 1))

/** Significant at p < 0.05. */
export const MIN_G = 3.84
/** A term needs at least this many posts in the recent / spike window. */
export const MIN_POSTS = 3
