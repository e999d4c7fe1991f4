import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { login } from '@idc/core'
import type { EmulatorOptions, RunningEmulator } from '@idc/emulator'
import { createSandbox, sandboxEnv, setProcessEnv } from '@idc/emulator/testing'
import { runCommand } from '@oclif/test'

export const pluginRoot = join(import.meta.dirname, '..')
export const repoRoot = join(pluginRoot, '..', '..')
const cliRoot = join(repoRoot, 'apps', 'cli')

/**
 * The aws-idc executable as apps/cli/package.json declares it (run with `node`); IDC_TEST_CLI_BIN
 * runs the tests against another build's launcher (to prove a test fails without its fix).
 */
export async function cliBin(): Promise<string> {
  if (process.env['IDC_TEST_CLI_BIN']) return process.env['IDC_TEST_CLI_BIN']
  const pkg = JSON.parse(await readFile(join(cliRoot, 'package.json'), 'utf8')) as {
    bin: Record<string, string>
  }
  return join(cliRoot, pkg.bin['aws-idc']!)
}

export const START_URL = 'https://d-1234567890.awsapps.com/start'

export interface Sandbox {
  emu: RunningEmulator
  home: string
  configFile: string
  env: Record<string, string>
  /** Runs the real CLI as a child process (asynchronously: the emulator lives in this process). */
  cli(args: string[], options?: { env?: Record<string, string>; input?: string }): Promise<CliResult>
  /** Runs a command in-process with @oclif/test (this plugin only), with the sandbox's environment. */
  oclif(args: string[]): ReturnType<typeof runCommand>
  /** Signs in to an sso-session with @idc/core's device flow (auto-approved). */
  signIn(sessionName: string): Promise<void>
  config(): Promise<string>
  cleanup(): Promise<void>
}

export interface CliResult {
  status: number | null
  stdout: string
  stderr: string
}

/** An emulator (auto-approve) and a temporary HOME whose AWS config is `config`. */
export async function sandbox(config: string | undefined, options: EmulatorOptions = {}): Promise<Sandbox> {
  const box = await createSandbox({ config, emulator: options, prefix: 'idc-profiles-' })
  const { emu, home, configFile } = box
  const env = isolatedEnv(home, { AWS_ENDPOINT_URL: emu.url })
  const bin = await cliBin()
  return {
    emu,
    home,
    configFile,
    env,
    cli: (args, opts = {}) => runProcess(process.execPath, [bin, ...args], opts.env ?? env, opts.input),
    oclif: (args) => withEnv(env, () => runCommand(args, { root: pluginRoot })),
    signIn: async (sessionName) => {
      await login({ from: 'sso-session', sessionName }, { env, flow: 'device' })
    },
    config: () => readFile(configFile, 'utf8'),
    cleanup: box.cleanup,
  }
}

/** A clean environment: temporary HOME, no AWS_* or XDG_* from the developer's shell, no colours. */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return sandboxEnv(home, {
    inherit: true,
    env: {
      NODE_ENV: undefined,
      DISPLAY: undefined,
      WAYLAND_DISPLAY: undefined,
      BROWSER: undefined,
      COLUMNS: '100',
      NO_COLOR: '1',
      OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
      ...extra,
    },
  })
}

export function runProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  input?: string,
  cwd?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout, stderr })
    })
    child.stdin.end(input ?? '')
  })
}

/** Runs `fn` with process.env replaced by `env` (for in-process oclif runs), then restores it. */
async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const restore = setProcessEnv(env, { unset: true })
  try {
    return await fn()
  } finally {
    restore()
  }
}

/** The exit code oclif attached to an error returned by @oclif/test's runCommand. */
export const exitOf = (error: unknown) => (error as { oclif?: { exit?: number } } | undefined)?.oclif?.exit
