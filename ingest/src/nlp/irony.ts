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
const FRUSTRATION = CUES.add(['otra vez', 'de nuevo', 'como siempre', 'again', 'as usual', 'as always', 'once again', 'for the \\S+ time', 'por \\S+ vez'], '', ' ')

/** `mask`: the post's cue mask (cues.ts); the default runs every check. */
export function detectIrony(joined: string, raw: string, lexPositive: number, lexNegative: number, mask = -1): boolean {
  if (IRONY_HASHTAGS.test(raw)) return true
  if (PHRASES.test(joined, mask)) return true
  if (lexPositive <= 0) return false
  if (EYE_ROLL.test(raw)) return true
  return FRUSTRATION.test(joined, mask) && lexNegative === 0 && / (?:sin|no|without|not|still) /.test(joined)
}
