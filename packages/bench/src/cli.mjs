#!/usr/bin/env node
// `pnpm bench [ROW...] [--json FILE] [--runs N] [--quick]` (root script -> turbo -> this file).
// Exit 0 unless BENCH_STRICT=1 and a goal is missed (1), a row module failed (1), or bad usage (2).
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  availableRows,
  DEFAULT_REPORT,
  exitCode,
  formatTable,
  runBench,
  unknownRows,
  writeReport,
} from './harness.mjs'

const USAGE = `Usage: pnpm bench [ROW...] [--json FILE] [--runs N] [--quick]

Runs the benchmark rows (all, or the ones named) and prints one table; every figure is measured
against a baseline in the same run. Rows: ${availableRows().join(', ')}.

  --json FILE  write the JSON report there (default packages/bench/results/latest.json)
  --runs N     timed runs per start-up case (default 20, or BENCH_RUNS)
  --quick      tiny sizes (what the smoke tests run): checks that every row works, not speed
Env: BENCH_STRICT=1 exits 1 when a goal is missed.`

function usage(message) {
  process.stderr.write(`error: ${message}\nhint: Run \`pnpm bench --help\` for the rows and options.\n`)
  process.exit(2)
}

let parsed
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'string' },
      runs: { type: 'string' },
      quick: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
} catch (error) {
  usage(error instanceof Error ? error.message : String(error))
}
const { values, positionals } = parsed
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const unknown = unknownRows(positionals)
if (unknown.length) usage(`unknown row ${unknown.join(', ')} (rows: ${availableRows().join(', ')})`)
const runsText = values.runs ?? process.env.BENCH_RUNS
const runs = runsText === undefined ? undefined : Number(runsText)
if (runs !== undefined && !(Number.isInteger(runs) && runs >= 1))
  usage(`--runs must be a whole number >= 1, got ${runsText}`)

// Relative to where `pnpm bench` was typed: the root script passes pnpm's INIT_CWD on as BENCH_CWD,
// since turbo runs this through another pnpm (whose INIT_CWD is packages/bench).
const base = process.env.BENCH_CWD || process.env.INIT_CWD || process.cwd()
const jsonFile = values.json ? resolve(base, values.json) : DEFAULT_REPORT

const report = await runBench({ names: positionals, runs, quick: values.quick })
writeReport(report, jsonFile)
const missed = report.rows.filter((r) => r.ok === false)
const failed = report.modules.filter((m) => m.status === 'failed')
console.log(`\n${formatTable(report.rows)}`)
console.log(
  `\nload average before ${report.loadavg.before.join(' ')}, after ${report.loadavg.after.join(' ')} ` +
    `on ${report.machine.cpus} CPUs (a loaded machine inflates every figure; the ratios less so)`,
)
console.log(
  `${missed.length} goal(s) missed${failed.length ? `, ${failed.length} row module(s) failed` : ''}; wrote ${jsonFile}`,
)
process.exitCode = exitCode(report, process.env.BENCH_STRICT === '1')
