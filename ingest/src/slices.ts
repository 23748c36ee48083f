/**
 * Cuts a long loop into slices of about `sliceMs`, letting timers and I/O run between them: a request of 100,000
 * posts takes seconds of CPU, and the wall's ticks, health checks and other producers must not wait for it.
 * Checking the clock costs ~50 ns, so the loop asks `due()` on every item and yields only when the slice is spent.
 */
export function slicer(sliceMs = 10) {
  let start = performance.now()
  return {
    due: () => performance.now() - start >= sliceMs,
    async pause() {
      await new Promise((resolve) => setImmediate(resolve))
      start = performance.now()
    },
  }
}
