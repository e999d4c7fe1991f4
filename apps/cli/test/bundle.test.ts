// dist/cli.cjs (scripts/bundle-cli.mjs): the whole CLI in one file, its commands found by oclif's explicit
// command discovery, loaded with a V8 code cache of ours (one per command).
// Real child processes in a temporary HOME; no timings are asserted (`pnpm bench` measures them).
// The help text itself: the snapshots in test/cli.test.ts.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { duplicatePackageLines } from '../../../scripts/package-lines.mjs'
import { asciiRegexLiterals } from '../scripts/ascii.mjs'
import { hasZlibCrc32, lazyBuiltins, lazyBuiltinsWith, nodeSatisfies } from '../scripts/lazy-builtins.mjs'
import { cacheFiles, cliRoot, isolatedEnv, runCli, runJs } from './helpers.js'

const repo = join(cliRoot, '..', '..')
const PLUGINS = ['plugin-sso', 'plugin-creds', 'plugin-profiles']
const tmp = mkdtempSync(join(tmpdir(), 'aws-idc-bundle-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('dist/cli.cjs', () => {
  it('has every command of the three plugins (their src/commands.ts) and `help`, as the manifest does', async () => {
    const expected = ['help']
    for (const p of PLUGINS) {
      const mod = (await import(pathToFileURL(join(repo, 'packages', p, 'dist', 'commands.js')).href)) as {
        COMMANDS: Record<string, unknown>
      }
      expected.push(...Object.keys(mod.COMMANDS))
    }
    const meta = JSON.parse(readFileSync(join(cliRoot, 'dist', 'cli.meta.json'), 'utf8')) as {
      commands: Record<string, string>
    }
    expect(Object.keys(meta.commands).sort()).toEqual([...expected].sort())
    const manifest = JSON.parse(readFileSync(join(cliRoot, 'oclif.manifest.json'), 'utf8')) as {
      commands: Record<string, unknown>
    }
    expect(Object.keys(manifest.commands).sort()).toEqual([...expected].sort())
    const pkg = JSON.parse(readFileSync(join(cliRoot, 'package.json'), 'utf8')) as {
      oclif: { commands: unknown; plugins: string[] }
    }
    expect(pkg.oclif.commands).toEqual({
      strategy: 'explicit',
      target: './dist/cli.cjs',
      identifier: 'COMMANDS',
    })
    for (const p of PLUGINS) expect(pkg.oclif.plugins).not.toContain(`@idc/${p}`)
  })

  it('runs no command and no AWS SDK code when it loads (each command is evaluated on first use)', () => {
    // Everything is inside the bundle, so what ran is seen through what it requires: a command's
    // modules require node:path, node:fs... when they are evaluated (counted through
    // Module.prototype.require), and nothing at load may load the built-ins the AWS SDK's HTTP
    // handler and checksums use (the bundle loads those on first use: scripts/lazy-builtins.mjs).
    const probe = `
      const Module = require('node:module')
      let requires = 0
      const real = Module.prototype.require
      Module.prototype.require = function (id) { requires++; return real.apply(this, arguments) }
      const sdkBuiltins = () => ['http', 'https', 'http2', 'zlib'].filter((m) => process.moduleLoadList.includes('NativeModule ' + m))
      const bundle = require(${JSON.stringify(join(cliRoot, 'dist', 'cli.cjs'))})
      const out = { atLoad: sdkBuiltins(), ids: Object.keys(bundle.COMMANDS) }
      const before = requires
      out.accounts = typeof bundle.COMMANDS.accounts.run
      out.accountsRequired = requires - before
      out.afterAccounts = sdkBuiltins()
      process.stdout.write(JSON.stringify(out))`
    const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', env: isolatedEnv() })
    expect(r.stderr).toBe('')
    const out = JSON.parse(r.stdout) as {
      atLoad: string[]
      ids: string[]
      accounts: string
      accountsRequired: number
      afterAccounts: string[]
    }
    expect(out.ids).toContain('accounts')
    expect(out.atLoad).toEqual([])
    expect(out.accounts).toBe('function')
    // Reading COMMANDS.accounts evaluated its modules (so the count above can see one)...
    expect(out.accountsRequired).toBeGreaterThan(0)
    // ...and still loaded none of the SDK's built-ins: they wait for the first request.
    expect(out.afterAccounts).toEqual([])
  })

  // A V8 code cache of ours on every Node (Node's compile cache would hold only the eagerly compiled
  // functions), one per command: the one `sessions` made holds the code `sessions` ran.
  it("keeps a V8 code cache per command in aws-idc's cache directory; same output with, without and with a damaged one", () => {
    const env = isolatedEnv()
    const cacheDir = join(env['XDG_CACHE_HOME'] ?? '', 'aws-idc')
    const args = ['sessions', '--json']
    const first = runCli(args, { env })
    expect(first.status).toBe(0)
    const v8Caches = () =>
      cacheFiles(cacheDir)
        .map((f) => f.slice(cacheDir.length + 1))
        .filter((f) => f.startsWith('cli-'))
    expect(v8Caches()).toEqual([expect.stringMatching(/^cli-[0-9a-f]{16}-sessions-v[\d.]+-\w+\.v8$/)])
    expect(runCli(['--help'], { env }).status).toBe(0)
    expect(v8Caches().sort()).toEqual([
      expect.stringMatching(/^cli-[0-9a-f]{16}-help-v[\d.]+-\w+\.v8$/),
      expect.stringMatching(/^cli-[0-9a-f]{16}-sessions-v[\d.]+-\w+\.v8$/),
    ])
    expect(runCli(args, { env })).toEqual(first)
    expect(runCli(args, { env: { ...env, AWS_IDC_NO_CODE_CACHE: '1' } })).toEqual(first)
    for (const f of cacheFiles(cacheDir)) writeFileSync(f, randomBytes(64))
    expect(runCli(args, { env })).toEqual(first)
    expect(runCli(args, { env })).toEqual(first)
  })

  // Node 20 drops a vm.Script's import() callback when the script comes from a code cache; the bundle
  // routes its run-time import() calls through bin/run.cjs (__awsIdcImport). @oclif/plugin-plugins is
  // ESM, so `plugins` imports it.
  it('an ESM plugin (oclif import()s it) runs from a cold and from a cached bundle', () => {
    const env = isolatedEnv()
    for (let i = 0; i < 3; i++) {
      const r = runCli(['plugins'], { env })
      expect(r.stderr).toBe('')
      expect(r.stdout).toBe('No plugins installed.\n')
      expect(r.status).toBe(0)
    }
  })

  it('an unknown command: oclif error + exit 2, as before the bundle', () => {
    const r = runCli(['no-such-command'])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/no-such-command/)
  })
})

