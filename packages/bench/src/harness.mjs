// The harness behind `pnpm bench`: runs the row modules of src/rows/ (every one, in ROW_ORDER, or the
// ones named), checks each row against its goal, prints one table and writes the JSON report.
//
// A row module exports `title` and `async run(ctx)` returning Row[] (the interface: packages/bench/README.md).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { round } from './lib/stats.mjs'

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..')
export const REPO_ROOT = join(PACKAGE_DIR, '..', '..')
export const ROWS_DIR = join(PACKAGE_DIR, 'src', 'rows')
export const CLI_BIN = join(REPO_ROOT, 'apps', 'cli', 'bin', 'run.cjs')
export const DEFAULT_REPORT = join(PACKAGE_DIR, 'results', 'latest.json')

/** The order of a full run; a module not listed here runs after these, by name. */
export const ROW_ORDER = ['startup', 'login', 'populate', 'node', 'serve', 'action', 'emulator']

/** The row modules present, in run order. */
export function availableRows(rowsDir = ROWS_DIR) {
  const present = readdirSync(rowsDir)
    .filter((f) => f.endsWith('.mjs'))
    .map((f) => f.slice(0, -'.mjs'.length))
  return [
    ...ROW_ORDER.filter((n) => present.includes(n)),
    ...present.filter((n) => !ROW_ORDER.includes(n)).sort(),
  ]
}

/**
 * The environment every measured process starts from: this one without AWS_* (which would point
 * outside the sandbox), NODE_OPTIONS (may preload anything) and NODE_EXTRA_CA_CERTS (parsing a CA
 * bundle at every start doubles `node -e 0` on some machines and would hide what aws-idc costs).
 */
export function benchEnv(from = process.env) {
  const env = {}
  for (const [k, v] of Object.entries(from)) {
    if (v === undefined || k.startsWith('AWS_') || k === 'NODE_OPTIONS' || k === 'NODE_EXTRA_CA_CERTS')
      continue
    env[k] = v
  }
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
  return env
}

/** @param {{ runs?: number, quick?: boolean, log?: (line: string) => void, env?: Record<string, string> }} [o] */
export function makeContext(o = {}) {
  return {
    runs: o.runs ?? 20,
    quick: o.quick ?? false,
    env: o.env ?? benchEnv(),
    node: process.execPath,
    cliBin: CLI_BIN,
    root: REPO_ROOT,
    log: o.log ?? ((line) => console.log(line)),
  }
}

/**
 * Fills in `ratio` (value / baseline) and `ok` (against the goal) where a row left them out. The goal
 * is judged on the figures as reported (3 significant digits), so a printed 1.5x is never "missed"
 * against a goal of 1.5x.
 */
export function judge(row) {
  const out = { ...row }
  if (out.ratio === undefined && out.baseline && out.baseline.value > 0)
    out.ratio = out.value / out.baseline.value
  for (const k of ['value', 'ratio']) if (typeof out[k] === 'number') out[k] = round(out[k])
  if (out.goal && out.ok === undefined) {
    const x = out.goal.of === 'ratio' ? out.ratio : out.value
    out.ok =
      typeof x === 'number' &&
      Number.isFinite(x) &&
      (out.goal.max === undefined || x <= out.goal.max) &&
      (out.goal.min === undefined || x >= out.goal.min)
  }
  if (out.baseline) out.baseline = { ...out.baseline, value: round(out.baseline.value) }
  return out
}

/** Checks a row's shape (the interface every row module follows); returns the problems. */
export function rowProblems(row) {
  const units = ['ms', 's', 'MB', 'ns/op', 'req/s', 'calls', 'x']
  const p = []
  if (typeof row?.group !== 'string' || !row.group) p.push('group must be a non-empty string')
  if (typeof row?.name !== 'string' || !row.name) p.push('name must be a non-empty string')
  if (typeof row?.value !== 'number' || Number.isNaN(row.value)) p.push('value must be a number')
  if (!units.includes(row?.unit)) p.push(`unit must be one of ${units.join(', ')}`)
  if (
    row?.baseline !== undefined &&
    (typeof row.baseline.name !== 'string' || typeof row.baseline.value !== 'number')
  )
    p.push('baseline must be { name, value }')
  if (row?.goal !== undefined && !['ratio', 'value'].includes(row.goal.of))
    p.push("goal.of must be 'ratio' or 'value'")
  return p
}

/** A value with its unit: `25.5 ms`, `1.37x`. */
export function unitText(v, unit) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v)
  return unit === 'x' ? `${v}x` : `${v} ${unit}`
}

const TERMINAL = { le: '<=', ge: '>=', to: '..', ok: 'ok', missed: 'MISSED' }

