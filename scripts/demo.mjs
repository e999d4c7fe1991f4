#!/usr/bin/env node
// `pnpm demo`: aws-idc end to end, as a user runs it, against the local IAM Identity Center emulator.
//
// Starts `idc-emulator --port 0 --json --auto-approve` and runs the real CLI (apps/cli) as child
// processes in a temporary HOME: configure, login with a device code, accounts, creds, exec (an
// AWS SDK program calling STS GetCallerIdentity with the credentials aws-idc put in its
// environment), whoami. Never reads or writes the user's ~/.aws; secrets are masked in what it
// prints; the emulator is stopped and the temporary HOME removed even when a step fails.
// Needs the packages built: `pnpm demo` builds them first (turbo, cached).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const started = Date.now()

// The built-in fixture's first user, alice, has these in account "dev".
const ACCOUNT_ID = '111111111111'
const ROLE_NAME = 'ReadOnly'
const SESSION = 'demo'
const PROFILE = 'demo'

/** The executable a package.json declares, resolved in the repository. */
function binOf(pkgDir, name) {
  const pkg = JSON.parse(readFileSync(join(root, pkgDir, 'package.json'), 'utf8'))
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin[name]
  return join(root, pkgDir, bin)
}

/** A workspace package whose dependencies include @aws-sdk/client-sts: `node -e` run there resolves it. */
function stsPackageDir() {
  for (const dir of ['packages/plugin-creds', 'packages/node', 'packages/emulator']) {
    try {
      createRequire(join(root, dir, 'package.json')).resolve('@aws-sdk/client-sts')
      return join(root, dir)
    } catch {}
  }
  throw new Error('@aws-sdk/client-sts is not installed in the workspace: run `pnpm install`.')
}

const cli = binOf('apps/cli', 'aws-idc')
const emulatorBin = binOf('packages/emulator', 'idc-emulator')
for (const [what, path] of [
  ['the CLI', join(root, 'packages/plugin-profiles/dist/index.js')],
  ['the emulator', emulatorBin],
]) {
  if (!existsSync(path)) {
    console.error(`error: ${what} is not built (${path} is missing).`)
    console.error('hint: Run `pnpm demo` (it builds first), or `pnpm build` then `node scripts/demo.mjs`.')
    process.exit(1)
  }
}

/** Hides secret values: keeps 4 characters and the length. */
const mask = (value) => (value.length <= 8 ? '****' : `${value.slice(0, 4)}…(${value.length} chars)`)
const SECRET_LINE =
  /^(\s*(?:export\s+|set\s+|\$env:)?(?:AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_SECURITY_TOKEN)\s*=\s*["']?)([^"'\s]+)/
const secrets = new Set()
function redact(text) {
  let out = text
  for (const s of secrets) out = out.split(s).join(mask(s))
  return out
    .split('\n')
    .map((line) => line.replace(SECRET_LINE, (_m, prefix, value) => `${prefix}${mask(value)}`))
    .join('\n')
}

const home = await mkdtemp(join(tmpdir(), 'aws-idc-demo-'))
let emulator
let interrupted = false

async function cleanup() {
  if (emulator && emulator.exitCode === null) {
    emulator.kill('SIGTERM')
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        emulator.kill('SIGKILL')
        resolve()
      }, 3000)
      emulator.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
    })
  }
  await rm(home, { recursive: true, force: true })
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = true
    cleanup().finally(() => process.exit(130))
  })
}

