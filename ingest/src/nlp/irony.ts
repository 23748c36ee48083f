/**
 * Irony/sarcasm flag, precision first: explicit markers (#sarcasmo, #not, "yeah right"), or
 * praise words next to an eye-roll/upside-down emoji or a "again / as usual" frustration cue
 * ("genial, otra vez sin luz 🙃"). It stays quiet otherwise: a wrong flag costs more on a
 * wall than a missed one.
 */
import { CUES } from './cues.ts'
import { IRONY_HASHTAGS, IRONY_PHRASES } from './words.ts'
import { saysPutRight } from './intent.ts'

const EYE_ROLL = /[🙄🙃😒]/u
// All stock phrases in one regex: one scan of the post instead of one per phrase; registered
// with the cue index so posts without any phrase's first word skip the scan (cues.ts).
const PHRASES = CUES.add(IRONY_PHRASES, '', ' ')
// A post that opens with praise and then reports a failure: "Genial, otra vez sin app", "Love paying more for
// internet that doesn't work". Both halves are needed: praise alone or a failure alone is sincere. No "good news"
// openers: good news is mostly a problem gone ("Great news, no more fees"), and "no" / "fee" count as failures.
const OPENER = CUES.add([
  'genial', 'perfecto', 'estupend[oa]', 'fantastico', 'maravillos[oa]', 'que (?:maravilla|bien|bonito|gusto|lujo|suerte|alegria|detalle|rapidez|puntualidad|servicio tan|eficien\\S*)', 'lo mejor de (?:mi|la|el) (?:dia|semana|mes|ano|manana|finde)', 'menud[oa] (?:crack|genio|maquina|lujo|eficiencia)', 'tranquil[oa]s que solo', 'qu[eé] servicio tan', 'bravo', 'enhorabuena',
  'gracias', 'muchas gracias', 'me encanta', 'excelente', 'increible', 'super util', 'nada como', 'premio a', 'que eficientes',
  'great', 'perfect', 'wonderful', 'fantastic', 'amazing', 'awesome', 'lovely', 'nice', 'brilliant', 'congrats', 'congratulations', 'thanks', 'thank you', 'love', 'i love', 'i just love',
  'so glad', 'glad', 'lucky me', 'cool', 'stellar', 'genius', 'excellent', 'super helpful', 'what a (?:treat|joy|luxury|fantastic|brilliant|debate)', 'wow what', 'so efficient', 'such punctual',
  'nothing (?:like|better than)', 'best part of my (?:day|week|morning)', 'five stars', 'oh (?:good|wonderful|sure|perfect|nice)', 'ah (?:pues )?que bien', 'vaya lujo',
  // From the misses on the train half of helper-written posts (posts.jsonl w3-*): Mexican "qué padre", the Latin
  // American "felicitaciones", "shout out to X for…", "nothing says premium like…", "oh fantastic, …".
  'que padre', 'felicitaciones', 'felicidades', 'shout ?out to', 'nothing says', 'oh (?:fantastic|great|lovely|brilliant|joy|yay)', 're bien', 'muy bonito',
  // w7-* train half: "Aplausos a @X por perder mi maleta…", "Súper práctico el nuevo portal…, solo tuve que intentarlo 14 veces".
  'aplausos', 'super practic[oa]',
], '', ' ', '^')
// The same praise as a sign-off after the failure: "…se cae justo al final. Un genio el que diseñó esto", "…sin avisar.
// Excelente servicio 👌", "…otra mañana perdida" after "Genial,". Read on the raw text's last sentence (the joined
// words have no sentence ends), a short one opening with praise; a failure must be told too, as for the opener.
export const SIGN_OFF = /(?:^|[.!?…\n]\s*)[¡¿"'(\s]*(?:genial|perfecto|estupendo|fant[aá]stico|excelente|impecable|brillante|bravo|chap[oó]|ol[eé]|(?:qu[eé] )?maravilla|(?:un|unos|una) (?:genio|genios|crack|cracks|lujo)|cracks|as[ií] da gusto|plan perfecto|great|perfect|wonderful|fantastic|amazing|awesome|lovely|brilliant|excellent|impressive|genius|talent|love (?:it|that)|truly|so thoughtful|super thoughtful|very convenient|well done|good job|great job|10\/10|five stars|muy bonito|claro que s[ií]|aplausos|premium experience|todo un logro)(?![\p{L}\p{N}])[^.!?…\n]{0,40}[.!?…\s\p{Extended_Pictographic}\u{FE0F}]*$/iu
// SIGN_OFF tried once, where a match has to start: the last sentence mark before the trailing marks, spaces and emoji
// (or the start when there is none). Whatever follows the praise word up to those trailing marks holds no sentence
// mark, so a match starting earlier has only spaces and line breaks from there to the praise, and one starting at
// the last mark reads the same. The unanchored regex tried every position of the post (1.5% of the analyser's time).
const SIGN_OFF_AT = new RegExp(SIGN_OFF.source, SIGN_OFF.flags + 'y')
const TAIL_CHAR = /^[.!?…\s\p{Extended_Pictographic}\u{FE0F}]$/u
const isMark = (c: number) => c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 10

/** Same as SIGN_OFF.test(text). */
export function signsOff(text: string): boolean {
  // Start of the trailing run of SIGN_OFF's last class (code points, as the regex reads them).
  let e = text.length
  while (e > 0) {
    const c = text.charCodeAt(e - 1)
    const pair = c >= 0xdc00 && c <= 0xdfff && e > 1 && (text.charCodeAt(e - 2) & 0xfc00) === 0xd800
    const tail = c < 128 ? c === 32 || (c >= 9 && c <= 13) || c === 46 || c === 33 || c === 63 : TAIL_CHAR.test(text.slice(pair ? e - 2 : e - 1, e))
    if (!tail) break
    e -= pair ? 2 : 1
  }
  let s = e - 1
  while (s >= 0 && !isMark(text.charCodeAt(s))) s--
  SIGN_OFF_AT.lastIndex = Math.max(0, s)
  return SIGN_OFF_AT.test(text)
}
const FAILURE = / (?:sin|no|nunca|ni|never|without|not|n't|nobody|nadie|still|went down|is down|goes down|caid\S*|se cae|roto|rota|broke\S*|late|tarde|retraso|delay\S*|cancel\S*|lost|perd(?:i|er)\S*|esperando|espera|waiting|on hold|hold music|tard\S*|averi\S*|cay(?:o|eron)|llevo|lleva|en breve|shortly|cobr\S*|charg\S*|fee|comision\S*|sube|subida|hike|went up|mas caro|more expensive|crash\S*|error\S*|fail\S*|falla\S*|deleted|froze|frozen|closed|cerrar|cerrad\S*|losing|cola|in line|queue|outage\S*|apagon\S*|blackouts?|cortes?|twice|nowhere|timed out|throttl\S*|flicker\S*|demor\S*|rot[oa]s|bloque\S*|stuck|atascad\S*|wrong|equivocad\S*|missing|empty|vaci[oa]|gives? up|and counting|y contando|rais\S* (?:the |my |our )?(?:price|rate|bill|fee)\S*|transferred \S+ times|sub(?:en|ieron)|(?:\d+|tres|cuatro|cinco|diez) (?:veces|times|intentos|attempts|tries)) /
const FRUSTRATION = CUES.add(['otra vez', 'de nuevo', 'como siempre', 'again', 'as usual', 'as always', 'once again', 'for the \\S+ time', 'por \\S+ vez'], '', ' ')

/** Does the post tell a failure (the second half of a sarcastic opener or sign-off)? */
export const toldFailure = (joined: string): boolean => FAILURE.test(joined)

/** `mask`: the post's cue mask (cues.ts); the default runs every check. */
export function detectIrony(joined: string, raw: string, lexPositive: number, lexNegative: number, mask = -1): boolean {
  // The markers are hashtags and the eye-rolls are astral emoji (high surrogate \uD83D): most posts have neither.
  if (raw.includes('#') && IRONY_HASHTAGS.test(raw)) return true
  if (PHRASES.test(joined, mask)) return true
  if ((OPENER.test(joined, mask) || signsOff(raw)) && FAILURE.test(joined) && !saysPutRight(joined)) return true
  if (lexPositive <= 0) return false
  if (raw.includes('\uD83D') && EYE_ROLL.test(raw)) return true
  return FRUSTRATION.test(joined, mask) && lexNegative === 0 && / (?:sin|no|without|not|still) /.test(joined)
}
