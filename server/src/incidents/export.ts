/** One incident's timeline for a post-mortem: Markdown to paste into a report, JSON to keep or process. */
import type { Incident, IncidentEvent } from '@pulso/types'

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')

/** One line of the timeline, in words. */
export function describeEvent(e: IncidentEvent): string {
  switch (e.kind) {
    case 'opened': return `opened by an alert, severity ${e.severity}/5`
    case 'alert': return `alert, severity ${e.severity}/5`
    case 'severity': return `severity now ${e.severity}/5`
    case 'acknowledged': return `acknowledged by ${e.by}`
    case 'snoozed': return `snoozed by ${e.by} until ${iso(e.until ?? 0)}`
    case 'resolved': return `resolved by ${e.by}${e.note ? ` (${e.note})` : ''}`
    case 'reopened': return `reopened by ${e.by}${e.note ? ` (${e.note})` : ''}`
    case 'assigned': return e.owner ? `assigned to ${e.owner} by ${e.by}` : `unassigned by ${e.by}`
    case 'note': return `note by ${e.by}: ${e.note}`
    case 'escalated': return `escalated to ${e.route}${e.note ? ` (${e.note})` : ''}`
    case 'routed': return `sent to ${e.route}${e.note ? ` (${e.note})` : ''}`
  }
}

/** Markdown is plain text a person pastes: keep operator text from breaking the table (pipes, newlines). */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')

export function incidentMarkdown(i: Incident, entityName: string, origin = ''): string {
  const lines = [
    `# Incident: ${cell(entityName)} — ${i.family}`,
    '',
    `- Id: ${i.id}`,
    `- State: ${i.state}${i.snoozedUntil ? ` until ${iso(i.snoozedUntil)}` : ''}`,
    `- Severity: ${i.severity}/5`,
    `- Owner: ${i.owner ? cell(i.owner) : '—'}`,
    `- Opened: ${iso(i.openedAt)} · alerts: ${i.alerts}`,
    `- Replay at onset: ${origin}${i.replay}`,
    '',
    '| Time (UTC) | Event |',
    '| --- | --- |',
    ...i.timeline.map((e) => `| ${iso(e.at)} | ${cell(describeEvent(e))} |`),
    '',
    ...spikeLines(i.spike),
    ...authenticityLines(i.authenticity),
  ]
  return lines.join('\n')
}

const count = (n: number | undefined) => (n === undefined ? '—' : String(Math.round(n * 10) / 10))

/** What drove the latest alert: drivers and top posts, each with its count in the spike against the baseline. */
function spikeLines(spike: Incident['spike']): string[] {
  if (!spike || (!spike.drivers.length && !spike.posts.length)) return []
  return [
    '## What drove the latest alert',
    '',
    '| Driver | Kind | In the spike | Expected from the baseline |',
    '| --- | --- | --- | --- |',
    ...spike.drivers.map((d) => `| ${cell(d.term)} | ${d.kind} | ${d.observed} | ${count(d.expected)} |`),
    '',
    '| Top post | Author | Echo in the spike | Expected from the baseline | Reposts | Likes |',
    '| --- | --- | --- | --- | --- | --- |',
    ...spike.posts.map((p) => `| ${cell(p.url ? `[${p.text}](${p.url})` : p.text)} | ${cell(p.author)} | ${count(p.observed)} | ${count(p.expected)} | ${count(p.reposts)} | ${count(p.likes)} |`),
    '',
  ]
}

const pct = (x: number) => `${Math.round(x * 100)}%`

/** Issue 20: how real the latest alert's spike window looked, with the clusters a journalist can check. */
function authenticityLines(j: Incident['authenticity']): string[] {
  if (!j) return []
  const a = j.authenticity
  return [
    '## Authenticity',
    '',
    `- Verdict: ${a.verdict}${j.gate ? ` (${j.gate.replace('_', ' ')})` : ''} · ${a.posts} posts by ${a.authors} authors, ${iso(a.from)} to ${iso(a.to)}`,
    `- ${pct(a.copyShare)} from ${a.evidence.clusters.length} copy-paste cluster(s) · ${a.newAccounts} accounts created within ${a.newAccountDays} days (${pct(a.newAccountShare)} of posts)`,
    `- Top 1% of authors: ${pct(a.topAuthorShare)} of posts · ${Math.round(a.postsPerAuthor * 10) / 10} posts per author · burstiness ${Math.round(a.burstiness * 10) / 10}`,
    ...(a.reasons.length ? [`- Why: ${cell(a.reasons.join('; '))}`] : []),
    '',
    ...(a.evidence.clusters.length
      ? ['| Cluster sample | Posts | Authors | First (UTC) | Last (UTC) |', '| --- | --- | --- | --- | --- |', ...a.evidence.clusters.map((c) => `| ${cell(c.sample)} | ${c.size} | ${c.authors} | ${iso(c.first)} | ${iso(c.last)} |`), '']
      : []),
  ]
}

export function incidentJson(i: Incident, entityName: string): object {
  return { ...i, entityName, timeline: i.timeline.map((e) => ({ ...e, time: iso(e.at), text: describeEvent(e) })) }
}
