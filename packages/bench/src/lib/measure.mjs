// Runs commands and measures them: wall time, and where python3 is installed also each run's CPU time
// and peak RSS (measure.py, wait4). `alternate()` is the loop every start-up row uses: each round runs
// every case once, in order, so a burst of load from elsewhere hits all of them alike.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { median } from './stats.mjs'

const SCRIPT = fileURLToPath(new URL('./measure.py', import.meta.url))

/**
 * @typedef {{ wallMs: number, cpuMs?: number, maxRssMb?: number, code: number | null }} Sample
 * @typedef {{ run(argv: string[], env: Record<string, string>): Promise<Sample>, rusage: boolean, close(): Promise<void> }} Measurer
 */

/** A measurer backed by python3 (CPU and RSS per run) when there is one, else by Node (wall time only). */
export async function openMeasurer() {
  const python = ['/usr/bin/python3', '/usr/local/bin/python3'].find(existsSync) ?? 'python3'
  const child = spawn(python, [SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] })
  const ok = await new Promise((resolve) => {
    child.once('spawn', () => resolve(true))
    child.once('error', () => resolve(false))
  })
  if (!ok) return nodeMeasurer()
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  let queue = Promise.resolve()
  /** @type {Measurer} */
  const m = {
    rusage: true,
    run(argv, env) {
      const next = queue.then(async () => {
        child.stdin.write(`${JSON.stringify({ argv, env })}\n`)
        const { value, done } = await lines.next()
        if (done) throw new Error('measure.py exited')
        const r = JSON.parse(value)
        if (r.error) throw new Error(`${argv[0]}: ${r.error}`)
        return { wallMs: r.wallMs, cpuMs: r.cpuMs, maxRssMb: r.maxRssKb / 1024, code: r.code }
      })
      queue = next.catch(() => {})
      return next
    },
    async close() {
      child.stdin.end()
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)))
    },
  }
  // One probe: a python3 that cannot run the script (too old, broken) means the Node fallback.
  try {
    await m.run([process.execPath, '-e', '0'], { PATH: process.env.PATH ?? '' })
    return m
  } catch {
    child.kill()
    return nodeMeasurer()
  }
}

/** @returns {Measurer} */
function nodeMeasurer() {
  return {
    rusage: false,
    run(argv, env) {
      return new Promise((resolve, reject) => {
        const t0 = process.hrtime.bigint()
        const child = spawn(argv[0], argv.slice(1), { env, stdio: 'ignore' })
        child.once('error', reject)
        child.once('close', (code) => resolve({ wallMs: Number(process.hrtime.bigint() - t0) / 1e6, code }))
      })
    },
    async close() {},
  }
}

/**
 * @typedef {{ name: string, argv: string[], env?: Record<string, string>, before?: () => Promise<void> }} Case
 * @typedef {{ wallMs: number[], cpuMs: number[], maxRssMb: number[] }} Samples
 */

/**
 * Every case once per round, `warmup` rounds discarded, then `runs` rounds kept. A case's `before`
 * (e.g. "remove the caches") runs untimed before each of its runs. A non-zero exit fails the row.
 * @param {Measurer} m
 * @param {Case[]} cases
 * @param {{ runs: number, warmup?: number, env: Record<string, string>, log?: (line: string) => void }} options
 * @returns {Promise<Map<string, Samples & { median: { wallMs: number, cpuMs?: number, maxRssMb?: number } }>>}
 */
export async function alternate(m, cases, { runs, warmup = 3, env, log }) {
  const samples = new Map(cases.map((c) => [c.name, { wallMs: [], cpuMs: [], maxRssMb: [] }]))
  for (let round = 0; round < warmup + runs; round++) {
    if (log && round > 0 && round % 5 === 0) log(`  round ${round} of ${warmup + runs}`)
    for (const c of cases) {
      await c.before?.()
      const s = await m.run(c.argv, c.env ?? env)
      if (s.code !== 0) throw new Error(`${c.name}: exited ${s.code} (${c.argv.join(' ')})`)
      if (round < warmup) continue
      const into = samples.get(c.name)
      into.wallMs.push(s.wallMs)
      if (s.cpuMs !== undefined) into.cpuMs.push(s.cpuMs)
      if (s.maxRssMb !== undefined) into.maxRssMb.push(s.maxRssMb)
    }
  }
  const out = new Map()
  for (const [name, s] of samples) {
    out.set(name, {
      ...s,
      median: {
        wallMs: median(s.wallMs),
        cpuMs: s.cpuMs.length ? median(s.cpuMs) : undefined,
        // Each run's peak RSS, then the median of those (a page-cache hiccup in one run is not the program).
        maxRssMb: s.maxRssMb.length ? median(s.maxRssMb) : undefined,
      },
    })
  }
  return out
}
