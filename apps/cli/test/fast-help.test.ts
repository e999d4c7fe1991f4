// `aws-idc --help` and `aws-idc <command> --help` from the help prebuilt at build time (bin/help.cjs,
// scripts/render-help.mjs), as real child processes: the launcher must print byte for byte what oclif
// prints (AWS_IDC_NO_FAST_PATH=1) wherever it serves, serve without loading oclif, and hand everything
// it cannot be sure of to oclif. No timings are asserted here (`pnpm bench` measures them).
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { renderHelp, WIDTHS } from '../scripts/render-help.mjs'
import { type CliResult, cliRoot, isolatedEnv, runCli, runCliAsync } from './helpers.js'

const OCLIF = { AWS_IDC_NO_FAST_PATH: '1' }
const helpDir = join(cliRoot, 'dist', 'help')
const tmp = mkdtempSync(join(tmpdir(), 'aws-idc-fast-help-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** The commands of our three plugins, from the prebuilt help (checked against oclif's list below). */
const prebuilt80 = JSON.parse(readFileSync(join(helpDir, '80.json'), 'utf8')) as {
  root: string
  commands: Record<string, string>
}
const COMMANDS = Object.keys(prebuilt80.commands)
const OUR_COMMANDS = [
  'accounts',
  'configure',
  'console',
  'credential-process',
  'creds',
  'doctor',
  'exec',
  'login',
  'logout',
  'populate',
  'roles',
  'serve',
  'sessions',
  'whoami',
]

let traceCount = 0
/**
 * Runs bin/run.cjs with test/fixtures/trace-loads.cjs preloaded; `oclif` tells whether any @oclif
 * module was loaded (i.e. whether the launcher fell back to oclif).
 */
async function traced(args: string[], env: Record<string, string>): Promise<CliResult & { oclif: boolean }> {
  const trace = join(tmp, `trace-${traceCount++}.jsonl`)
  const r = await runCliAsync(args, {
    env: { ...env, AWS_IDC_TRACE_FILE: trace },
    nodeArgs: ['--require', join(cliRoot, 'test', 'fixtures', 'trace-loads.cjs')],
  })
  const loads = existsSync(trace) ? readFileSync(trace, 'utf8') : ''
  rmSync(trace, { force: true })
  return { ...r, oclif: /@oclif[\\/]core/.test(loads) }
}

/** Runs at most `limit` promises at a time (each child process is a full Node start). */
async function pool<T>(tasks: (() => Promise<T>)[], limit = 4): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++
        results[i] = await tasks[i]!()
      }
    }),
  )
  return results
}

const strip = ({ status, stdout, stderr }: CliResult) => ({ status, stdout, stderr })

describe('prebuilt help', () => {
  it('covers the root and exactly the commands of @idc/plugin-sso, -creds and -profiles', () => {
    expect(COMMANDS).toEqual(OUR_COMMANDS)
    const files = readdirSync(helpDir).sort()
    expect(files).toEqual(WIDTHS.flatMap((w) => [`${w}-color.json`, `${w}.json`]).sort())
  })

  it('is what scripts/render-help.mjs renders now (rebuild with `pnpm --filter aws-idc build`)', async () => {
    const fresh = join(tmp, 'fresh')
    await renderHelp(fresh)
    for (const name of readdirSync(helpDir))
      expect(readFileSync(join(fresh, name), 'utf8'), `dist/help/${name} is stale`).toBe(
        readFileSync(join(helpDir, name), 'utf8'),
      )
    expect(readdirSync(fresh).sort()).toEqual(readdirSync(helpDir).sort())
  })
})

