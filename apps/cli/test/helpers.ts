import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import * as Module from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sandboxEnv } from '@idc/emulator/testing'

export const cliRoot = join(import.meta.dirname, '..')
export const runJs = join(cliRoot, 'bin', 'run.cjs')

/**
 * A clean environment for a CLI child process: temporary HOME and XDG dirs (oclif's data, config and
 * cache: linked plugins live there), no AWS_* from the developer's shell, fixed terminal width.
 * End-to-end tests add AWS_ENDPOINT_URL etc. through `extra`, and pass their own `home`.
 */
export function isolatedEnv(
  extra: Record<string, string> = {},
  home = mkdtempSync(join(tmpdir(), 'aws-idc-home-')),
): Record<string, string> {
  return sandboxEnv(home, {
    inherit: true,
    env: {
      NODE_ENV: undefined,
      // The launcher must quiet the SDK's Node version warning itself.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined,
      COLUMNS: '100',
      NO_COLOR: '1',
      OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
      ...extra,
    },
  })
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

/** Whether this Node has a module compile cache (>= 22.1): bin/run.cjs then uses it instead of its own V8 code cache. */
export const compileCache =
  typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function'

/** Every file under dir (recursively), absolute; none when dir does not exist. */
export function cacheFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
}
