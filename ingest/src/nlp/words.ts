/**
 * Small closed-class word lists (written for this project): negators, intensifiers and the
 * function words used to tell Spanish from English. All normalised (lower case, no accents).
 */
export const NEGATORS = new Set([
  // es
  'no', 'nunca', 'jamas', 'ni', 'nada', 'nadie', 'tampoco', 'sin', 'ningun', 'ninguno', 'ninguna',
  // en (wink-nlp splits "don't" into "do" + "n't", "dont" into "do" + "nt"; the UMSAB posts spell the
  // apostrophe as a literal "\u2019" escape, so "don\u2019t" arrives as "don" + "\" + "u2019t")
  'not', "n't", 'nt', 'u2019t', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'without', 'cannot', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'cant', 'wont', 'aint',
])

/** Words that end a negation scope early (contrast). Punctuation also ends it. */
export const SCOPE_BREAKERS = new Set(['pero', 'sino', 'aunque', 'but', 'however', 'although', 'though',
  // a comma written as the literal escape "\u002c" (UMSAB en) ends a scope like a real comma (the "\" does not)
  'u002c'])

/** Words that start a new clause about someone else (per-entity sentiment, targets.ts): "X arrasó mientras Y…". */
export const CONTRAST = new Set(['pero', 'sino', 'mientras', 'aunque', 'cambio', 'contrario', 'but', 'while', 'whereas', 'although', 'though', 'however', 'unlike', 'meanwhile', 'yet'])

/** Negation reaches this many following words at most. */
export const NEGATION_SCOPE = 3

export const INTENSIFIERS = new Map<string, number>([
  ['muy', 1.5], ['mucho', 1.4], ['muchisimo', 1.8], ['super', 1.6], ['re', 1.3], ['tan', 1.4], ['bastante', 1.2], ['demasiado', 1.5], ['totalmente', 1.5], ['realmente', 1.3], ['mega', 1.6], ['lo mas', 1.5],
  ['very', 1.5], ['so', 1.4], ['really', 1.4], ['extremely', 1.8], ['totally', 1.5], ['too', 1.3], ['absolutely', 1.6], ['incredibly', 1.7], ['super', 1.6], ['most', 1.3], ['truly', 1.4], ['fucking', 1.6],
  // diminishers
  ['poco', 0.6], ['algo', 0.7], ['medio', 0.7], ['un poco', 0.6], ['slightly', 0.6], ['somewhat', 0.7], ['kinda', 0.7], ['bit', 0.7], ['little', 0.7],
])

/** Frequent function words; each hit is a vote for its language. Shared words ("no", "a") are left out. */
export const STOP_ES = new Set(
  'de la que el en y los se del las por un para con una su al lo como mas pero sus le ya o fue este ha si porque esta son entre cuando muy sin sobre tambien me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mi antes algunos que unos yo otro otras otra el tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros mis tu te ti tus ellas nosotras vosotros os mio mia tuyo suyo nuestro esta estan estoy eres es soy somos ser hoy ahora asi aqui bien gracias hola dia vez tiene tengo hace hacer va voy'.split(' '),
)
export const STOP_EN = new Set(
  "the and of to is in it you that was for on are with as i his they be at one have this from or had by but what some we can out other were all there when up use your how said an each she which do their time if will way about many then them would so these her him has more could go come did my than who its now people been could just me get got like know dont im really about after where why very our should".split(' '),
)

/** Irony / sarcasm markers: explicit hashtags, and stock phrases (normalised, matched on whole words). */
export const IRONY_HASHTAGS = /#(?:ironia|ironía|sarcasmo|sarcasm|irony|not|notreally|yeahright)(?![\p{L}\p{N}_])/iu
export const IRONY_PHRASES = [
  'yeah right', 'sure jan', 'como no', 'que sorpresa', 'what a surprise', 'just what i needed', 'lo que me faltaba', 'gracias por nada', 'thanks for nothing', 'love waiting', 'me encanta esperar', 'oh great', 'oh genial', 'oh wow thanks', 'justo lo que necesitaba',
  // w7-* train half: "10/10 would wait on hold for 2 hours again", "a snail with a backpack would get my parcel here faster".
  '10/10 would', 'a snail (?:\\S+ ){0,4}(?:would|could)',
]
