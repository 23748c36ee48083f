/**
 * From a zod issue's path to the place in the YAML text: a user fixes `config/pulso.yaml:12:5`, not
 * "entities.2: unrecognized key". yaml's `parseDocument` keeps every node's offset; a `LineCounter` turns an
 * offset into line and column.
 */
import path from 'node:path'
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'
import type { z } from 'zod'
import { REPO_ROOT } from '@pulso/ingest/paths'

/** One problem in the settings file, placed where it is. */
export interface SettingsIssue {
  file: string
  /** 1-based; absent when the problem has no place in the text (the file cannot be read). */
  line?: number
  col?: number
  /** The field, as a user reads it: `entities[2].colour` ('' for the file as a whole). */
  path: string
  message: string
}

type Key = PropertyKey

/** `entities[2].colour`; keys that are not plain names are quoted: `customers["a b"]`. */
export function formatPath(keys: readonly Key[]): string {
  return keys
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z_][\w-]*$/.test(String(k)) ? (i ? '.' : '') + String(k) : `[${JSON.stringify(String(k))}]`))
    .join('')
}

/** Paths under the repo show relative to it (what the user typed, clickable from the repo root); others absolute. */
export function displayFile(file: string): string {
  const rel = path.relative(REPO_ROOT, file)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file
}

/** `config/pulso.yaml:12:5: entities[2].colour: unknown field 'colour'` */
export function formatIssue(i: SettingsIssue): string {
  const where = i.line ? `${displayFile(i.file)}:${i.line}:${i.col}` : displayFile(i.file)
  return `${where}: ${i.path ? `${i.path}: ` : ''}${i.message}`
}

interface Found {
  node: Node | null
  /** The key node of the last pair walked into: where a missing or null value is reported. */
  key: Node | null
}

const keyOf = (k: unknown) => (isScalar(k) ? String(k.value) : String(k))

/** Walk the document along `keys` as far as it goes: a missing field is reported at its parent. */
function walk(doc: Document, keys: readonly Key[]): Found {
  let node = doc.contents as Node | null
  let key: Node | null = null
  for (const k of keys) {
    if (isAlias(node)) node = node.resolve(doc) ?? null
    if (isMap(node)) {
      const pair = node.items.find((p) => keyOf(p.key) === String(k))
      if (!pair) break
      key = pair.key as Node
      node = (pair.value as Node | null) ?? null
      if (!node) break
    } else if (isSeq(node) && typeof k === 'number' && node.items[k]) {
      node = node.items[k] as Node
      key = null
    } else break
  }
  return { node, key }
}

function position(doc: Document, lines: LineCounter, found: Found): { line: number; col: number } {
  const offset = found.node?.range?.[0] ?? found.key?.range?.[0] ?? (doc.contents as Node | null)?.range?.[0] ?? 0
  return lines.linePos(offset)
}

/** zod's wording, made to read as an answer: "required", "unknown field 'colour'". */
function describe(issue: z.core.$ZodIssue): string {
  let msg = issue.message.replace(/^Invalid input: /, '')
  if (issue.code === 'invalid_type' && /received undefined$/.test(msg)) msg = 'required'
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) msg = `unknown ${String(issue.discriminator)}`
  return msg
}

/** Each zod issue at its place; an issue about several unknown keys becomes one per key, each at its own line. */
export function locateIssues(file: string, doc: Document, lines: LineCounter, issues: readonly z.core.$ZodIssue[]): SettingsIssue[] {
  const out: SettingsIssue[] = []
  const seen = new Set<string>()
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) {
        const keys = [...issue.path, k]
        const parent = walk(doc, issue.path).node
        const pair = isMap(parent) ? parent.items.find((p) => keyOf(p.key) === k) : undefined
        const at = position(doc, lines, { node: (pair?.key as Node) ?? parent, key: null })
        out.push({ file, ...at, path: formatPath(keys), message: `unknown field '${k}'` })
      }
      continue
    }
    // One problem per field: the first says what to fix (a union reports every branch it tried).
    const where = formatPath(issue.path)
    if (seen.has(where)) continue
    seen.add(where)
    const found = walk(doc, issue.path)
    out.push({ file, ...position(doc, lines, found), path: where, message: describe(issue) })
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0))
}
