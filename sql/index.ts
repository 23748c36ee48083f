import { fileURLToPath } from 'node:url'

/** Folder of the numbered migrations (`NNNN_name.sql`), applied in order, once each. */
export const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url))
