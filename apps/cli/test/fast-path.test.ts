// The credential fast path as users run it: bin/run.cjs as a real child process against @idc/emulator,
// in a temporary HOME (test/sandbox.mjs). The warm path (dist/fast.cjs) must print exactly what the oclif
// commands print (AWS_IDC_NO_FAST_PATH=1), fall back to the full engine when the cache cannot serve,
// and render errors the same way. No timings are asserted here (`pnpm bench` measures them).
import { createHash as nodeCreateHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { format } from '@idc/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash, sha1 } from '../scripts/shims/crypto.mjs'
import { readFile } from '../scripts/shims/fs-promises.mjs'
import { cacheFiles, cliRoot, compileCache, isolatedEnv, runCli, runCliAsync } from './helpers.js'
import { type Sandbox, startSandbox } from './sandbox.mjs'

const OCLIF = { AWS_IDC_NO_FAST_PATH: '1' }

/** A child environment inside the sandbox (its HOME, config and emulator endpoint). */
const envOf = (box: Sandbox, extra: Record<string, string> = {}) => isolatedEnv({ ...box.env, ...extra })

/** Runs the command line through the fast path and through oclif; both results. */
function both(box: Sandbox, args: string[], extra: Record<string, string> = {}) {
  return {
    fast: runCli(args, { env: envOf(box, extra) }),
    oclif: runCli(args, { env: envOf(box, { ...extra, ...OCLIF }) }),
  }
}

describe('warm role cache', () => {
  let box: Sandbox
  let credentials: Awaited<ReturnType<Sandbox['warm']>>['credentials']

  beforeAll(async () => {
    box = await startSandbox()
    await box.login()
    credentials = (await box.warm()).credentials
    expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(1)
  })
  afterAll(async () => box?.teardown())

  it('credential-process prints format("process") byte for byte, as the oclif command does', () => {
    const { fast, oclif } = both(box, ['credential-process', '--profile', 'dev'])
    expect(fast).toEqual({ status: 0, stdout: format('process', credentials), stderr: '' })
    expect(oclif).toEqual(fast)
    expect(JSON.parse(fast.stdout)).toMatchObject({ Version: 1, AccessKeyId: credentials.accessKeyId })
    // Served from the cache: nothing more asked of the portal.
    expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(1)
  })

  it('creds (format env by default) equals the oclif output', () => {
    const { fast, oclif } = both(box, ['creds', '--profile', 'dev'])
    expect(fast).toEqual({ status: 0, stdout: format('env', credentials, { profile: 'dev' }), stderr: '' })
    expect(oclif).toEqual(fast)
  })

  it('creds --format fish --region eu-west-1 equals the oclif output', () => {
    const args = ['creds', '--profile', 'dev', '--format', 'fish', '--region', 'eu-west-1']
    const { fast, oclif } = both(box, args)
    expect(fast.status).toBe(0)
    expect(fast.stdout).toBe(format('fish', credentials, { region: 'eu-west-1' }))
    expect(fast.stdout).toContain('AWS_REGION')
    expect(oclif).toEqual(fast)
  })

  it.each([
    ['json', ['--format=json']],
    ['ini', ['--format', 'ini']],
    ['windows-cmd', ['--format', 'windows-cmd', '--region=us-west-2']],
  ])('creds --format %s: the fast path and oclif agree', (_name, extra) => {
    const { fast, oclif } = both(box, ['creds', '--profile', 'dev', ...extra])
    expect(fast.status).toBe(0)
    expect(fast.stdout.length).toBeGreaterThan(0)
    expect(oclif).toEqual(fast)
  })

  it('--sso-session with --account-id/--role-name: the fast path and oclif agree', () => {
    const args = [
      'credential-process',
      '--sso-session',
      box.sessionName,
      '--account-id',
      box.accountId,
      '--role-name',
      box.roleName,
    ]
    const { fast, oclif } = both(box, args)
    expect(fast).toEqual({ status: 0, stdout: format('process', credentials), stderr: '' })
    expect(oclif).toEqual(fast)
    expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(1)
  })

  // Two costs the warm path once paid on every run (about 5 ms and 2 ms of ~20 ms on Node 20): a
  // natural-order collator made when @idc/core's name rules loaded, and process.stdout's stream.
  it.each([
    ['credential-process', ['credential-process', '--profile', 'dev']],
    ['creds', ['creds', '--profile', 'dev']],
  ])('%s makes no Intl.Collator and writes stdout without loading node:stream', (_name, args) => {
    const dir = mkdtempSync(join(tmpdir(), 'aws-idc-trace-'))
    const trace = join(dir, 'work.json')
    try {
      const r = runCli(args, {
        env: envOf(box, { AWS_IDC_TRACE_FILE: trace }),
        nodeArgs: ['--require', join(cliRoot, 'test', 'fixtures', 'trace-work.cjs')],
      })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      expect(r.stdout.length).toBeGreaterThan(0)
      expect(JSON.parse(readFileSync(trace, 'utf8'))).toEqual({
        collators: 0,
        localeCompares: 0,
        semverRegExps: 0,
        functionNames: 0,
        loaded: [],
        bareResolved: [],
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('loads only bin/run.cjs, the bundle and Node built-ins: no oclif, no ESM module', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aws-idc-trace-'))
    const trace = join(dir, 'trace.jsonl')
    try {
      const r = runCli(['credential-process', '--profile', 'dev'], {
        env: envOf(box, { AWS_IDC_TRACE_FILE: trace }),
        nodeArgs: ['--require', join(cliRoot, 'test', 'fixtures', 'trace-loads.cjs')],
      })
      expect(r.stderr).toBe('')
      expect(r.stdout).toBe(format('process', credentials))
      const loads = readFileSync(trace, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { kind: 'cjs' | 'esm'; value: string })
      const esm = loads.filter((l) => l.kind === 'esm' && !l.value.startsWith('data:'))
      expect(esm).toEqual([])
      const cjs = [...new Set(loads.filter((l) => l.kind === 'cjs').map((l) => l.value))]
      // Node >= 22.1 require()s the bundle (compile cache); Node 20 evaluates it through vm.Script.
      expect(cjs.filter((m) => !m.startsWith('node:'))).toEqual([
        join(cliRoot, 'bin', 'run.cjs'),
        ...(compileCache ? [join(cliRoot, 'dist', 'fast.cjs')] : []),
      ])
      expect(cjs.join(' ')).not.toMatch(/oclif|aws-sdk|smithy|lockfile|@idc/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  // Node 20: a V8 code cache of ours (fast-<build>-<node>-<arch>.v8); Node >= 22.1: Node's module compile
  // cache, in aws-idc's cache directory too.
  it(`keeps a ${compileCache ? 'Node compile' : 'V8 code'} cache of the bundle in the cache directory and prints the same with and without it`, () => {
    const cacheDir = join(box.env['XDG_CACHE_HOME'] ?? '', 'aws-idc')
    const args = ['credential-process', '--profile', 'dev']
    const first = runCli(args, { env: envOf(box) })
    expect(first.status).toBe(0)
    if (compileCache) {
      expect(cacheFiles(join(cacheDir, 'compile-cache')).length).toBeGreaterThan(0)
      // (dist/cli.cjs, which the cold path loads, has V8 code caches of ours on every Node.)
      expect(readdirSync(cacheDir).filter((f) => f.startsWith('fast-') && f.endsWith('.v8'))).toEqual([])
    } else {
      expect(readdirSync(cacheDir).filter((f) => /^fast-[0-9a-f]+-v[\d.]+-\w+\.v8$/.test(f))).toHaveLength(1)
    }
    const cached = runCli(args, { env: envOf(box) })
    const uncached = runCli(args, { env: envOf(box, { AWS_IDC_NO_CODE_CACHE: '1' }) })
    expect(cached).toEqual(first)
    expect(uncached).toEqual(first)
    // A damaged cache file is rejected (by V8 or Node) and rewritten, never fatal.
    for (const f of cacheFiles(cacheDir)) writeFileSync(f, randomBytes(64))
    expect(runCli(args, { env: envOf(box) })).toEqual(first)
    expect(runCli(args, { env: envOf(box) })).toEqual(first)
  })
})

describe('cold role cache (signed in)', () => {
  let box: Sandbox
  beforeAll(async () => {
    box = await startSandbox()
    await box.login()
  })
  afterAll(async () => box?.teardown())

  it('falls back to the full engine, prints the credentials, and the next call is warm', async () => {
    const args = ['credential-process', '--profile', 'dev']
    // Async: the child calls the emulator, which runs in this process.
    const cold = await runCliAsync(args, { env: envOf(box) })
    expect(cold.status).toBe(0)
    expect(cold.stderr).toBe('')
    expect(JSON.parse(cold.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) })
    expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(1)
    const warm = runCli(args, { env: envOf(box) })
    expect(warm).toEqual({ status: 0, stdout: cold.stdout, stderr: '' })
    expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(1)
  })

  // The SDK's CRC32 checksum tested for zlib.crc32 when it loaded, which loaded zlib for every
  // command that builds a client (scripts/lazy-builtins.mjs); no aws-idc request carries a CRC32.
  it('a command that calls the portal (accounts) loads no node:zlib and makes no collator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aws-idc-trace-'))
    const trace = join(dir, 'work.json')
    try {
      const r = await runCliAsync(['accounts', '--profile', 'dev', '--json'], {
        env: envOf(box, { AWS_IDC_TRACE_FILE: trace }),
        nodeArgs: ['--require', join(cliRoot, 'test', 'fixtures', 'trace-work.cjs')],
      })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      expect(JSON.parse(r.stdout)).toEqual(
        expect.arrayContaining([expect.objectContaining({ accountId: box.accountId })]),
      )
      const work = JSON.parse(readFileSync(trace, 'utf8'))
      expect(work.loaded).not.toContain('zlib')
      // Plain account names are sorted without a collator (core's naturalCompare).
      expect({ collators: work.collators, localeCompares: work.localeCompares }).toEqual({
        collators: 0,
        localeCompares: 0,
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  // Listing accounts for a person (the table) builds no stream it does not use: the SDK tested for
  // web streams when its checksum module loaded and again on every response body
  // (scripts/lazy-builtins.mjs), and asking whether a person can answer a question built
  // process.stdin (cli-kit's canAsk). Here stdin is /dev/null, so process.stdin would be a file stream.
  it('accounts (the table) loads neither Node web streams nor a stream for stdin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aws-idc-trace-'))
    const trace = join(dir, 'work.json')
    try {
      const r = await runCliAsync(['accounts', '--profile', 'dev'], {
        env: envOf(box, { AWS_IDC_TRACE_FILE: trace }),
        nodeArgs: ['--require', join(cliRoot, 'test', 'fixtures', 'trace-work.cjs')],
      })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      expect(r.stdout).toMatch(new RegExp(`^ACCOUNT ID +NAME +EMAIL\n(.*\n)*${box.accountId} `))
      const work = JSON.parse(readFileSync(trace, 'utf8'))
      expect(work.loaded).not.toContain('internal/webstreams/readablestream')
      expect(work.loaded).not.toContain('internal/fs/streams')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('errors on the fast path', () => {
  let box: Sandbox
  beforeAll(async () => {
    box = await startSandbox()
  })
  afterAll(async () => box?.teardown())

  it('not signed in: exit 3, one error line and a hint naming `aws-idc login --profile dev`', () => {
    const { fast, oclif } = both(box, ['credential-process', '--profile', 'dev'])
    expect(fast.status).toBe(3)
    expect(fast.stdout).toBe('')
    const lines = fast.stderr.split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^error: /)
    expect(lines[1]).toMatch(/^hint: .*aws-idc login --profile dev/)
    expect(lines[2]).toBe('')
    expect(fast.stderr).not.toMatch(/\n\s+at /)
    expect(oclif).toEqual(fast)
  })

  it('a config file that cannot be parsed: one line + hint, exit 6 (configuration)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aws-idc-badconfig-'))
    const config = join(dir, 'config')
    writeFileSync(config, 'sso_start_url = https://x.awsapps.com/start\n[profile dev]\n')
    try {
      const { fast, oclif } = both(box, ['creds', '--profile', 'dev'], { AWS_CONFIG_FILE: config })
      expect(fast.status).toBe(6)
      expect(fast.stdout).toBe('')
      expect(fast.stderr).toMatch(/^error: [^\n]+\nhint: [^\n]+\n$/)
      expect(fast.stderr).toContain(config)
      expect(oclif).toEqual(fast)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a profile that does not exist: exit 6, as oclif', () => {
    const { fast, oclif } = both(box, ['credential-process', '--profile', 'nope'])
    expect(fast.status).toBe(6)
    expect(fast.stderr).toMatch(/^error: [^\n]+nope[^\n]+\nhint: [^\n]+\n$/)
    expect(oclif).toEqual(fast)
  })
})

describe('dist/fast.cjs', () => {
  const bundle = readFileSync(join(cliRoot, 'dist', 'fast.cjs'), 'utf8')
  const meta = JSON.parse(readFileSync(join(cliRoot, 'dist', 'fast.meta.json'), 'utf8')) as {
    modules: string[]
    imports: string[]
  }

  it('is one CommonJS file with no AWS SDK, oclif or proper-lockfile code in it', () => {
    expect(bundle).toMatch(/^\/\/ aws-idc fast path [0-9a-f]{16}: /)
    expect(bundle).toContain('module.exports')
    for (const needle of ['@aws-sdk', '@smithy', '@oclif', 'proper-lockfile', 'client-sso', 'ELOCKED'])
      expect(bundle).not.toContain(needle)
    // Every module it requires is a Node built-in.
    const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])
    expect(required.length).toBeGreaterThan(0)
    for (const id of required) expect(id).toMatch(/^node:/)
    expect(bundle).not.toMatch(/\bimport\(/)
    // No lazy-init module wrappers: esbuild adds one per module (each with its own "use strict")
    // when an import() reaches the module graph, ~2.6 KB parsed and ~50 calls run on every start.
    expect(bundle).not.toContain('"use strict"')
  })

  it('is built from @idc/core/warm, @idc/core/format and @idc/cli-kit/lite, nothing from node_modules', () => {
    const mods = meta.modules.join('\n')
    expect(mods).toMatch(/core\/dist\/warm\.js/)
    // @idc/core/format only re-exports @idc/format (side-effect free, so esbuild reads through it).
    expect(mods).toMatch(/packages\/format\/dist\/index\.js/)
    expect(mods).toMatch(/cli-kit\/dist\/lite\.js/)
    expect(mods).toMatch(/plugin-creds\/dist\/fast\.js/)
    expect(mods).not.toMatch(
      /node_modules|@aws-sdk|@oclif|proper-lockfile|\/(sdk|oidc|portal)\/|session\/(token|credentials|login)\.js|cache\/lock\.js/,
    )
    for (const id of meta.imports) expect(id).toMatch(/^node:/)
  })

  it('is what the aws-idc bin runs', () => {
    const pkg = JSON.parse(readFileSync(join(cliRoot, 'package.json'), 'utf8')) as {
      bin: Record<string, string>
      files: string[]
    }
    expect(pkg.bin['aws-idc']).toBe('./bin/run.cjs')
    expect(pkg.files).toContain('dist')
    expect(existsSync(join(cliRoot, 'bin', 'run.cjs'))).toBe(true)
  })
})

describe('bundle shims', () => {
  const real = () => ({ createHash: nodeCreateHash }) as unknown as typeof import('node:crypto')

  it('SHA-1 in JavaScript equals node:crypto for every length around the block boundaries', () => {
    for (let n = 0; n < 300; n++) {
      const bytes = randomBytes(n)
      expect(sha1(bytes).toString('hex')).toBe(nodeCreateHash('sha1').update(bytes).digest('hex'))
    }
    for (const text of [
      '',
      'abc',
      'my-sso',
      'https://d-1234567890.awsapps.com/start',
      '日本語 ✓ 🚀',
      'x'.repeat(1000),
    ]) {
      expect(createHash(real, 'sha1').update(text, 'utf8').digest('hex')).toBe(
        nodeCreateHash('sha1').update(text, 'utf8').digest('hex'),
      )
    }
    // Other algorithms go to node:crypto.
    expect(createHash(real, 'sha256').update('x').digest('hex')).toBe(
      nodeCreateHash('sha256').update('x').digest('hex'),
    )
  })

  it('readFile behaves like fs/promises (contents, encodings, errors)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aws-idc-shim-'))
    try {
      const file = join(dir, 'f')
      writeFileSync(file, 'héllo')
      const fsp = await import('node:fs/promises')
      const realFsp = () => fsp
      expect(await readFile(realFsp, file, 'utf8')).toBe('héllo')
      expect(await readFile(realFsp, file)).toEqual(await fsp.readFile(file))
      await expect(readFile(realFsp, join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' })
      await expect(readFile(realFsp, dir)).rejects.toMatchObject({ code: 'EISDIR' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
