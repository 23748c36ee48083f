// Worker entry in plain JavaScript: on Node 20 a worker does not get the parent's TypeScript loader (tsx) for its
// entry module, so it registers tsx itself and then loads the TypeScript worker.
import { register } from 'tsx/esm/api'

register()
await import('./analyse-worker.ts')
