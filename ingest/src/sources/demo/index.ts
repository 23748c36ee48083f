import type { Entity, PostInput } from '@pulso/types'
import { createStatus } from '../status.ts'
import type { Source } from '../types.ts'
import { createDemoGenerator, defaultSurges, type DemoMoment, type DemoOptions } from './generator.ts'

export { createDemoGenerator, defaultSurges, type DemoMoment, type DemoOptions, type Surge } from './generator.ts'
export type { Source } from '../types.ts'

/**
 * The built-in demo stream as a source: every `everyMs` it hands the posts created since the last call to `emit`
 * (the same ingest path as HTTP). Emits never overlap: a slow store slows the demo instead of piling up.
 */
export function createDemoSource(
  entities: Entity[],
  emit: (posts: PostInput[]) => Promise<unknown>,
  opts: Partial<DemoOptions> & {
    everyMs?: number
    name?: string
    /** Each scripted debate moment as it begins, as a producer would mark it (the built-in demo's wall shows reactions). */
    onMoment?: (m: DemoMoment) => void
  } = {},
): Source {
  const name = opts.name ?? 'demo'
  const status = createStatus(name, 'demo')
  const gen = createDemoGenerator(entities, {
    rate: opts.rate ?? 40,
    cycleS: opts.cycleS ?? 300,
    surges: opts.surges ?? defaultSurges(entities),
    seed: opts.seed ?? 7,
  })
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  let last = Date.now()
  // From the script's start: its first moment (the opening statement) begins at its first second.
  let momentsFrom = gen.startedAt
  const beat = () => {
    const now = Date.now()
    const posts = gen.posts(last, now)
    last = now
    if (opts.onMoment) for (const m of gen.moments(momentsFrom, now)) opts.onMoment(m)
    momentsFrom = now
    running = posts.length
      ? emit(posts).then(
          (r) => {
            // The demo is generated, not read: nothing to resume, so a store outage just loses demo posts.
            const accepted = (r as { accepted?: number } | undefined)?.accepted ?? posts.length
            status.emitted(accepted, Date.parse(posts[posts.length - 1].createdAt))
          },
          (e) => status.error((e as Error).message),
        )
      : Promise.resolve()
    running.finally(() => {
      if (timer) timer = setTimeout(beat, opts.everyMs ?? 200)
    })
  }
  return {
    name,
    start() {
      last = Date.now()
      status.set('live')
      timer = setTimeout(beat, opts.everyMs ?? 200)
    },
    async stop() {
      clearTimeout(timer)
      timer = undefined
      await running
      status.set('stopped')
    },
    status: () => status.snapshot(),
  }
}
