import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const cliRoot = join(import.meta.dirname, '..')
export const runJs = join(cliRoot, 'bin', 'run.cjs')

/**
 * A clean environment for a CLI child process: temporary HOME and XDG dirs (oclif's data, config and
 * cache: linked plugins live there), no AWS_* from the developer's shell, fixed terminal width.
 * End-to-end tests add AWS_CONFIG_FILE, AWS_ENDPOINT_URL etc. through `extra`.
 */
export function isolatedEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'aws-idc-home-'))
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('AWS_') || k.startsWith('XDG_') || k === 'NODE_ENV') continue
    env[k] = v
  }
  return {
    ...env,
    HOME: home,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    COLUMNS: '100',
    NO_COLOR: '1',
    OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
    ...extra,
  }
}

export interface CliResult {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs `node [...nodeArgs] <bin> ...args` to completion. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; bin?: string; nodeArgs?: string[] } = {},
): CliResult {
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), options.bin ?? runJs, ...args], {
    env: options.env ?? isolatedEnv(),
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/**
 * `runCli` without blocking this process: needed whenever the child talks to an emulator that runs
 * in the test process (spawnSync would stop its event loop).
 */
export function runCliAsync(
  args: string[],
  options: { env?: Record<string, string>; bin?: string; nodeArgs?: string[] } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.bin ?? runJs, ...args], {
      env: options.env ?? isolatedEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}