describe('start-up work the bundles skip (what it saves is measured by `pnpm bench`, never here)', () => {
  // bin/run.cjs reads a bundle marked `ascii` as latin1 (a 2 MB two-byte UTF-8 decode otherwise).
  it.each(['cli.cjs', 'fast.cjs'])('dist/%s is pure ASCII and says so on its first line', (name) => {
    const bytes = readFileSync(join(cliRoot, 'dist', name))
    expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1)
    expect(bytes.subarray(0, bytes.indexOf(10)).toString('latin1')).toMatch(/^\/\/ aws-idc [^:]*: ascii\b/)
  })

  it('asciiRegexLiterals escapes regex literals only, to the same meaning', () => {
    const source =
      'const a = /[ß‘’]/g, b = /\\é/, c = /😀/u, d = 6 / 2 / 1, e = "é", f = String.raw`ü`\n' +
      'module.exports = { a, b, c, d, e, f }'
    const { code, ascii } = asciiRegexLiterals(source)
    // The tagged template's raw text cannot be escaped: the file stays UTF-8 (and is read as such).
    expect(ascii).toBe(false)
    expect(code).toBe(
      'const a = /[\\u00DF\\u2018\\u2019]/g, b = /\\u00E9/, c = /\\uD83D\\uDE00/u, d = 6 / 2 / 1, e = "é", f = String.raw`ü`\n' +
        'module.exports = { a, b, c, d, e, f }',
    )
    const run = (text: string) => {
      const m = { exports: {} as Record<string, unknown> }
      new Function('module', text)(m)
      return m.exports as { a: RegExp; b: RegExp; c: RegExp; d: number; e: string; f: string }
    }
    const before = run(source)
    const after = run(code)
    for (const input of ['ß', '‘', '’', 'x', 'é', '😀', '\uD83D'])
      for (const k of ['a', 'b', 'c'] as const) {
        before[k].lastIndex = 0
        after[k].lastIndex = 0
        expect([k, input, after[k].test(input)]).toEqual([k, input, before[k].test(input)])
      }
    expect([after.d, after.e, after.f]).toEqual([before.d, before.e, before.f])
    expect(asciiRegexLiterals('const x = /a/; // plain')).toEqual({
      code: 'const x = /a/; // plain',
      ascii: true,
    })
  })

  // @oclif/plugin-plugins and @oclif/plugin-autocomplete have no hook that fires for an aws-idc
  // command, so run() in dist/cli.cjs leaves them out of oclif's config for those (and their help).
  it("loads the core plugins for the root help and their own commands, not for aws-idc's commands", () => {
    const env = { ...isolatedEnv(), DEBUG: 'oclif:config' }
    const loadsCorePlugins = (args: string[]) => {
      const r = runCli(args, { env })
      expect(r.status).toBe(0)
      return /loading core plugin from \S*plugin-plugins/.test(r.stderr)
    }
    expect(loadsCorePlugins(['sessions', '--json'])).toBe(false)
    expect(loadsCorePlugins(['sessions', '--help'])).toBe(false)
    expect(loadsCorePlugins(['--help'])).toBe(true)
    expect(loadsCorePlugins(['plugins'])).toBe(true)
    // The root help still lists their commands.
    expect(runCli(['--help'], { env: isolatedEnv() }).stdout).toMatch(/^ {2}plugins /m)
  })

  it('hasZlibCrc32 (the SDK checksum rewrite) tells zlib.crc32 apart by Node version as zlib does', async () => {
    const zlib = await import('node:zlib')
    expect(hasZlibCrc32(process.versions.node)).toBe(typeof zlib.crc32 === 'function')
    const versions = { '20.14.0': false, '20.15.0': true, '20.19.5': true, '21.7.3': false, '22.1.0': false }
    for (const [v, has] of Object.entries({ ...versions, '22.2.0': true, '24.0.0': true, '25.1.0': true }))
      expect([v, hasZlibCrc32(v)]).toEqual([v, has])
  })

  it("starts oclif without semver and without fs/promises (readline's interface on Node 20) and without tty off a terminal", () => {
    const trace = join(tmp, 'trace-start.json')
    // The help screens are oclif's own work only (a command's own file reads are its business).
    for (const args of [['--help'], ['login', '--help'], ['accounts', '--help']]) {
      const r = runCli(args, {
        env: isolatedEnv({ AWS_IDC_TRACE_FILE: trace }),
        nodeArgs: ['--require', join(cliRoot, 'test', 'fixtures', 'trace-work.cjs')],
      })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      const work = JSON.parse(readFileSync(trace, 'utf8')) as {
        semverRegExps: number
        functionNames: number
        loaded: string[]
      }
      expect.soft({ args, semverRegExps: work.semverRegExps }).toEqual({ args, semverRegExps: 0 })
      // Function names are for a --debug stack trace only (scripts/debug-names.mjs).
      expect.soft({ args, functionNames: work.functionNames }).toEqual({ args, functionNames: 0 })
      expect
        .soft({ args, loaded: work.loaded.filter((m) => /promises|readline/.test(m)) })
        .toEqual({ args, loaded: [] })
    }
    // Neither stdout nor stderr is a terminal: no command line needs tty (debug's colours and
    // oclif's theme ask supports-color only when they colour something).
    const r = runCli(['sessions', '--json'], {
      env: isolatedEnv({ AWS_IDC_TRACE_FILE: trace }),
      nodeArgs: ['--require', join(cliRoot, 'test', 'fixtures', 'trace-work.cjs')],
    })
    expect(r.status).toBe(0)
    const work = JSON.parse(readFileSync(trace, 'utf8')) as { loaded: string[]; bareResolved: string[] }
    expect(work.loaded).not.toContain('tty')
    // Nor a search of node_modules for a package the bundle holds (fdir's picomatch check).
    expect(work.bareResolved).toEqual([])
  })

  it('names the functions in a --debug stack trace by their source names', () => {
    const trace = join(tmp, 'trace-debug.json')
    const r = runCli(['accounts', '--profile', 'no-such-profile', '--debug'], {
      env: isolatedEnv({ AWS_IDC_TRACE_FILE: trace }),
      nodeArgs: ['--require', join(cliRoot, 'test', 'fixtures', 'trace-work.cjs')],
    })
    expect(r.status).toBe(6)
    // @idc/core's config resolution, as in its source.
    expect(r.stderr).toMatch(/^ +at profileNotFound \(.*dist[\\/]cli\.cjs:\d+:\d+\)$/m)
    expect(r.stderr).toMatch(/^ +at requireProfile \(/m)
    expect(
      (JSON.parse(readFileSync(trace, 'utf8')) as { functionNames: number }).functionNames,
    ).toBeGreaterThan(100)
  })

  it("colours oclif's debug lines as before on a 256-colour terminal (debug's colours are worked out on use)", () => {
    // `script` gives the CLI a terminal; debug picks the namespace's colour from supports-color's
    // 256-colour list: 79 for oclif:config (the colour a 6-colour list cannot have).
    // supports-color gives a CI run (CI set) basic colours only, whatever the terminal.
    const env = isolatedEnv({ TERM: 'xterm-256color', DEBUG: 'oclif:config' })
    for (const key of ['CI', 'FORCE_COLOR']) delete env[key]
    const r = spawnSync(
      'script',
      ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(runJs)} sessions --json`, '/dev/null'],
      {
        encoding: 'utf8',
        env,
        timeout: 60_000,
      },
    )
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('\u001b[38;5;79;1moclif:config \u001b[0mloading core plugin')
  })

  it('fails the build when a rewrite of scripts/lazy-builtins.mjs finds no module, or no longer its text', async () => {
    writeFileSync(join(tmp, 'dep.js'), 'module.exports = 1 + 1\n')
    const bundle = (deferred: { file: RegExp; from: string; to: string }[]) =>
      build({
        stdin: { contents: "require('./dep.js')", resolveDir: tmp },
        bundle: true,
        platform: 'node',
        write: false,
        logLevel: 'silent',
        plugins: [lazyBuiltinsWith(deferred)],
      })
    await expect(bundle([{ file: /[\\/]dep\.js$/, from: '1 + 1', to: '2' }])).resolves.toBeTruthy()
    await expect(bundle([{ file: /[\\/]gone\.js$/, from: 'x', to: 'y' }])).rejects.toThrow(
      /no module matched/,
    )
    await expect(bundle([{ file: /[\\/]dep\.js$/, from: '3 + 3', to: '6' }])).rejects.toThrow(/no longer has/)
  })

  it("leaves the AWS SDK's default credential chain out (aws-idc gives its clients their credentials)", () => {
    const bundle = readFileSync(join(cliRoot, 'dist', 'cli.cjs'), 'latin1')
    // Functions of the chain (their names are kept in the bundle).
    const found = ['fromInstanceMetadata', 'fromContainerMetadata', 'fromTokenFile', 'remoteProvider'].filter(
      (name) => bundle.includes(name),
    )
    expect(found).toEqual([])
    expect(bundle.includes("the SDK's default credential chain is not bundled")).toBe(true)
  })

  it('nodeSatisfies (the engine check rewrite) agrees with semver.satisfies, and leaves it every other range', () => {
    const semver = createRequire(createRequire(join(cliRoot, 'package.json')).resolve('@oclif/core'))(
      'semver',
    ) as {
      satisfies: (v: string, r: string) => boolean
    }
    const ranges = ['>=20.19', '>=20.19.0', '>= 20', '>=v22.1.3', ' >=18.0.0 ']
    const versions = [
      '20.18.9',
      '20.19.0',
      '20.19.1',
      '20.20.2',
      '19.99.99',
      '21.0.0',
      '22.1.2',
      '22.1.3',
      '24.22.3',
      '100.0.0',
      '18.0.0',
      '17.9.9',
    ]
    for (const range of ranges)
      for (const version of versions)
        expect([range, version, nodeSatisfies(version, range)]).toEqual([
          range,
          version,
          semver.satisfies(version, range),
        ])
    // Pre-releases (semver excludes them from a plain range) and any other range go to semver.
    for (const [version, range] of [
      ['23.0.0-pre', '>=20.19'],
      ['20.19.0', '^20.19 || >=22'],
      ['20.19.0', '>=20.19 <25'],
      ['20.19.0', '20.x'],
    ])
      expect(nodeSatisfies(version, range)).toBeUndefined()
  })

  it('duplicatePackageLines finds a package twice at versions one caret range shares, not at two majors', () => {
    const pnpm = (p: string) => `../../node_modules/.pnpm/${p}/index.js`
    expect(
      duplicatePackageLines([
        pnpm('@smithy+core@3.41.0/node_modules/@smithy/core/dist-es/submodules/retry'),
        pnpm('@smithy+core@3.41.1/node_modules/@smithy/core/dist-es/submodules/retry'),
        pnpm('wrap-ansi@6.2.0/node_modules/wrap-ansi'),
        pnpm('wrap-ansi@7.0.0/node_modules/wrap-ansi'),
        pnpm('wsl-utils@0.4.0/node_modules/wsl-utils'),
        pnpm('wsl-utils@0.4.2/node_modules/wsl-utils'),
        pnpm('powershell-utils@0.1.0/node_modules/powershell-utils'),
        pnpm('powershell-utils@0.2.1/node_modules/powershell-utils'),
        pnpm('@oclif+core@4.14.0_@types+node@20.19.43/node_modules/@oclif/core/lib'),
        pnpm('@oclif+core@4.14.0/node_modules/@oclif/core/lib'),
        '../../packages/core/dist/index.js',
      ]),
    ).toEqual(['@smithy/core (3.41.0, 3.41.1)', 'wsl-utils (0.4.0, 0.4.2)'])
  })

  // The web-streams rewrites (scripts/lazy-builtins.mjs): the SDK's checksum streams and body
  // collector give the same results for Node and web streams, and a Node stream no longer loads
  // Node's web streams. Bundled with and without the plugin, from the @smithy/core the SSO client uses.
  it("keeps the SDK's checksum streams and body collector as they were, without loading web streams for a Node stream", async () => {
    const sso = dirname(
      createRequire(join(cliRoot, '..', '..', 'packages', 'core', 'package.json')).resolve(
        '@aws-sdk/client-sso',
      ),
    )
    const entry = `import { createChecksumStream, streamCollector, ChecksumStream } from '@smithy/core/serde'
import { Readable } from 'node:stream'
import { createHash } from 'node:crypto'
const bytes = new TextEncoder().encode('hello checksum')
const sum = () => { const h = createHash('sha256'); return { update: (c) => h.update(c), digest: async () => new Uint8Array(h.copy().digest()) } }
const expected = createHash('sha256').update(bytes).digest('base64')
const text = (b) => new TextDecoder().decode(b)
const web = () => new ReadableStream({ start(c) { c.enqueue(bytes); c.close() } })
;(async () => {
  const lines = []
  lines.push(['plain node', text(await streamCollector(Readable.from([Buffer.from(bytes)])))])
  lines.push(['web streams loaded', process.moduleLoadList.includes('NativeModule internal/webstreams/readablestream')])
  const node = createChecksumStream({ expectedChecksum: expected, checksum: sum(), source: Readable.from([Buffer.from(bytes)]), checksumSourceLocation: 'x' })
  lines.push(['node', node instanceof ChecksumStream, text(await streamCollector(node))])
  const checked = createChecksumStream({ expectedChecksum: expected, checksum: sum(), source: web(), checksumSourceLocation: 'x' })
  lines.push(['web', checked instanceof ReadableStream, Object.getPrototypeOf(checked).constructor.name, text(await streamCollector(checked))])
  const bad = createChecksumStream({ expectedChecksum: 'AAAA', checksum: sum(), source: web(), checksumSourceLocation: 'x' })
  lines.push(['mismatch', await streamCollector(bad).then(() => 'ok', (e) => e.message)])
  lines.push(['plain web', text(await streamCollector(web()))])
  console.log(JSON.stringify(lines))
})()`
    const run = async (plugins: Plugin[]) => {
      const outfile = join(tmp, `checksum-${plugins.length}.cjs`)
      await build({
        stdin: { contents: entry, resolveDir: sso, loader: 'js' },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        keepNames: true,
        outfile,
        plugins,
        logLevel: 'error',
      })
      const r = spawnSync(process.execPath, [outfile], { encoding: 'utf8' })
      expect(r.stderr).toBe('')
      return JSON.parse(r.stdout)
    }
    // The plugin's own check that every rewrite of the CLI's bundle found its module is left out:
    // this bundle holds only @smithy/core.
    const plugin: Plugin = {
      name: 'lazy-builtins',
      setup: (b) => lazyBuiltins.setup({ ...b, onEnd: () => {} }),
    }
    const before = await run([])
    const after = await run([plugin])
    expect(before[1]).toEqual(['web streams loaded', true])
    expect(after[1]).toEqual(['web streams loaded', false])
    expect(after.filter((_: unknown, i: number) => i !== 1)).toEqual(
      before.filter((_: unknown, i: number) => i !== 1),
    )
    expect(after[0]).toEqual(['plain node', 'hello checksum'])
    expect(after[2]).toEqual(['node', true, 'hello checksum'])
    expect(after[3]).toEqual(['web', true, 'ChecksumStream', 'hello checksum'])
    expect(after[4][1]).toMatch(/^Checksum mismatch: expected "AAAA" but received /)
    expect(after[5]).toEqual(['plain web', 'hello checksum'])
  })

  it("sorts oclif's commands without ICU's collator under an English or C locale; the same help under any other", () => {
    const trace = join(tmp, 'trace-sort.json')
    const work = (args: string[], locale: Record<string, string>) => {
      const env: Record<string, string> = {
        ...isolatedEnv({ AWS_IDC_TRACE_FILE: trace }),
        LC_ALL: '',
        LC_MESSAGES: '',
        LANG: '',
        ...locale,
      }
      for (const key of ['LC_ALL', 'LC_MESSAGES', 'LANG']) if (env[key] === '') delete env[key]
      const r = runCli(args, {
        env,
        nodeArgs: ['--require', join(cliRoot, 'test', 'fixtures', 'trace-work.cjs')],
      })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      const { collators, localeCompares } = JSON.parse(readFileSync(trace, 'utf8')) as {
        collators: number
        localeCompares: number
      }
      return { stdout: r.stdout, icu: collators + localeCompares }
    }
    for (const args of [['--help'], ['login', '--help'], ['sessions', '--json']]) {
      const c = work(args, {})
      expect(c.icu).toBe(0)
      expect(work(args, { LANG: 'C.UTF-8' }).icu).toBe(0)
      expect(work(args, { LC_ALL: 'en_US.UTF-8', LANG: 'da_DK.UTF-8' }).icu).toBe(0)
      // ICU takes the locale from LC_ALL, LC_MESSAGES, LANG: a Danish one sorts with localeCompare.
      const others: Record<string, string>[] = [
        { LANG: 'da_DK.UTF-8' },
        { LC_MESSAGES: 'lt_LT.UTF-8', LANG: 'en_US.UTF-8' },
      ]
      for (const locale of others) {
        const other = work(args, locale)
        expect(other.icu).toBeGreaterThan(0)
        expect(other.stdout).toBe(c.stdout)
      }
    }
  })
})

describe('scripts/check-commands.mjs (every plugin build)', () => {
  /** A copy of @idc/plugin-sso's package.json, src and dist (its node_modules linked) to break. */
  function pluginCopy() {
    const src = join(repo, 'packages', 'plugin-sso')
    const dir = mkdtempSync(join(tmp, 'plugin-'))
    for (const part of ['package.json', 'src', 'dist'])
      cpSync(join(src, part), join(dir, part), { recursive: true })
    symlinkSync(join(src, 'node_modules'), join(dir, 'node_modules'))
    return dir
  }
  const check = (dir: string) =>
    spawnSync(process.execPath, [join(repo, 'scripts', 'check-commands.mjs'), dir], { encoding: 'utf8' })

  it('passes for the real plugins', () => {
    for (const p of PLUGINS) {
      const r = check(join(repo, 'packages', p))
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
    }
  })

  it('fails loudly when a command file is not registered in src/commands.ts', () => {
    const dir = pluginCopy()
    mkdirSync(join(dir, 'src', 'commands', 'sessions'), { recursive: true })
    mkdirSync(join(dir, 'dist', 'commands', 'sessions'), { recursive: true })
    // A command no plugin has (sessions:export exists now, so the made-up one is another).
    writeFileSync(join(dir, 'src', 'commands', 'sessions', 'rename.ts'), '// a new command\n')
    writeFileSync(
      join(dir, 'dist', 'commands', 'sessions', 'rename.js'),
      "import { Command } from '@oclif/core'\nexport default class Rename extends Command { async run() {} }\n",
    )
    const r = check(dir)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(
      "src/commands/sessions/rename.ts is not registered: add `'sessions:rename': <its class>,` to COMMANDS",
    )
  })

  it('fails when an entry has the wrong id or no file', () => {
    const dir = pluginCopy()
    const registry = join(dir, 'dist', 'commands.js')
    writeFileSync(
      registry,
      readFileSync(registry, 'utf8')
        .replace(/\blogin: Login\b/, 'signin: Login')
        .replace(/^(\s*)logout: Logout,/m, '$1logout: Logout,\n$1gone: Logout,'),
    )
    const r = check(dir)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain("src/commands/login.ts is registered as 'signin': its id is 'login'")
    expect(r.stderr).toContain("COMMANDS['gone'] in src/commands.ts has no file src/commands/gone.ts")
  })
})
