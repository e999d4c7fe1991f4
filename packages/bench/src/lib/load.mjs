// Closed-loop load: `concurrency` workers, each calling `call(worker)` again as soon as the last call
// returns, until `durationMs` has passed. Latency is per call; a thrown call counts as an error.
import { percentile } from './stats.mjs'

/**
 * @param {{ concurrency: number, durationMs: number, call: (worker: number) => Promise<unknown> }} o
 */
export async function closedLoop({ concurrency, durationMs, call }) {
  const latencies = []
  let errors = 0
  let firstError
  const t0 = performance.now()
  const end = t0 + durationMs
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < end) {
        const s = performance.now()
        try {
          await call(worker)
          latencies.push(performance.now() - s)
        } catch (error) {
          errors++
          firstError ??= error instanceof Error ? error.message : String(error)
        }
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  return {
    requests: latencies.length,
    errors,
    firstError,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    seconds,
  }
}
