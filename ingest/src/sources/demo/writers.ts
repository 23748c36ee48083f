/**
 * Turns the phrase banks into post texts: pick the parts, fill the slots, add emoji and hashtags, roughen. Kept apart
 * from the generator so the stream's timing (generator.ts) and its language (here) can change independently.
 */
import type { Entity } from '@pulso/types'
import { escapeRegExp } from '../../text.ts'
import * as B from './brand.ts'
import type { Composer } from './compose.ts'
import * as D from './debate.ts'
import * as S from './story.ts'

export type Lang = 'es' | 'en'
type Mood = keyof typeof D.claimsEs
const keepName = (text: string, e: Entity) => text.replace(new RegExp(escapeRegExp(e.name), 'gi'), e.name)
const angryOf = (kind: string) => !['praise', 'question', 'other', 'suggestion'].includes(kind)

const MOODS: [Mood, number][] = [['positive', 27], ['negative', 33], ['neutral', 22], ['question', 10], ['suggestion', 8]]

export function createWriters(c: Composer) {
  const weighted = <T>(xs: [T, number][]): T => {
    let r = c.rand() * xs.reduce((s, [, w]) => s + w, 0)
    for (const [x, w] of xs) if ((r -= w) < 0) return x
    return xs[xs.length - 1][0]
  }
  const slots = () => ({ city: c.pick(D.cities), k: String(c.int(2, 48)), ref: `${c.pick(['#', 'nº ', 'RC-', ''])}${c.int(100_000, 999_999)}` })
  const tagOf = (e: Entity) => e.terms.find((t) => t.startsWith('#')) ?? ''
  // Media and personalities (`full`) write carefully; everyone else types on a phone.
  const finish = (text: string, lang: Lang, full = false) => (full ? text : c.roughen(text, lang))

  return {
    /** An ordinary debate post: opener + claim about a candidate and topic + evidence + emoji + hashtag. */
    debate(e: Entity, lang: Lang, full: boolean): string {
      const mood = weighted(MOODS)
      const es = lang === 'es'
      const topic = c.pick(es ? D.topicsEs : D.topicsEn)
      const claim = c.fill(c.pick((es ? D.claimsEs : D.claimsEn)[mood]), e, { t: topic, ...slots() }, full)
      const evidence = c.fill(c.pick(es ? D.evidenceEs : D.evidenceEn), e, slots())
      const tag = c.chance(0.3) ? c.pick(D.debateTags) : c.chance(0.08) ? tagOf(e) : ''
      return finish(c.join(c.pick(es ? D.openersEs : D.openersEn), evidence ? `${claim}, ${evidence}` : claim, c.pick(D.emojiByMood[mood]), tag), lang, full)
    },
    /** A reaction to the debate moment on air; `other` is the attacked candidate. */
    moment(kind: S.MomentKind, e: Entity, other: Entity, full: boolean): string {
      const text = c.fill(c.pick(S.momentReactions[kind]), e, { m: c.nameOf(other, full) }, full)
      return finish(c.join(c.pick(D.openersEs), text, c.pick(['', '📺', '👀', '😂', '🔥', '😮']), c.chance(0.4) ? c.pick(D.debateTags) : ''), 'es', full)
    },
    /** Customer talk about the brand; `kind` comes from the mix unless forced (the scripted hazard). */
    brand(e: Entity, lang: Lang, kind = weighted(B.brandMix)): { text: string; kind: string } {
      const bank = lang === 'es' ? B.brandEs : B.brandEn
      const body = c.fill(c.pick(bank[kind] ?? bank.other), e, slots())
      const es = lang === 'es'
      const extra = angryOf(kind) ? (es ? B.brandDetailEs : B.brandDetailEn) : es ? B.brandAsideEs : B.brandAsideEn
      const more = c.chance(0.6) ? c.fill(c.pick(extra), e, slots()) : ''
      const angry = angryOf(kind)
      const opener = angry ? c.pick(es ? B.brandOpenersEs : ['', '', 'Seriously,', 'Again:', 'Hi,']) : ''
      const tag = c.chance(0.06) ? '#ondanetfibra' : ''
      const dot = more && !/[.!?]$/.test(body) ? '.' : ''
      return { text: finish(c.join(opener, body + dot, more, angry ? c.pick(B.brandEmoji) : c.pick(['', '', '🙂', '👍', '🤔', '📶']), e.terms.includes(tag) ? tag : ''), lang), kind }
    },
    /** The anger wave: always the full name, #PensionesNo and pension words. */
    anger(e: Entity): { text: string; lang: Lang } {
      if (c.chance(0.12)) {
        const en = S.anger.english
        return { text: keepName(finish(c.join(c.pick(en.openers), c.fill(c.pick(en.claims), e), c.pick(en.closers), c.pick(S.anger.emoji), '#PensionesNo'), 'en'), e), lang: 'en' }
      }
      const claim = c.fill(c.pick(S.anger.claims), e)
      const ev = c.pick(S.anger.evidence)
      const ev2 = c.pick(S.anger.closers)
      const body = [claim, ev, ev2].filter(Boolean).map((x) => x.charAt(0).toUpperCase() + x.slice(1)).join('. ')
      const tagFirst = c.chance(0.3)
      const text = finish(c.join(tagFirst ? '#PensionesNo' : c.pick(S.anger.openers), body, c.pick(S.anger.emoji), tagFirst ? '' : '#PensionesNo'), 'es')
      // Typing habits may lower-case the post; the full name stays as written, so the wave's posts quote it as people see it.
      return { text: keepName(text, e), lang: 'es' }
    },
    /** The outage at progress p in [0, 1): first reports, the wave, after the official reply, the calm. */
    outage(e: Entity, p: number): string {
      const bank = p < 0.2 ? S.outage.first : p < 0.5 ? S.outage.wave : p < 0.75 ? (c.chance(0.5) ? S.outage.afterReply : S.outage.wave) : S.outage.calm
      const detail = c.fill(c.pick(p < 0.75 ? S.outage.detail : S.outage.calmDetail), e, slots())
      return finish(c.join(c.chance(0.3) ? c.pick(B.brandOpenersEs) : '', c.fill(c.pick(bank), e, slots()), detail, c.pick(B.brandEmoji)), 'es')
    },
    official: (e: Entity, i: number) => c.fill(S.outage.official[i % S.outage.official.length], e),
    // i counts cycles, which are negative before the generator started (a test's history): wrap, never index off the list.
    hazard: (e: Entity, i: number) => c.fill(S.hazard[((i % S.hazard.length) + S.hazard.length) % S.hazard.length], e),
    /** A reply under `parentHandle`'s post, about the same entity. */
    reply(e: Entity, lang: Lang, parentHandle: string, brand: boolean, full: boolean): string {
      const bank = brand ? B.brandRepliesEs : lang === 'es' ? D.repliesEs : D.repliesEn
      const tail = c.chance(0.6) ? c.fill(c.pick(brand ? B.brandDetailEs : lang === 'es' ? D.evidenceEs : D.evidenceEn), e, slots()) : ''
      const text = c.join(c.fill(c.pick(bank), e, { who: parentHandle, ...slots() }, full), tail, c.pick(['', '', '😂', '👆', '💯', '🙄']))
      return finish(text.startsWith('@') ? text : `@${parentHandle} ${text}`, lang, full)
    },
    quote: (e: Entity, lang: Lang, full: boolean) => {
      const es = lang === 'es'
      return finish(c.join(c.fill(c.pick(es ? D.quotesEs : D.quotesEn), e, {}, full), c.fill(c.pick(es ? D.evidenceEs : D.evidenceEn), e, slots())), lang, full)
    },
    /** One campaign copy: the same text with the small drift of copy-paste (a trailing emoji, "!!"). */
    campaign: (template: string, e: Entity) => c.fill(template, e, { ht: tagOf(e) }) + c.pick(S.campaignTails),
  }
}

export type Writers = ReturnType<typeof createWriters>