/** A row's goal and verdict: `<= 1.5x ok`; `words` for other media (the docs page uses ≤ and bold). */
export function goalText(row, words = TERMINAL) {
  if (!row.goal) return ''
  const { min, max, of } = row.goal
  const suffix = of === 'ratio' ? 'x' : ` ${row.unit}`
  const bounds =
    min !== undefined && max !== undefined
      ? min === max
        ? `= ${max}${suffix}`
        : `${min}${words.to}${max}${suffix}`
      : max !== undefined
        ? `${words.le} ${max}${suffix}`
        : `${words.ge} ${min}${suffix}`
  return `${bounds} ${row.ok ? words.ok : words.missed}`
}

/** The table `pnpm bench` prints. */
export function formatTable(rows) {
  const cells = rows.map((r) => [
    r.group,
    r.name,
    r.skipped ? 'skipped' : unitText(r.value, r.unit),
    r.baseline ? `${unitText(r.baseline.value, r.unit)} (${r.baseline.name})` : '',
    r.ratio === undefined ? '' : `${r.ratio}x`,
    goalText(r),
  ])
  const head = ['group', 'name', 'value', 'baseline', 'ratio', 'goal']
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c) =>
    c
      .map((x, i) => (i === 2 || i === 4 ? x.padStart(widths[i]) : x.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  const out = [line(head), line(widths.map((w) => '-'.repeat(w)))]
  for (const [i, c] of cells.entries()) {
    out.push(line(c))
    if (rows[i].note) out.push(`${' '.repeat(widths[0] + 2)}  ${rows[i].note}`)
  }
  return out.join('\n')
}

/**
 * Runs the named row modules (all when none is named) and returns the report.
 * @param {{ names?: string[], runs?: number, quick?: boolean, log?: (l: string) => void, rowsDir?: string }} [options]
 */
export async function runBench(options = {}) {
  const rowsDir = options.rowsDir ?? ROWS_DIR
  const log = options.log ?? ((line) => console.log(line))
  // The SDK clients of this process (sign-in, load generators) would warn on Node 20 at every start.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  const present = availableRows(rowsDir)
  const wanted = options.names?.length ? options.names : [...new Set([...ROW_ORDER, ...present])]
  const ctx = makeContext({ runs: options.runs, quick: options.quick, log })
  const report = {
    schema: 1,
    generatedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model?.trim() ?? 'unknown',
    },
    loadavg: { before: loadavg().map((l) => round(l)), after: [] },
    nodeExtraCaCerts: process.env.NODE_EXTRA_CA_CERTS
      ? 'set on this machine and removed for every measured process'
      : 'not set',
    runs: ctx.runs,
    quick: ctx.quick,
    modules: [],
    rows: [],
  }
  log(
    `aws-idc bench: Node ${process.version}, ${report.machine.cpus} CPUs, load average ${report.loadavg.before.join(' ')}`,
  )
  if (process.env.NODE_EXTRA_CA_CERTS)
    log(
      'note: NODE_EXTRA_CA_CERTS is set here; it is removed for every measured process (it slows each Node start)',
    )
  for (const name of wanted) {
    const file = join(rowsDir, `${name}.mjs`)
    if (!existsSync(file)) {
      // populate.mjs comes from another change; a missing module is reported, not fatal.
      log(`\n[${name}] skipped: no row module ${name}.mjs yet`)
      report.modules.push({ name, status: 'missing' })
      continue
    }
    const mod = await import(pathToFileURL(file).href)
    log(`\n[${name}] ${mod.title ?? name}`)
    const t0 = performance.now()
    try {
      const rows = (await mod.run(ctx)).map((r) => ({ ...judge(r), module: name }))
      for (const r of rows) {
        const problems = rowProblems(r)
        if (problems.length) throw new Error(`row ${JSON.stringify(r.name)}: ${problems.join('; ')}`)
      }
      report.rows.push(...rows)
      const seconds = round((performance.now() - t0) / 1000)
      report.modules.push({ name, title: mod.title, status: 'ok', seconds })
      log(`[${name}] ${rows.length} rows in ${seconds} s`)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      log(`[${name}] failed: ${message}`)
      if (process.env.BENCH_DEBUG && error instanceof Error) log(error.stack ?? '')
      report.modules.push({ name, title: mod.title, status: 'failed', error: message })
    }
  }
  report.loadavg.after = loadavg().map((l) => round(l))
  return report
}

/** Writes the report as JSON (parent directories created). */
export function writeReport(report, file) {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
}

/** Names that are neither a row module nor in ROW_ORDER (populate may be missing, not unknown). */
export function unknownRows(names) {
  const known = new Set([...ROW_ORDER, ...availableRows()])
  return names.filter((n) => !known.has(n))
}

/** 1 when a row module failed, or when `strict` (BENCH_STRICT=1) and a goal was missed; else 0. */
export function exitCode(report, strict) {
  if (report.modules.some((m) => m.status === 'failed')) return 1
  if (strict && report.rows.some((r) => r.ok === false)) return 1
  return 0
}
