import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  availableRows,
  benchEnv,
  exitCode,
  formatTable,
  judge,
  PACKAGE_DIR,
  ROW_ORDER,
  runBench,
} from '../src/harness.mjs'

const exec = promisify(execFile)
const CLI = join(PACKAGE_DIR, 'src', 'cli.mjs')

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await exec(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      timeout: 120_000,
    })
    return { code: 0, stdout: r.stdout, stderr: r.stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}

describe('judge', () => {
  it('fills the ratio from the baseline and checks the goal on the ratio or the value', () => {
    const r = judge({
      group: 'g',
      name: 'n',
      value: 30,
      unit: 'ms',
      baseline: { name: 'b', value: 20 },
      goal: { max: 1.5, of: 'ratio' },
    })
    expect(r).toMatchObject({ ratio: 1.5, ok: true })
    expect(judge({ ...r, ratio: undefined, ok: undefined, value: 31 }).ok).toBe(false)
    // Judged as printed: 30.004 / 20 is 1.5x in the table, so it meets a 1.5x goal.
    expect(judge({ ...r, ratio: undefined, ok: undefined, value: 30.004 })).toMatchObject({
      ratio: 1.5,
      ok: true,
    })
    expect(
      judge({ group: 'g', name: 'n', value: 2, unit: 'calls', goal: { min: 1, max: 1, of: 'value' } }).ok,
    ).toBe(false)
    expect(
      judge({ group: 'g', name: 'n', value: 1, unit: 'calls', goal: { min: 1, max: 1, of: 'value' } }).ok,
    ).toBe(true)
    // A row's own verdict stands (e.g. "callers got different credentials").
    expect(
      judge({ group: 'g', name: 'n', value: 1, unit: 'calls', goal: { max: 1, of: 'value' }, ok: false }).ok,
    ).toBe(false)
  })
})

describe('formatTable', () => {
  it('prints group, name, value, baseline, ratio and goal with ok or MISSED, notes under their row', () => {
    const rows = [
      judge({
        group: 'warm',
        name: 'a',
        value: 40,
        unit: 'ms',
        baseline: { name: 'node -e 0', value: 20 },
        goal: { max: 1.5, of: 'ratio' },
        note: 'median of 20',
      }),
      judge({ group: 'node', name: 'b', value: 1, unit: 'calls', goal: { min: 1, max: 1, of: 'value' } }),
    ]
    const lines = formatTable(rows).split('\n')
    expect(lines[0]).toMatch(/^group +name +value +baseline +ratio +goal$/)
    expect(lines[2]).toMatch(/^warm +a +40 ms +20 ms \(node -e 0\) +2x +<= 1\.5x MISSED$/)
    expect(lines[3].trim()).toBe('median of 20')
    expect(lines[4]).toMatch(/^node +b +1 calls +.*= 1 calls ok$/)
  })
})

describe('benchEnv', () => {
  it('drops AWS_*, NODE_OPTIONS and NODE_EXTRA_CA_CERTS', () => {
    const env = benchEnv({
      PATH: '/bin',
      AWS_PROFILE: 'x',
      NODE_OPTIONS: '--require x',
      NODE_EXTRA_CA_CERTS: '/ca',
      HOME: '/h',
    })
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/h',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    })
  })
})

describe('runBench', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'idc-bench-rows-'))
    await writeFile(
      join(dir, 'startup.mjs'),
      `export const title = 'fake'\nexport async function run(ctx) { return [{ group: 'g', name: 'r', value: 3, unit: 'ms', baseline: { name: 'b', value: 2 }, goal: { max: 1.2, of: 'ratio' }, note: String(ctx.quick) }] }\n`,
    )
    await writeFile(
      join(dir, 'node.mjs'),
      `export const title = 'broken'\nexport async function run() { throw new Error('boom') }\n`,
    )
    await writeFile(
      join(dir, 'zz-extra.mjs'),
      `export const title = 'bad shape'\nexport async function run() { return [{ group: 'g', name: 'x', value: 'fast', unit: 'ms' }] }\n`,
    )
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('runs the modules in order, reports a missing module (populate before it lands), a failed one and a bad row', async () => {
    const lines: string[] = []
    const report = await runBench({ rowsDir: dir, quick: true, log: (l: string) => lines.push(l) })
    expect(availableRows(dir)).toEqual(['startup', 'node', 'zz-extra'])
    expect(report.modules.map((m: { name: string; status: string }) => [m.name, m.status])).toEqual([
      ...ROW_ORDER.map((n: string) => [n, n === 'startup' ? 'ok' : n === 'node' ? 'failed' : 'missing']),
      ['zz-extra', 'failed'],
    ])
    expect(report.modules.find((m: { name: string }) => m.name === 'node').error).toBe('boom')
    expect(report.modules.find((m: { name: string }) => m.name === 'zz-extra').error).toMatch(
      /value must be a number/,
    )
    expect(report.rows).toEqual([
      expect.objectContaining({ module: 'startup', name: 'r', ratio: 1.5, ok: false, note: 'true' }),
    ])
    expect(report).toMatchObject({ schema: 1, quick: true, machine: { node: process.version } })
    expect(report.loadavg.before).toHaveLength(3)
    expect(lines.join('\n')).toMatch(/\[populate\] skipped: no row module populate\.mjs yet/)
    // A failed module fails the run; a missed goal only under BENCH_STRICT=1.
    expect(exitCode(report, false)).toBe(1)
    const fine = {
      ...report,
      modules: report.modules.filter((m: { status: string }) => m.status !== 'failed'),
    }
    expect(exitCode(fine, false)).toBe(0)
    expect(exitCode(fine, true)).toBe(1)
  })

  it('names: only those run', async () => {
    const report = await runBench({ rowsDir: dir, names: ['startup'], quick: true, log: () => {} })
    expect(report.modules.map((m: { name: string }) => m.name)).toEqual(['startup'])
  })
})

describe('pnpm bench (src/cli.mjs)', () => {
  it('an unknown row or a bad --runs is a usage error (exit 2) with a hint', async () => {
    const r = await cli(['nosuchrow'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^error: unknown row nosuchrow \(rows: startup, /)
    expect(r.stderr).toMatch(/hint: Run `pnpm bench --help`/)
    const runs = await cli(['--runs', '0'])
    expect(runs.code).toBe(2)
    expect(runs.stderr).toMatch(/--runs must be a whole number >= 1/)
  })

  it('--json FILE is relative to where pnpm was run (BENCH_CWD from the root script); the table and the load average are printed', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'idc-bench-cwd-'))
    try {
      const r = await cli(['node', '--quick', '--json', 'out/report.json'], { BENCH_CWD: cwd })
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/\ngroup +name +value +baseline +ratio +goal\n/)
      expect(r.stdout).toMatch(/load average before [\d.]+ [\d.]+ [\d.]+, after /)
      const file = join(cwd, 'out', 'report.json')
      expect(existsSync(file)).toBe(true)
      const report = JSON.parse(await readFile(file, 'utf8'))
      expect(report.rows.map((x: { module: string }) => x.module)).toEqual(['node', 'node'])
    } finally {
      await rm(cwd, { recursive: true, force: true })
    }
  })
})
