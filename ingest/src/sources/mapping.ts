/** The PostInput fields a column mapping can fill, by dotted name (also the default CSV header names). */
export const FIELDS = [
  'id', 'source', 'createdAt', 'text', 'lang', 'author.id', 'author.handle', 'author.followers', 'author.verified',
  'metrics.reposts', 'metrics.likes', 'metrics.replies', 'repostOf', 'url', 'replyTo', 'quoteOf', 'author.createdAt',
] as const
export type Field = (typeof FIELDS)[number]

const NUMERIC = new Set<Field>(['author.followers', 'metrics.reposts', 'metrics.likes', 'metrics.replies'])

function dig(o: unknown, path: string): unknown {
  if (o && typeof o === 'object' && path in (o as object)) return (o as Record<string, unknown>)[path] // flat CSV key "author.id"
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o)
}

/** Epoch seconds, epoch ms, or any date Date.parse reads ("Wed Oct 10 20:19:24 +0000 2018" too) → ISO-8601. */
export function toIso(v: unknown): unknown {
  if (typeof v === 'number' || (typeof v === 'string' && /^\d{9,13}(\.\d+)?$/.test(v.trim()))) {
    const n = Number(v)
    return new Date(n < 1e11 ? n * 1000 : n).toISOString()
  }
  if (typeof v === 'string') {
    const t = Date.parse(v)
    return Number.isFinite(t) ? new Date(t).toISOString() : v // unreadable: the validator says why
  }
  return v
}

/**
 * Builds a post from a record by a mapping {field: column or dotted path}. Fields not mapped are read under their
 * own name. Empty cells are left out; counts become numbers; createdAt is normalised to ISO-8601.
 */
export function mapRecord(rec: unknown, columns: Partial<Record<Field, string>>, label: string): Record<string, unknown> {
  const post: Record<string, any> = {}
  for (const f of FIELDS) {
    let v = dig(rec, columns[f] ?? f)
    if (v === undefined || v === null || v === '') continue
    if (NUMERIC.has(f) && typeof v === 'string') v = Number(v.trim())
    if (f === 'author.verified' && typeof v === 'string') v = /^(true|1|yes|y)$/i.test(v.trim())
    if (f === 'createdAt' || f === 'author.createdAt') v = toIso(v)
    if ((f === 'id' || f === 'author.id' || f === 'repostOf' || f === 'replyTo' || f === 'quoteOf') && typeof v === 'number') v = String(v)
    const [head, tail] = f.split('.')
    if (tail) (post[head] ??= {})[tail] = v
    else post[head] = v
  }
  post.source ??= label
  return post
}
