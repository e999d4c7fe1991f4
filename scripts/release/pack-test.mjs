#!/usr/bin/env node
// `pnpm test:pack`: every public package as a user gets it from npm. Packs each one (`pnpm pack`
// rewrites the `workspace:` ranges), installs the tarballs with npm into an empty directory (no
// workspace, no links), and runs what was installed: the CLI's --version, --help and plugin list,
// sign-in + credential-process + console --url against the packed emulator's binary, @idc/node from
// ESM and CommonJS, and the installed size of the CLI (no test tools, no source maps).
// `--bench` adds a row: warm credential-process of the installed CLI and of the workspace's, each as
// a ratio to `node -e 0`, measured alternately in one loop (NODE_EXTRA_CA_CERTS unset: it doubles
// every Node start on some machines and would hide the difference).
// Needs the packages built (`pnpm build`). Third-party dependencies come from the npm registry.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { packAll, publicPackages, root } from './workspace.mjs'

const bench = process.argv.includes('--bench')
const keep = process.argv.includes('--keep')
const work = mkdtempSync(join(tmpdir(), 'aws-idc-pack-'))
const results = []
let emulator

function check(name, fn) {
  return Promise.resolve()
    .then(fn)
    .then(
      (detail) => {
        results.push({ name, ok: true })
        console.log(`ok    ${name}${detail ? ` — ${detail}` : ''}`)
      },
      (err) => {
        results.push({ name, ok: false })
        console.log(
          `FAIL  ${name}\n      ${String(err?.message ?? err)
            .split('\n')
            .join('\n      ')}`,
        )
      },
    )
}

function assert(cond, message) {
  if (!cond) throw new Error(message)
}

// ---- pack + install ------------------------------------------------------------------------------
const tarDir = join(work, 'tarballs')
const app = join(work, 'app')
const home = join(work, 'home')
mkdirSync(tarDir)
mkdirSync(app)
mkdirSync(join(home, '.aws'), { recursive: true })
const tarballs = packAll(tarDir)
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-test', private: true }))
console.log(`packed ${tarballs.size} packages; npm install into ${app}`)
execFileSync('npm', ['install', '--no-fund', '--no-audit', '--loglevel=error', ...tarballs.values()], {
  cwd: app,
  stdio: ['ignore', 'inherit', 'inherit'],
})

const bin = (name) => join(app, 'node_modules', '.bin', name)
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_'))),
  HOME: home,
  AWS_CONFIG_FILE: join(home, '.aws', 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NO_COLOR: '1',
}
/** Runs the installed CLI; returns its output, throwing with stderr on a non-zero exit. */
function awsIdc(args, extraEnv = {}) {
  const r = spawnSync(bin('aws-idc'), args, { cwd: app, env: { ...env, ...extraEnv }, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`aws-idc ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`)
  return r.stdout
}

async function startEmulator() {
  const child = spawn(bin('idc-emulator'), ['--port', '0', '--json', '--auto-approve'], {
    cwd: app,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  emulator = child
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`idc-emulator exited ${code}`)))
    setTimeout(() => reject(new Error('idc-emulator printed nothing within 15 s')), 15_000).unref()
  })
  return JSON.parse(line)
}

