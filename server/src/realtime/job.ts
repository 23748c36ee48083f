/**
 * A background job, written once: runs every `everyMs`; a beat that finds the previous run still busy is skipped
 * (a slow store skips beats rather than stacking queries); `runNow()` asks for a run at once, or right after the
 * one in flight (so a change is never missed); `stop()` ends the timer and waits for the run in flight.
 */
export interface Job {
  readonly name: string
  start(): void
  runNow(): Promise<void>
  stop(): Promise<void>
}

export function createJob(name: string, work: () => Promise<void>, everyMs: number, onError: (e: unknown, job: string) => void): Job {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | null = null
  let again = false
  let stopped = false

  function run(): Promise<void> {
    running = (async () => {
      try {
        await work()
      } catch (e) {
        onError(e, name)
      } finally {
        running = null
        if (again && !stopped) (again = false), void run()
      }
    })()
    return running
  }

  return {
    name,
    start() {
      stopped = false
      if (everyMs > 0) timer = setInterval(() => void (running || stopped || run()), everyMs)
      void run()
    },
    runNow() {
      if (stopped) return Promise.resolve()
      if (running) return (again = true), running
      return run()
    },
    async stop() {
      stopped = true
      clearInterval(timer)
      while (running) await running
    },
  }
}
