/**
 * Spike detectors: pure, I/O-free, one implementation used by the live server and by the offline CLI/eval.
 * Feed one closed interval at a time; each decision uses only earlier intervals.
 */
export { createCountDetector, type CountDetector } from './count.ts'
export { createShareDetector, type ShareDetector } from './share.ts'
export { severityOf, type Decision, type Severity } from './alarm.ts'
export { DEFAULTS, parseOptionFlags, resolveOptions, type DetectorOptions } from './options.ts'
