/**
 * `npm run config:check [file]`: check config/pulso.yaml (or `file`, or PULSO_CONFIG) without starting the server.
 * Prints `ok: N entities in G boards, S sources`, or each problem as `file:line:column: field: problem` and exits 1,
 * so a deploy script or a pre-commit hook can refuse a bad file before the room runs on it.
 */
import path from 'node:path'
import { loadConfig } from '../src/config.ts'
import { formatIssue, readSettings } from '../src/settings/index.ts'

const args = process.argv.slice(2).filter((a) => a !== '--')
if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
  console.error('usage: npm run config:check [file]   (default: PULSO_CONFIG, else config/pulso.yaml)')
  process.exit(2)
}
// npm runs workspace scripts in the workspace's folder; a relative argument means the folder the user typed it in.
const file = args[0] ? path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]) : loadConfig().configFile
const r = readSettings(file)
if (r.ok) {
  const { entities, sources } = r.settings
  const boards = new Set(entities.map((e) => e.group)).size
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`
  console.log(`ok: ${n(entities.length, 'entity', 'entities')} in ${n(boards, 'board', 'boards')}, ${n(sources.length, 'source', 'sources')}`)
} else {
  for (const issue of r.issues) console.error(formatIssue(issue))
  console.error(`${r.issues.length === 1 ? '1 problem' : `${r.issues.length} problems`}: the file was not accepted`)
  process.exit(1)
}