describe('served without oclif, byte-identical to oclif', () => {
  const env = isolatedEnv()

  it.each([
    ['aws-idc', []],
    ['aws-idc --help', ['--help']],
    ['aws-idc help', ['help']],
  ])('%s (80 columns, not a terminal)', async (_name, args) => {
    const [fast, oclif] = await Promise.all([
      traced(args, env),
      runCliAsync(args, { env: { ...env, ...OCLIF } }),
    ])
    expect(fast.oclif).toBe(false)
    expect(oclif.status).toBe(0)
    expect(strip(fast)).toEqual(oclif)
    expect(fast.stdout).toMatch(/^VERSION\n {2}aws-idc\/\S+ \S+-\S+ node-v\S+\n/m)
    for (const id of COMMANDS) expect(fast.stdout).toMatch(new RegExp(`^ {2}${id} `, 'm'))
  })

  it('<command> --help and help <command> for every command (80 columns, not a terminal)', async () => {
    const shapes = COMMANDS.flatMap((id) => [
      [id, '--help'],
      ['help', id],
    ])
    const results = await pool(
      shapes.map((args) => async () => {
        const [fast, oclif] = await Promise.all([
          traced(args, env),
          runCliAsync(args, { env: { ...env, ...OCLIF } }),
        ])
        return { args, fast, oclif }
      }),
      2,
    )
    for (const { args, fast, oclif } of results) {
      expect(fast.oclif, args.join(' ')).toBe(false)
      expect(oclif.status, args.join(' ')).toBe(0)
      expect(strip(fast), args.join(' ')).toEqual(oclif)
    }
  })

  // Every rendered width and colour mode: oclif's output for every command equals the prebuilt text;
  // the launcher serves the root and one command from it without oclif.
  it.each(
    WIDTHS.flatMap((width) => [
      { width, color: false },
      { width, color: true },
    ]),
  )('root and every command at OCLIF_COLUMNS=$width, colours: $color', async ({ width, color }) => {
    // As the build renders them: FORCE_COLOR=1 (and no NO_COLOR) for colours.
    const { NO_COLOR: _, ...noNoColor } = env
    const variantEnv = {
      ...(color ? noNoColor : env),
      OCLIF_COLUMNS: String(width),
      ...(color ? { FORCE_COLOR: '1' } : {}),
    }
    const file = JSON.parse(readFileSync(join(helpDir, `${width}${color ? '-color' : ''}.json`), 'utf8')) as {
      root: string
      commands: Record<string, string>
    }
    const oclif = await pool(
      COMMANDS.map((id) => () => runCliAsync([id, '--help'], { env: { ...variantEnv, ...OCLIF } })),
      2,
    )
    COMMANDS.forEach((id, i) => {
      expect(oclif[i]!.status, id).toBe(0)
      expect(file.commands[id], id).toBe(oclif[i]!.stdout)
      expect(oclif[i]!.stdout.includes('\x1b['), id).toBe(color)
    })
    for (const args of [['--help'], ['login', '--help']]) {
      const [fast, reference] = await Promise.all([
        traced(args, variantEnv),
        runCliAsync(args, { env: { ...variantEnv, ...OCLIF } }),
      ])
      expect(fast.oclif, args.join(' ')).toBe(false)
      expect(strip(fast), args.join(' ')).toEqual(reference)
    }
  })

  // A terminal: the width comes from the terminal and oclif colours the headers. util-linux `script`
  // gives the child a pseudo-terminal (skipped where it is missing).
  const script = process.platform === 'linux' && existsSync('/usr/bin/script')
  it.skipIf(!script).each([
    { columns: 100, noColor: false, served: true },
    { columns: 120, noColor: true, served: true },
    { columns: 90, noColor: false, served: false },
  ])(
    'on a terminal of $columns columns, NO_COLOR: $noColor (served: $served)',
    ({ columns, noColor, served }) => {
      // isolatedEnv sets NO_COLOR; and under CI=true (as in .ci/run) supports-color turns colour off
      // for a terminal too, so a person's terminal is simulated without the CI variables.
      const { NO_COLOR: _, CI: _ci, GITHUB_ACTIONS: _gha, ...colorEnv } = env
      const inTerminal = (args: string, extra: Record<string, string>) => {
        const trace = join(tmp, `tty-trace-${traceCount++}.jsonl`)
        const preload = join(cliRoot, 'test', 'fixtures', 'trace-loads.cjs')
        const r = spawnSync(
          '/usr/bin/script',
          [
            '-qec',
            `stty cols ${columns} rows 50; exec "${process.execPath}" --require "${preload}" "${join(cliRoot, 'bin', 'run.cjs')}" ${args}`,
            '/dev/null',
          ],
          {
            env: { ...colorEnv, TERM: 'xterm-256color', ...extra, AWS_IDC_TRACE_FILE: trace },
            encoding: 'utf8',
          },
        )
        const loads = existsSync(trace) ? readFileSync(trace, 'utf8') : ''
        return { status: r.status, stdout: r.stdout, oclif: /@oclif[\\/]core/.test(loads) }
      }
      const extra: Record<string, string> = noColor ? { NO_COLOR: '1' } : {}
      for (const args of ['--help', 'login --help']) {
        const fast = inTerminal(args, extra)
        const oclif = inTerminal(args, { ...extra, ...OCLIF })
        expect(fast.oclif, args).toBe(!served)
        expect(oclif.oclif).toBe(true)
        expect(fast.status).toBe(0)
        expect(fast.stdout).toBe(oclif.stdout)
        expect(fast.stdout.includes('\x1b[1mUSAGE'), args).toBe(!noColor)
      }
    },
  )
})

