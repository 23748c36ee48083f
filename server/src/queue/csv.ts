import { reasonsText, type QueueItem } from '@pulso/types'

/**
 * RFC 4180 quoting, and cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start: the
 * text of a social post is untrusted) are prefixed with a quote so they open as text.
 */
export function cell(v: string | number | boolean | null): string {
  let s = v === null ? '' : String(v)
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

const COLUMNS = ['priority', 'status', 'deadline', 'overdue', 'entities', 'intent', 'nature', 'confidence', 'reasons', 'author', 'followers', 'verified', 'reposts_recent', 'reposts_total', 'created_at', 'text', 'url', 'assignee', 'last_action', 'last_by', 'last_at', 'id', 'source']

/** The queue as CSV, one line per item, reasons worded in `lang`. */
export function queueCsv(items: QueueItem[], now: number, lang: 'en' | 'es'): string {
  const iso = (ms: number) => new Date(ms).toISOString()
  const lines = items.map((i) =>
    [
      i.priority,
      i.status,
      iso(i.deadline),
      i.deadline < now && (i.status === 'open' || i.status === 'assigned'),
      i.entities.join(' '),
      i.intent,
      i.nature ?? '',
      i.confidence,
      reasonsText(i.reasons, lang),
      i.author.handle || i.author.id,
      i.author.followers,
      i.author.verified,
      i.reposts.recent,
      i.reposts.total,
      iso(i.createdAt),
      i.text,
      i.url,
      i.assignee,
      i.lastAction?.action ?? '',
      i.lastAction?.by ?? '',
      i.lastAction ? iso(i.lastAction.at) : '',
      i.id,
      i.source,
    ]
      .map(cell)
      .join(','),
  )
  return [COLUMNS.join(','), ...lines].join('\r\n') + '\r\n'
}
