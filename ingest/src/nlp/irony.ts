/**
 * Irony/sarcasm flag, precision first: explicit markers (#sarcasmo, #not, "yeah right"), or
 * praise words next to an eye-roll/upside-down emoji or a "again / as usual" frustration cue
 * ("genial, otra vez sin luz 🙃"). It stays quiet otherwise: a wrong flag costs more on a
 * wall than a missed one.
 */
import { CUES } from './cues.ts'
import { IRONY_HASHTAGS, IRONY_PHRASES } from './words.ts'

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
], '', ' ', '^')
const FAILURE = / (?:sin|no|nunca|ni|never|without|not|n't|nobody|nadie|still|went down|is down|goes down|caid\S*|se cae|roto|rota|broke\S*|late|tarde|retraso|delay\S*|cancel\S*|lost|perdi\S*|esperando|espera|waiting|on hold|hold music|tard\S*|averi\S*|llevo|lleva|en breve|shortly|cobr\S*|charg\S*|fee|comision\S*|sube|subida|hike|went up|mas caro|more expensive|crash\S*|error\S*|fail\S*|falla\S*|deleted|froze|frozen|closed|cerrar|cerrad\S*|losing|cola|in line|queue|outage\S*|apagon\S*|blackouts?|cortes?) /
const FRUSTRATION = CUES.add(['otra vez', 'de nuevo', 'como siempre', 'again', 'as usual', 'as always', 'once again', 'for the \\S+ time', 'por \\S+ vez'], '', ' ')

/** `mask`: the post's cue mask (cues.ts); the default runs every check. */
export function detectIrony(joined: string, raw: string, lexPositive: number, lexNegative: number, mask = -1): boolean {
  if (IRONY_HASHTAGS.test(raw)) return true
  if (PHRASES.test(joined, mask)) return true
  if (OPENER.test(joined, mask) && FAILURE.test(joined)) return true
  if (lexPositive <= 0) return false
  if (EYE_ROLL.test(raw)) return true
  return FRUSTRATION.test(joined, mask) && lexNegative === 0 && / (?:sin|no|without|not|still) /.test(joined)
}