describe('falls back to oclif', () => {
  const cases: [string, string[], Record<string, string>][] = [
    ['a width that was not rendered (OCLIF_COLUMNS=90)', ['login', '--help'], { OCLIF_COLUMNS: '90' }],
    ['AWS_IDC_NO_FAST_PATH=1', ['--help'], OCLIF],
    ['DEBUG set', ['--help'], { DEBUG: 'nothing' }],
    ['an unknown AWS_IDC_* variable', ['--help'], { AWS_IDC_SOMETHING: '1' }],
    ['a plugin-plugins command', ['plugins', '--help'], {}],
    ['plugin-autocomplete', ['help', 'autocomplete'], {}],
    ['-h (not a help flag for oclif)', ['login', '-h'], {}],
    ['more arguments', ['login', '--help', '--profile', 'x'], {}],
    ['an unknown command', ['nope', '--help'], {}],
  ]
  it.each(cases)('%s', async (_name, args, extra) => {
    const env = isolatedEnv(extra)
    const [fast, oclif] = await Promise.all([
      traced(args, env),
      runCliAsync(args, { env: { ...env, ...OCLIF } }),
    ])
    expect(fast.oclif).toBe(true)
    expect(strip(fast)).toEqual(oclif)
  })

  it('a theme.json in oclif config directory', async () => {
    const env = isolatedEnv()
    const dir = join(env['XDG_CONFIG_HOME']!, 'aws-idc')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'theme.json'), '{"sectionHeader":"red"}\n')
    const fast = await traced(['--help'], env)
    expect(fast.oclif).toBe(true)
    expect(fast.status).toBe(0)
  })

  it('a linked plugin: its commands are in the help; unlinked, the prebuilt help is served again', () => {
    const env = isolatedEnv()
    const plugin = join(cliRoot, 'test', 'fixtures', 'hello-plugin')
    const link = runCli(['plugins', 'link', plugin, '--no-install'], { env })
    expect(link.stderr).not.toMatch(/error/i)
    expect(link.status).toBe(0)
    expect(existsSync(join(env['XDG_DATA_HOME']!, 'aws-idc', 'package.json'))).toBe(true)
    const help = runCli(['--help'], { env })
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/^ {2}hello +Say hello \(a linked test plugin\)\.$/m)
    expect(help).toEqual(runCli(['--help'], { env: { ...env, ...OCLIF } }))
    // The same data directory through AWS_IDC_DATA_DIR (what oclif reads first).
    const moved = { ...env, XDG_DATA_HOME: join(env['HOME']!, 'elsewhere') }
    expect(runCli(['--help'], { env: moved }).stdout).not.toContain('hello')
    expect(
      runCli(['--help'], { env: { ...moved, AWS_IDC_DATA_DIR: join(env['XDG_DATA_HOME']!, 'aws-idc') } })
        .stdout,
    ).toMatch(/^ {2}hello /m)
    expect(runCli(['plugins', 'unlink', 'idc-hello-plugin'], { env }).status).toBe(0)
    const after = runCli(['--help'], { env })
    expect(after.stdout).not.toContain('hello')
    expect(after.stdout).toBe(runCli(['--help'], { env: { ...env, ...OCLIF } }).stdout)
  })

  it('prebuilt help from other oclif or plugin versions (fingerprint) is not served', () => {
    // A copy of aws-idc whose dist/help says it was rendered from another @oclif/core.
    const root = join(tmp, 'copy')
    mkdirSync(join(root, 'bin'), { recursive: true })
    for (const f of ['run.cjs', 'help.cjs']) copyFileSync(join(cliRoot, 'bin', f), join(root, 'bin', f))
    copyFileSync(join(cliRoot, 'package.json'), join(root, 'package.json'))
    copyFileSync(join(cliRoot, 'oclif.manifest.json'), join(root, 'oclif.manifest.json'))
    symlinkSync(join(cliRoot, 'node_modules'), join(root, 'node_modules'))
    cpSync(helpDir, join(root, 'dist', 'help'), { recursive: true })
    const bin = join(root, 'bin', 'run.cjs')
    const env = isolatedEnv()
    const served = `const ok = require(${JSON.stringify(join(root, 'bin', 'help.cjs'))}).serve(['--help'], ${JSON.stringify(root)}); process.stderr.write(String(ok))`
    const check = () => spawnSync(process.execPath, ['-e', served], { env, encoding: 'utf8' })
    expect(check().stderr).toBe('true')
    const file = join(root, 'dist', 'help', '80.json')
    const data = JSON.parse(readFileSync(file, 'utf8')) as { fingerprint: string }
    writeFileSync(
      file,
      JSON.stringify({
        ...data,
        fingerprint: data.fingerprint.replace(/@oclif\/core@[^ ]+/, '@oclif/core@0.0.1'),
      }),
    )
    const r = check()
    expect(r.stderr).toBe('false')
    expect(r.stdout).toBe('')
    // And the launcher prints oclif's help instead.
    expect(runCli(['--help'], { env, bin })).toEqual(runCli(['--help'], { env: { ...env, ...OCLIF }, bin }))
  })
})
