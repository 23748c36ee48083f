/** config/pulso.yaml, read once through one strict schema and watched for changes (README, "Configuration"). */
export { settingsSchema, type PulsoFile } from './schema.ts'
export { parseSettings, readSettings, loadSettings, SettingsError, type SettingsResult } from './read.ts'
export { formatIssue, type SettingsIssue } from './locate.ts'
export { diffSettings, type SettingsDiff, type Changes } from './diff.ts'
export { watchSettings, type WatchOptions, type SettingsWatcher, type SettingsState, type SettingsLog } from './watch.ts'
