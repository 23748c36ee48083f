/**
 * Intent as learned and as written: the intent head's log-probabilities, plus `ruleWeight` for the class the cue
 * rules (intent.ts) chose, plus `sentWeight` × (negative − positive sentiment probability) for complaints (a
 * complaint is a post that says something fell short: its tone counts). Both weights come from the trainer's
 * cross-validation (model meta).
 */
import { INTENTS, type Intent, type SentimentLabel } from '@pulso/types'
import { ALL_CUES, asksHypothetically, saysPutRight, toldHazard } from './intent.ts'

const COMPLAINT = INTENTS.indexOf('complaint')
const QUESTION = INTENTS.indexOf('question')
const PRAISE = INTENTS.indexOf('praise')

/** `rhetorical`: the post's only question marks close a rhetorical tag ("¿y ahora qué?", "Seriously?"): the head reads
 * the marks as a question, but the post asks nothing, so question is not a choice. */
export function stackIntent(p: ArrayLike<number>, rule: Intent, negMinusPos: number, ruleWeight: number, sentWeight: number, rhetorical = false, noPraise = false): Intent {
  let best = 0
  let bestV = -Infinity
  for (let c = 0; c < INTENTS.length; c++) {
    if (rhetorical && c === QUESTION) continue
    if (noPraise && c === PRAISE) continue
    let v = Math.log(Math.max(p[c], 1e-9))
    if (INTENTS[c] === rule) v += ruleWeight
    if (c === COMPLAINT) v += sentWeight * negMinusPos
    if (v > bestV) { bestV = v; best = c }
  }
  return INTENTS[best]
}

export interface IntentContext { rulesDecide: boolean; rhetorical: boolean; noPraise: boolean }

/**
 * What decides between the head and the rules besides their scores, the same at run time (index.ts) and in the
 * trainer's cross-validation. `asks`: the post asks something (asksQuestion), as the rules were given it.
 * - `rulesDecide`: the rules' reading stands, however sure the head is of something else, for a formal demand for a
 *   remedy (a claim: the queue's most urgent kind, and the claim cues are specific), for a proposal ("Ondanet debería
 *   avisar por SMS cuando hay incidencias 🙏" was a complaint to the head, for its emoji and "incidencias"; "¿Por qué no
 *   abren los sábados?" a question), for thanks for a failure put right ("lost my card but they replaced it… Great
 *   service!": praise) and for asking what to do should something happen ("what do I do if my card gets stolen?": a
 *   question). 5-fold CV on the project-written train rows: 0.811 → 0.819 with the last two and the claim, 0.802 →
 *   0.814 (complaint-vs-rest 0.849 → 0.856) with the proposal. Also for a hazard told without praise ("sale humo del
 *   enchufe del router" was a proposal to the head, "the router caught fire last night" praise): the one post a care
 *   team must see first (toldHazard; not when it reads positive).
 * - `rhetorical`: the post's question marks only close a rhetorical tag ("¿y ahora qué?", "Seriously?").
 * - `noPraise`: it reads negative and the rules do not call it praise (a burning router "🔥🔥🔥" was praise to the head,
 *   whose training posts use the emoji for "great"; CV-neutral).
 */
export function intentContext(raw: string, joined: string, rule: Intent, asks: boolean, label: SentimentLabel, mask = ALL_CUES): IntentContext {
  return {
    rulesDecide: rule === 'claim' || rule === 'suggestion' || (rule === 'praise' && saysPutRight(joined)) || (rule === 'question' && asksHypothetically(joined, mask)) || (rule === 'complaint' && label !== 'positive' && toldHazard(joined)),
    rhetorical: rule !== 'question' && !asks && (raw.includes('?') || raw.includes('¿')),
    noPraise: label === 'negative' && rule !== 'praise',
  }
}

/** The intent: the rules' own where they decide alone (intentContext), else the head stacked with the rules and the tone. */
export function chooseIntent(p: ArrayLike<number>, rule: Intent, ctx: IntentContext, negMinusPos: number, ruleWeight: number, sentWeight: number): Intent {
  return ctx.rulesDecide ? rule : stackIntent(p, rule, negMinusPos, ruleWeight, sentWeight, ctx.rhetorical, ctx.noPraise)
}
