import type { Authenticity } from '@pulso/types'

const HEADER = ['kind', 'entity', 'cluster', 'size', 'authors', 'first', 'last', 'account', 'handle', 'account_created', 'posts', 'copies', 'new_account', 'post_ids', 'text']

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs a cell as a formula. */
function cell(v: string | number | boolean | null): string {
  let s = v === null ? '' : String(v)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

const iso = (ms: number | null) => (ms ? new Date(ms).toISOString() : '')

/**
 * The evidence as one CSV a journalist can open: a row per copy-paste cluster (its posts' ids, its first post's text)
 * then a row per account worth a look, with the window's figures in the first row.
 */
export function evidenceCsv(a: Authenticity): string {
  const rows: (string | number | boolean | null)[][] = [HEADER]
  rows.push(['summary', a.entity, '', a.posts, a.authors, iso(a.from), iso(a.to), '', '', '', '', '', '', '', `${a.verdict}: copyShare ${a.copyShare}, newAccountShare ${a.newAccountShare}, topAuthorShare ${a.topAuthorShare}, burstiness ${a.burstiness}`])
  a.evidence.clusters.forEach((c, i) => rows.push(['cluster', a.entity, i + 1, c.size, c.authors, iso(c.first), iso(c.last), '', c.handles.join(' '), '', '', '', '', c.ids.join(' '), c.sample]))
  for (const x of a.evidence.accounts) rows.push(['account', a.entity, '', '', '', '', '', x.id, x.handle, iso(x.createdAt), x.posts, x.copies, x.newAccount, '', ''])
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}