const version = JSON.parse(readFileSync(join(root, 'apps/cli/package.json'), 'utf8')).version
try {
  await check('aws-idc --version', () => {
    const out = awsIdc(['--version'])
    assert(out.startsWith(`aws-idc/${version} `), `unexpected: ${out.trim()}`)
    return out.trim()
  })
  await check('aws-idc --help lists the commands', () => {
    const out = awsIdc(['--help'])
    for (const cmd of ['login', 'creds', 'credential-process', 'configure'])
      assert(out.includes(cmd), `no ${cmd} in --help`)
  })
  await check("aws-idc plugins: the bundled plugins' commands and oclif's plugins", () => {
    // @idc/plugin-sso, -creds and -profiles are bundled into the CLI (one file, explicit command
    // discovery), so oclif lists only its own plugins; their commands are what shows they are there.
    const help = awsIdc(['--help'])
    for (const cmd of ['login', 'sessions', 'creds', 'serve', 'console', 'configure', 'doctor'])
      assert(help.includes(cmd), `no ${cmd} in --help`)
    const out = awsIdc(['plugins', '--core'])
    for (const p of ['@oclif/plugin-autocomplete', '@oclif/plugin-plugins'])
      assert(out.includes(p), `${p} missing`)
  })

  let emu
  await check('idc-emulator starts from the installed binary', async () => {
    emu = await startEmulator()
    assert(/^http:\/\/127\.0\.0\.1:\d+/.test(emu.url), `url ${emu.url}`)
    return emu.url
  })
  if (emu) env.AWS_ENDPOINT_URL = emu.url

  await check('configure + login + credential-process against the packed emulator', () => {
    assert(emu, 'no emulator')
    awsIdc([
      'configure',
      '--non-interactive',
      '--sso-session',
      'pack',
      '--start-url',
      emu.startUrl,
      '--sso-region',
      emu.region,
      '--profile',
      'dev',
      '--account-id',
      '111111111111',
      '--role-name',
      'ReadOnly',
    ])
    awsIdc(['login', '--profile', 'dev', '--use-device-code', '--no-browser'])
    const creds = JSON.parse(awsIdc(['credential-process', '--profile', 'dev']))
    assert(creds.Version === 1 && creds.AccessKeyId && creds.SecretAccessKey, 'not credential_process JSON')
    const who = awsIdc(['whoami', '--profile', 'dev', '--json'])
    assert(who.includes('111111111111'), 'whoami: the emulator did not accept the credentials')
  })

  await check('console --url against the packed emulator', async () => {
    assert(emu, 'no emulator')
    const url = new URL(awsIdc(['console', '--profile', 'dev', '--url']).trim())
    assert(
      url.searchParams.get('Action') === 'login' || url.hash.includes('console'),
      `not a sign-in URL: ${url.origin}${url.pathname}`,
    )
  })

  await check('@idc/node from ESM (import) and CommonJS (require), credentials accepted', () => {
    const esm = `const { fromIdentityCenter } = await import('@idc/node'); const c = await fromIdentityCenter({ profile: 'dev' })(); if (!c.accessKeyId) process.exit(1); console.log('esm ok')`
    const r1 = spawnSync(process.execPath, ['--input-type=module', '-e', esm], {
      cwd: app,
      env,
      encoding: 'utf8',
    })
    assert(r1.status === 0, `ESM: ${r1.stderr.trim()}`)
    const r2 = spawnSync(
      process.execPath,
      [
        '-e',
        "const m = require('@idc/node'); if (typeof m.fromIdentityCenter !== 'function') process.exit(1)",
      ],
      { cwd: app, env, encoding: 'utf8' },
    )
    assert(r2.status === 0, `CJS require: ${r2.stderr.trim()}`)
  })

  await check('@idc/core and @idc/emulator import on their own', () => {
    for (const spec of [
      '@idc/core',
      '@idc/core/format',
      '@idc/emulator',
      '@idc/emulator/testing',
      ...(tarballs.has('@idc/format') ? ['@idc/format'] : []),
    ]) {
      const r = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', `await import(${JSON.stringify(spec)})`],
        { cwd: app, env, encoding: 'utf8' },
      )
      assert(r.status === 0, `${spec}: ${r.stderr.trim().split('\n')[0]}`)
    }
  })

  await check('installed CLI: no test tools, no source maps; size reported', () => {
    const closure = dependencyClosure(app, 'aws-idc')
    const forbidden = [...closure].filter((n) =>
      /^(vitest|@vitest\/|@oclif\/test|typescript|esbuild|@biomejs\/)/.test(n),
    )
    assert(forbidden.length === 0, `test/build tools installed with the CLI: ${forbidden.join(', ')}`)
    let bytes = 0
    const maps = []
    for (const name of closure) {
      const dir = join(app, 'node_modules', name)
      bytes += du(dir, name.startsWith('@idc/') || name === 'aws-idc' ? maps : null)
    }
    assert(maps.length === 0, `source maps shipped: ${maps.slice(0, 3).join(', ')}`)
    return `${closure.size} packages, ${(bytes / 1024 / 1024).toFixed(1)} MiB installed`
  })

  if (bench) await check('bench: warm credential-process, installed vs workspace', () => benchRow())
} finally {
  emulator?.kill('SIGTERM')
  if (!keep) rmSync(work, { recursive: true, force: true })
  else console.log(`kept ${work}`)
}

const failed = results.filter((r) => !r.ok).length
console.log(`\n${results.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)

/** The package names `name` pulls in, as npm installed them (hoisted layout). */
function dependencyClosure(dir, name, seen = new Set()) {
  if (seen.has(name)) return seen
  const pkgFile = join(dir, 'node_modules', name, 'package.json')
  if (!existsSync(pkgFile)) return seen
  seen.add(name)
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'))
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }))
    dependencyClosure(dir, dep, seen)
  return seen
}

/** Bytes under `dir`, not following nested node_modules; collects *.map files into `maps` when given. */
function du(dir, maps) {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue
    const p = join(dir, entry.name)
    if (entry.isDirectory()) total += du(p, maps)
    else {
      total += statSync(p).size
      if (maps && entry.name.endsWith('.map')) maps.push(p)
    }
  }
  return total
}

function benchRow() {
  const quiet = { ...env }
  delete quiet.NODE_EXTRA_CA_CERTS
  const wsCli = join(root, 'apps/cli/bin/run.cjs')
  const runs = { node: [], installed: [], workspace: [] }
  const time = (cmd, args) => {
    const t = process.hrtime.bigint()
    const r = spawnSync(cmd, args, { env: quiet, stdio: 'ignore' })
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`)
    return Number(process.hrtime.bigint() - t) / 1e6
  }
  const cp = ['credential-process', '--profile', 'dev']
  for (let i = 0; i < 25; i++) {
    const n = time(process.execPath, ['-e', '0'])
    const a = time(process.execPath, [join(app, 'node_modules/aws-idc/bin/run.cjs'), ...cp])
    const w = time(process.execPath, [wsCli, ...cp])
    if (i < 3) continue // warm-up: code caches and the page cache
    runs.node.push(n)
    runs.installed.push(a)
    runs.workspace.push(w)
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const [n, a, w] = [median(runs.node), median(runs.installed), median(runs.workspace)]
  const row = {
    nodeMs: n,
    installedMs: a,
    workspaceMs: w,
    installedRatio: a / n,
    workspaceRatio: w / n,
    runs: runs.node.length,
  }
  const report = join(root, '.tmp', 'bench', 'pack.json')
  mkdirSync(join(report, '..'), { recursive: true })
  writeFileSync(report, `${JSON.stringify(row, null, 2)}\n`)
  return `node -e 0 ${n.toFixed(1)} ms; installed ${a.toFixed(1)} ms (${row.installedRatio.toFixed(2)}x); workspace ${w.toFixed(1)} ms (${row.workspaceRatio.toFixed(2)}x); NODE_EXTRA_CA_CERTS unset`
}
