/** Readers for the shared labelled TSVs (never copied into the repo) and the shipped intent set. */
import fs from 'node:fs'
import path from 'node:path'
import { NLP_DATA_DIR, sharedDataDir } from '../src/paths.ts'

export interface Example {
  text: string
  label: string
  lang: 'es' | 'en'
}

/** Header row, tab-separated, first column text, second label. Quotes are part of the text. */
export function readTsv(rel: string, lang: 'es' | 'en'): Example[] {
  const file = path.join(sharedDataDir(), 'nlp', rel)
  const lines = fs.readFileSync(file, 'utf8').split('\n').slice(1)
  const out: Example[] = []
  for (const line of lines) {
    const cols = line.split('\t')
    if (cols.length < 2 || !cols[0]) continue
    out.push({ text: cols[0], label: cols[1].trim(), lang })
  }
  return out
}

export const sentimentSplit = (lang: 'es' | 'en', split: 'train' | 'val') => readTsv(`sentiment/umsab_${lang}_${split}.tsv`, lang)
export const emotionSplit = (lang: 'es' | 'en', split: 'train' | 'dev') => readTsv(`emotion/emoevent_${lang}_${split}.tsv`, lang)

export interface IntentExample {
  id: string
  text: string
  lang: 'es' | 'en'
  intent: string
  nature: string | null
  /** 'dev': rules were written looking at these; 'heldout': written after, never used to tune. */
  split: 'dev' | 'heldout'
}

export function readIntentSet(file = path.join(NLP_DATA_DIR, 'intent.jsonl')): IntentExample[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
}

/** Deterministic PRNG (mulberry32) so training is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Macro-F1 over `classes` plus per-class precision/recall. */
export function scores(gold: string[], pred: string[], classes: readonly string[]) {
  const per: Record<string, { p: number; r: number; f1: number; n: number }> = {}
  let sum = 0
  for (const c of classes) {
    let tp = 0, fp = 0, fn = 0
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === c && gold[i] === c) tp++
      else if (pred[i] === c) fp++
      else if (gold[i] === c) fn++
    }
    const p = tp + fp ? tp / (tp + fp) : 0
    const r = tp + fn ? tp / (tp + fn) : 0
    const f1 = p + r ? (2 * p * r) / (p + r) : 0
    per[c] = { p, r, f1, n: tp + fn }
    sum += f1
  }
  const acc = gold.filter((g, i) => g === pred[i]).length / Math.max(1, gold.length)
  return { macroF1: sum / classes.length, acc, per }
}

/** The project-written irony set: es/en posts labelled ironic or sincere (sincere ones reuse the rules' cue words). */
export function readIronySet(file = path.join(NLP_DATA_DIR, 'irony.jsonl')): { id: string; text: string; lang: 'es' | 'en'; irony: boolean }[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
}

/** irony-blind.jsonl: es/en posts written for evaluation by someone who never saw the irony rules, labelled ironic or
 * not, with the sentiment and intent the author meant. Evaluation only: never read while writing rules or training. */
export interface BlindIrony { id: string; text: string; lang: 'es' | 'en'; irony: boolean; sentiment: string; intent: string }
export function readBlindIrony(file = path.join(NLP_DATA_DIR, 'irony-blind.jsonl')): BlindIrony[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
}

/** Project-written posts (posts.jsonl): intent, irony and a train / held-back split (the held-back half is never trained on). */
export interface Post { id: string; text: string; lang: 'es' | 'en'; intent: string; irony: boolean; split: 'train' | 'heldout' }
export function readPosts(file = path.join(NLP_DATA_DIR, 'posts.jsonl')): Post[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
}

/** Project-written multi-entity posts (targets.jsonl): each entity's terms and its gold stance. */
export interface TargetPost { id: string; text: string; lang: 'es' | 'en'; entities: Record<string, string[]>; gold: Record<string, string> }
export function readTargetSet(file = path.join(NLP_DATA_DIR, 'targets.jsonl')): TargetPost[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
}
