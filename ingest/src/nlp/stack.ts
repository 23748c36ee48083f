/**
 * Intent as learned and as written: the intent head's log-probabilities, plus `ruleWeight` for the class the cue
 * rules (intent.ts) chose, plus `sentWeight` × (negative − positive sentiment probability) for complaints (a
 * complaint is a post that says something fell short: its tone counts). Both weights come from the trainer's
 * cross-validation (model meta).
 */
import { INTENTS, type Intent } from '@pulso/types'

const COMPLAINT = INTENTS.indexOf('complaint')
const QUESTION = INTENTS.indexOf('question')

/** `rhetorical`: the post's only question marks close a rhetorical tag ("¿y ahora qué?", "Seriously?"): the head reads
 * the marks as a question, but the post asks nothing, so question is not a choice. */
export function stackIntent(p: ArrayLike<number>, rule: Intent, negMinusPos: number, ruleWeight: number, sentWeight: number, rhetorical = false): Intent {
  let best = 0
  let bestV = -Infinity
  for (let c = 0; c < INTENTS.length; c++) {
    if (rhetorical && c === QUESTION) continue
    let v = Math.log(Math.max(p[c], 1e-9))
    if (INTENTS[c] === rule) v += ruleWeight
    if (c === COMPLAINT) v += sentWeight * negMinusPos
    if (v > bestV) { bestV = v; best = c }
  }
  return INTENTS[best]
}
