import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createSandbox, type Sandbox, type SandboxOptions } from '@idc/emulator/testing'

const require = createRequire(import.meta.url)
const cliRoot = dirname(require.resolve('aws-idc/package.json'))
const pkg = JSON.parse(readFileSync(join(cliRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }
/** The real CLI launcher, as the package's `bin` names it (IDC_RELIABILITY_CLI: another build's, to compare). */
export const CLI = process.env.IDC_RELIABILITY_CLI ?? join(cliRoot, pkg.bin['aws-idc']!)

/**
 * @idc/core as the tests use it in-process (IDC_RELIABILITY_CORE_DIST: another build's core dist
 * directory, to prove a test fails on it).
 */
export async function coreModule(): Promise<typeof import('@idc/core')> {
  const dist = process.env.IDC_RELIABILITY_CORE_DIST
  return dist ? import(join(dist, 'index.js')) : import('@idc/core')
}

/** @idc/node in-process (IDC_RELIABILITY_NODE_DIST: another build's node dist directory). */
export async function nodeModule(): Promise<typeof import('@idc/node')> {
  const dist = process.env.IDC_RELIABILITY_NODE_DIST
  return dist ? import(join(dist, 'index.js')) : import('@idc/node')
}

export const START_URL = 'https://d-1234567890.awsapps.com/start'

export const CONFIG = `[default]
region = eu-west-1

[sso-session my-sso]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly

[profile admin]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = AdministratorAccess

[profile other]
sso_session = my-sso
sso_account_id = 333333333333
sso_role_name = ReadOnly
`

export interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  ms: number
}

/** Runs the CLI as a child process (asynchronously: the emulator lives in this process). */
export function cli(
  args: string[],
  env: Record<string, string>,
  options: {
    umask?: string
    input?: string
    timeoutMs?: number
    /** Gets the child as soon as it is spawned (to kill it at a chosen moment). */
    onSpawn?: (child: ChildProcess) => void
  } = {},
): Promise<Run> {
  const started = Date.now()
  const argv = options.umask
    ? ['/bin/sh', ['-c', `umask ${options.umask}; exec "$0" "$@"`, process.execPath, CLI, ...args]]
    : [process.execPath, [CLI, ...args]]
  return new Promise((resolve) => {
    const child = spawn(argv[0] as string, argv[1] as string[], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    options.onSpawn?.(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started })
    })
    child.stdin.end(options.input ?? '')
  })
}

/** A sandbox (emulator + temporary HOME + config) with the environment the CLI needs. */
export async function sandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const box = await createSandbox({ config: CONFIG, prefix: 'idc-rel-', browser: true, ...options })
  for (const k of ['CI', 'SSH_CONNECTION', 'SSH_TTY', 'SSH_CLIENT']) delete box.env[k]
  box.env.DISPLAY = ':99'
  return box
}

/** Signs in with the device flow (auto-approved by the emulator). */
export async function login(box: Sandbox, profile = 'dev'): Promise<void> {
  const r = await cli(['login', '--profile', profile, '--use-device-code', '--no-browser'], box.env)
  if (r.code !== 0) throw new Error(`login failed: ${r.stderr}`)
}

/** Every file and directory under `dir` with its mode. */
export async function modes(dir: string): Promise<Array<{ path: string; dir: boolean; mode: number }>> {
  const out: Array<{ path: string; dir: boolean; mode: number }> = []
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const path = join(dir, name)
    const s = await stat(path)
    out.push({ path, dir: s.isDirectory(), mode: s.mode & 0o777 })
    if (s.isDirectory()) out.push(...(await modes(path)))
  }
  return out
}

export async function tokenFiles(home: string): Promise<string[]> {
  const dir = join(home, '.aws', 'sso', 'cache')
  return (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => n.endsWith('.json'))
    .map((n) => join(dir, n))
}

export async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8'))
}

/** Makes every cached SSO token expired (so the next call must refresh). */
export async function expireTokens(home: string): Promise<void> {
  const { writeFile } = await import('node:fs/promises')
  for (const file of await tokenFiles(home)) {
    const data = await readJson(file)
    if (typeof data.accessToken !== 'string') continue
    data.expiresAt = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    await writeFile(file, JSON.stringify(data))
  }
}

/**
 * Puts the SSO token cache on a 64 KB tmpfs (its files copied over). Undefined where tmpfs cannot be
 * mounted here (not root): the caller skips. The caller unmounts it.
 */
export async function ssoCacheOnTmpfs(box: Sandbox): Promise<string | undefined> {
  const cache = join(box.home, '.aws', 'sso', 'cache')
  const saved = join(box.home, 'saved-cache')
  await mkdir(saved)
  const names = await readdir(cache)
  for (const name of names) copyFileSync(join(cache, name), join(saved, name))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', cache], { stdio: 'ignore' })
  } catch {
    return undefined
  }
  for (const name of names) copyFileSync(join(saved, name), join(cache, name))
  return cache
}

/** Fills the file system holding `dir` (a write that does not fit leaves what did). */
export function fillDisk(dir: string): void {
  try {
    writeFileSync(join(dir, 'filler'), Buffer.alloc(128 * 1024))
  } catch {
    // ENOSPC: full, which is the point.
  }
}
