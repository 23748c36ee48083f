/**
 * A one-line progress bar on stderr ("debate.jsonl [#######-----] 58% 58,000/100,000 12,400/s"), redrawn at most
 * every `everyMs`; a no-op when stderr is not a terminal (logs stay clean).
 */
export function createProgressBar(label: string, opts: { enabled?: boolean; everyMs?: number; width?: number } = {}) {
  const out = process.stderr
  const enabled = opts.enabled ?? Boolean(out.isTTY)
  const everyMs = opts.everyMs ?? 200
  const width = opts.width ?? 30
  const startedAt = Date.now()
  let last = 0
  const fmt = (n: number) => n.toLocaleString('en-US')
  const draw = (done: number, total: number | null) => {
    const secs = Math.max(0.001, (Date.now() - startedAt) / 1000)
    const share = total ? Math.min(1, done / total) : 0
    const bar = total ? '#'.repeat(Math.round(share * width)).padEnd(width, '-') : '?'.repeat(width)
    const pct = total ? `${Math.floor(share * 100)}%`.padStart(4) : '  ?%'
    out.write(`\r${label} [${bar}] ${pct} ${fmt(done)}/${total === null ? '?' : fmt(total)} ${fmt(Math.round(done / secs))}/s\x1b[K`)
  }
  return {
    enabled,
    update(done: number, total: number | null) {
      const now = Date.now()
      if (!enabled || now - last < everyMs) return
      last = now
      draw(done, total)
    },
    finish(done: number, total: number | null) {
      if (!enabled) return
      draw(done, total)
      out.write('\n')
    },
  }
}