/** Starts the emulator binary on a free port and reads its one JSON line. */
async function startEmulator() {
  const child = spawn(process.execPath, [emulatorBin, '--port', '0', '--json', '--auto-approve'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  emulator = child
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (d) => {
    stderr += d
  })
  const line = await new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout })
    rl.once('line', (l) => resolve(l))
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}): ${stderr.trim()}`)))
    setTimeout(() => reject(new Error('the emulator did not start within 15 s')), 15_000).unref()
  })
  return JSON.parse(line)
}

/** The environment of every CLI run: the temporary HOME, nothing of the caller's AWS setup. */
function demoEnv(endpoint) {
  const env = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('AWS_') || k.startsWith('XDG_') || k === 'BROWSER') continue
    env[k] = v
  }
  return {
    ...env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_ENDPOINT_URL: endpoint,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
    NO_COLOR: '1',
  }
}

/** Runs `aws-idc ...args`, echoing the command line and its (redacted) output. Fails on a non-zero exit. */
async function awsIdc(args, { env, cwd, shown = args } = {}) {
  console.log(`\n$ aws-idc ${shown.join(' ')}`)
  const child = spawn(process.execPath, [cli, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d) => {
    stdout += d
  })
  child.stderr.setEncoding('utf8').on('data', (d) => {
    stderr += d
    // Progress (the device code) as it happens.
    process.stdout.write(indent(redact(d)))
  })
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  if (stdout) process.stdout.write(indent(redact(stdout)))
  if (code !== 0) throw new Error(`aws-idc ${shown[0]} exited with ${code}`)
  return { stdout, stderr }
}

const indent = (text) =>
  text
    .split('\n')
    .map((l, i, all) => (i === all.length - 1 && l === '' ? '' : `  ${l}`))
    .join('\n')
    .replace(/([^\n])$/, '$1\n')

let exitCode = 0
try {
  const emu = await startEmulator()
  const env = demoEnv(emu.url)
  console.log(`IAM Identity Center emulator on ${emu.url} (auto-approve), start URL ${emu.startUrl}`)
  console.log(`temporary HOME ${home} (your ~/.aws is not used)`)

  await awsIdc(
    [
      'configure',
      '--non-interactive',
      '--sso-session',
      SESSION,
      '--start-url',
      emu.startUrl,
      '--sso-region',
      emu.region,
      '--profile',
      PROFILE,
      '--account-id',
      ACCOUNT_ID,
      '--role-name',
      ROLE_NAME,
      '--region',
      'eu-west-1',
      '--output',
      'json',
    ],
    { env },
  )
  console.log(indent(readFileSync(env.AWS_CONFIG_FILE, 'utf8').trimEnd()))

  const login = await awsIdc(['login', '--profile', PROFILE, '--use-device-code', '--no-browser'], { env })
  const userCode = /\b([A-Z0-9]{4}-[A-Z0-9]{4})\b/.exec(login.stderr)?.[1]

  const accounts = await awsIdc(['accounts', '--profile', PROFILE], { env })
  const accountNames = accounts.stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((row) => row.split(/\s{2,}/)[1])

  const creds = await awsIdc(['creds', '--profile', PROFILE, '--format', 'env'], { env })
  for (const line of creds.stdout.split('\n')) {
    const m = /(AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN)=["']?([^"'\s]+)/.exec(line)
    if (m) secrets.add(m[2])
  }
  const accessKeyId = /AWS_ACCESS_KEY_ID=["']?([^"'\s]+)/.exec(creds.stdout)?.[1] ?? '?'
  const expiration = /AWS_CREDENTIAL_EXPIRATION=["']?([^"'\s]+)/.exec(creds.stdout)?.[1] ?? '?'

  // An AWS SDK program that knows nothing about IAM Identity Center: it finds the credentials in its
  // environment. Run where @aws-sdk/client-sts resolves (a workspace package depending on it).
  const program =
    "const s=require('@aws-sdk/client-sts');new s.STSClient({region:process.env.AWS_REGION||'us-east-1'}).send(new s.GetCallerIdentityCommand({})).then(r=>console.log(JSON.stringify({Account:r.Account,Arn:r.Arn})))"
  const exec = await awsIdc(['exec', '--profile', PROFILE, '--', 'node', '-e', program], {
    env,
    cwd: stsPackageDir(),
    shown: [
      'exec',
      '--profile',
      PROFILE,
      '--',
      'node',
      '-e',
      '"<STS GetCallerIdentity with @aws-sdk/client-sts>"',
    ],
  })
  const identity = JSON.parse(exec.stdout.trim().split('\n').pop())

  const whoami = await awsIdc(['whoami', '--profile', PROFILE], { env })
  const whoArn = /arn:aws:sts::\S+/.exec(whoami.stdout)?.[0] ?? '?'

  console.log('\nSummary')
  console.log(
    `  configured        [sso-session ${SESSION}] and [profile ${PROFILE}] in a temporary ~/.aws/config`,
  )
  console.log(`  signed in         device code ${userCode ?? '(none shown)'}, approved by the emulator`)
  console.log(`  accounts          ${accountNames.length} (${accountNames.join(', ')})`)
  console.log(
    `  credentials       ${accessKeyId} for ${ACCOUNT_ID}/${ROLE_NAME}, expire ${expiration} (secrets masked)`,
  )
  console.log(`  caller identity   ${identity.Arn} (AWS SDK under aws-idc exec)`)
  console.log(`  whoami            ${whoArn}${whoArn === identity.Arn ? ' (the same)' : ''}`)
  console.log(`  demo OK in ${((Date.now() - started) / 1000).toFixed(1)} s`)
} catch (error) {
  if (!interrupted) {
    console.error(`\ndemo failed: ${redact(error instanceof Error ? error.message : String(error))}`)
    exitCode = 1
  }
} finally {
  await cleanup()
}
process.exit(exitCode)
