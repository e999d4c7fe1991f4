// pnpm --filter aws-idc bench: start-up time of aws-idc against bare Node, measured in the same run.
// Uses hyperfine when installed (else a small Node harness). NODE_EXTRA_CA_CERTS is removed from the
// environment: it makes every Node start read a CA bundle and would hide the difference.
// Goal: warm `credential-process` median <= 1.5x `node -e 0`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setupWarmCache } from './setup.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const runJs = join(root, 'bin', 'run.js')
const runs = Number(process.env.BENCH_RUNS ?? 30)
const GOAL = 1.5

const baseEnv = { ...process.env }
delete baseEnv.NODE_EXTRA_CA_CERTS
delete baseEnv.NODE_OPTIONS

const warm = await setupWarmCache()
const env = { ...baseEnv, ...(warm?.env ?? {}) }
const node = process.execPath
const q = (s) => `'${s.replaceAll("'", "'\\''")}'`

const cases = [
  { name: 'node -e 0', argv: [node, '-e', '0'] },
  { name: 'aws-idc --help', argv: [node, runJs, '--help'] },
]
if (warm) {
  cases.push({
    name: `aws-idc credential-process --profile ${warm.profile} (warm)`,
    argv: [node, runJs, 'credential-process', '--profile', warm.profile],
    goal: GOAL,
  })
} else {
  console.log(
    'note: no warm cache (bench/setup.mjs TODO); measuring `credential-process` fallback path is skipped',
  )
}

const hyperfine = ['/usr/bin/hyperfine', '/usr/local/bin/hyperfine'].find(existsSync)
const medians = hyperfine ? withHyperfine(hyperfine) : withNode()

const base = medians[0]
console.log('')
console.log(`${'command'.padEnd(60)} ${'median'.padStart(9)} ${'ratio'.padStart(7)}`)
let failed = false
cases.forEach((c, i) => {
  const ratio = medians[i] / base
  const mark = c.goal ? (ratio <= c.goal ? `  ok (goal <= ${c.goal}x)` : `  OVER GOAL (<= ${c.goal}x)`) : ''
  if (c.goal && ratio > c.goal) failed = true
  console.log(
    `${c.name.padEnd(60)} ${`${(medians[i] * 1000).toFixed(1)}ms`.padStart(9)} ${`${ratio.toFixed(2)}x`.padStart(7)}${mark}`,
  )
})
await warm?.teardown?.()
if (failed && process.env.BENCH_STRICT) process.exit(1)

function withHyperfine(bin) {
  const out = join(mkdtempSync(join(tmpdir(), 'aws-idc-bench-')), 'result.json')
  const args = [
    '--warmup',
    '3',
    '--runs',
    String(runs),
    '--shell=none',
    '--style',
    'basic',
    '--export-json',
    out,
  ]
  for (const c of cases) args.push('--command-name', c.name, c.argv.map(q).join(' '))
  const r = spawnSync(bin, args, { env, stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`hyperfine failed (${r.status})`)
  return JSON.parse(readFileSync(out, 'utf8')).results.map((x) => x.median)
}

function withNode() {
  return cases.map((c) => {
    const times = []
    for (let i = 0; i < runs + 3; i++) {
      const t0 = process.hrtime.bigint()
      const r = spawnSync(c.argv[0], c.argv.slice(1), { env, stdio: 'ignore' })
      const t = Number(process.hrtime.bigint() - t0) / 1e9
      if (r.status !== 0 && c.goal) throw new Error(`${c.name} exited ${r.status}`)
      if (i >= 3) times.push(t)
    }
    times.sort((a, b) => a - b)
    return times[Math.floor(times.length / 2)]
  })
}
