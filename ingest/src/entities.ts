import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import type { Entity } from '@pulso/types'
import { fold } from './text.ts'
import { describeError } from './validate.ts'

/** One monitored entity (`entities:` items). Strict: a misspelt field is an error, not a silently missing colour. */
export const entitySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, - and _ only (max 64)'),
  name: z.string().min(1).max(120),
  group: z.string().min(1).max(64),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a #rrggbb colour'),
  terms: z.array(z.string().min(1).max(200)).min(1),
  /** false: a person, party or topic, whose critics voice opinions, not complaints (care.ts); posts naming only such
   * entities stay out of the response queue, questions included (server/src/store/queue.ts). */
  care: z.boolean().optional(),
})

/** The `entities:` list: at least one, ids unique (an id keys the stored matches, the wall's tiles and alerts). */
export const entitiesSchema = z
  .array(entitySchema)
  .min(1, 'at least one entity: the room has nothing to watch without one')
  .superRefine((list, c) => {
    const seen = new Set<string>()
    list.forEach((e, i) => {
      if (seen.has(e.id)) c.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate entity id '${e.id}'` })
      seen.add(e.id)
    })
  })

/**
 * The entities of an already-parsed config document (`{ entities: [...] }`); other top-level keys belong to their
 * own sections (the server's settings module checks the whole file strictly). Throws naming `where` and the field.
 */
export function entitiesFrom(doc: unknown, where = 'config'): Entity[] {
  const r = z.object({ entities: entitiesSchema }).safeParse(doc ?? {})
  if (!r.success) throw new Error(`${where}: ${describeError(r.error)}`)
  return r.data.entities
}

/** Thin file wrapper for scripts and tests outside the server (ingest cannot use the server's settings module). */
export function loadEntities(file: string): Entity[] {
  return entitiesFrom(parseYaml(readFileSync(file, 'utf8')), file)
}


// A token is a run of letters/digits/_ with an optional # or @ in front: word boundaries come for free.
const TOKEN = /[#@]?[\p{L}\p{N}_]+/gu

export function tokenize(folded: string): string[] {
  return folded.match(TOKEN) ?? []
}

export type Matcher = (text: string) => string[]

/**
 * Term kinds: `word` matches the word, its #hashtag and its @mention; `#tag` only the hashtag; `@handle` only the
 * mention; a quoted or multi-word phrase matches those words in a row. Case- and accent-insensitive.
 */
export function createMatcher(entities: Entity[]): Matcher {
  const single = new Map<string, Set<string>>()
  const phrases: { words: string[]; entity: string }[] = []
  const add = (key: string, entity: string) => {
    let s = single.get(key)
    if (!s) single.set(key, (s = new Set()))
    s.add(entity)
  }
  for (const e of entities) {
    for (const raw of e.terms) {
      const term = fold(raw.trim().replace(/^"(.*)"$/, '$1'))
      const words = tokenize(term)
      if (words.length === 0) continue
      if (words.length > 1) phrases.push({ words: words.map((w) => w.replace(/^[#@]/, '')), entity: e.id })
      else if (/^[#@]/.test(words[0])) add(words[0], e.id)
      else add(words[0], e.id), add('#' + words[0], e.id), add('@' + words[0], e.id)
    }
  }
  return (text) => {
    const tokens = tokenize(fold(text))
    const found = new Set<string>()
    for (const t of tokens) single.get(t)?.forEach((id) => found.add(id))
    if (phrases.length) {
      const bare = tokens.map((t) => t.replace(/^[#@]/, ''))
      for (const p of phrases) {
        if (found.has(p.entity)) continue
        for (let i = 0; i + p.words.length <= bare.length; i++) {
          if (p.words.every((w, j) => bare[i + j] === w)) {
            found.add(p.entity)
            break
          }
        }
      }
    }
    return [...found]
  }
}
