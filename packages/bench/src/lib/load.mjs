// Closed-loop load: `concurrency` workers, each calling `call(worker)` again as soon as the last call
// returns, until `durationMs` has passed. Latency is per call; a thrown call counts as an error.
import { percentile } from './stats.mjs'

/**
 * @param {{ concurrency: number, durationMs: number, call: (worker: number) => Promise<unknown>, latencies?: number[] }} o
 *   `latencies`: an array to add this run's latencies to (interleaved slices share one).
 */
export async function closedLoop({ concurrency, durationMs, call, latencies = [] }) {
  const before = latencies.length
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
  const mine = latencies.slice(before)
  return {
    requests: mine.length,
    errors,
    firstError,
    perSecond: mine.length / seconds,
    p50: percentile(mine, 50),
    p99: percentile(mine, 99),
    seconds,
  }
}

/**
 * Several targets under the same closed-loop load, in alternating slices (A, B, A, B, ...), so that
 * load from elsewhere falls on each alike; the result per target sums its slices.
 * @param {{ name: string, call: (worker: number) => Promise<unknown> }[]} targets
 * @param {{ concurrency: number, sliceMs: number, slices: number }} o
 */
export async function interleaved(targets, { concurrency, sliceMs, slices }) {
  const acc = new Map(
    targets.map((t) => [t.name, { latencies: [], errors: 0, firstError: undefined, seconds: 0 }]),
  )
  for (let s = 0; s < slices; s++) {
    for (const t of targets) {
      const a = acc.get(t.name)
      const r = await closedLoop({ concurrency, durationMs: sliceMs, call: t.call, latencies: a.latencies })
      a.errors += r.errors
      a.firstError ??= r.firstError
      a.seconds += r.seconds
    }
  }
  const out = new Map()
  for (const [name, a] of acc)
    out.set(name, {
      requests: a.latencies.length,
      errors: a.errors,
      firstError: a.firstError,
      perSecond: a.latencies.length / a.seconds,
      p50: percentile(a.latencies, 50),
      p99: percentile(a.latencies, 99),
      seconds: a.seconds,
    })
  return out
}
