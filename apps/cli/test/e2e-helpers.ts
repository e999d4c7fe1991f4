import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { EmulatorOptions, RunningEmulator } from '@idc/emulator'
import { createSandbox, DEFAULT_CONFIG, DEFAULT_START_URL } from '@idc/emulator/testing'
import { cliRoot, isolatedEnv } from './helpers.js'

/**
 * End-to-end helpers: the real launcher (package.json `bin`, whatever its file name) as a child
 * process, against an emulator running in the test process, with a temporary HOME. Children are
 * spawned asynchronously: a synchronous spawn would block the emulator's event loop.
 */

const pkg = JSON.parse(readFileSync(join(cliRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }
/**
 * IDC_TEST_CLI_BIN runs these tests against another build's launcher (an older commit's
 * `apps/cli/bin/run.cjs`), to prove a test fails without the fix it covers.
 */
export const launcher = process.env['IDC_TEST_CLI_BIN'] || join(cliRoot, pkg.bin['aws-idc']!)

export const START_URL = DEFAULT_START_URL
export const sha1 = (s: string) => createHash('sha1').update(s).digest('hex')
export const SESSION_TOKEN_FILE = `${sha1('my-sso')}.json`
export const DEV_ROLE_CACHE = `${sha1('{"accountId":"111111111111","roleName":"ReadOnly","sessionName":"my-sso"}')}.json`

export const CONFIG = DEFAULT_CONFIG

export interface E2E {
  emu: RunningEmulator
  home: string
  env: Record<string, string>
  cacheDir: string
  roleCacheDir: string
  files(dir: string): Promise<string[]>
  json<T = Record<string, string>>(path: string): Promise<T>
  cleanup(): Promise<void>
}

export async function e2e(options: EmulatorOptions = {}, config = CONFIG): Promise<E2E> {
  // A $BROWSER that fetches the URL (following redirects): with auto-approve the emulator sends it
  // on to the loopback listener, as a real browser would.
  const box = await createSandbox({ config, emulator: options, prefix: 'aws-idc-home-', browser: true })
  const home = box.home
  const env = isolatedEnv({ AWS_ENDPOINT_URL: box.emu.url }, home)
  for (const k of ['CI', 'BROWSER', 'SSH_CONNECTION', 'SSH_TTY', 'SSH_CLIENT']) delete env[k]
  Object.assign(env, { DISPLAY: ':99', BROWSER: box.browser })
  return {
    emu: box.emu,
    home,
    env,
    cacheDir: join(home, '.aws', 'sso', 'cache'),
    roleCacheDir: join(home, '.aws', 'cli', 'cache'),
    files: async (dir) => (await readdir(dir).catch(() => [] as string[])).sort(),
    json: async (path) => JSON.parse(await readFile(path, 'utf8')),
    cleanup: box.cleanup,
  }
}

export interface Exit {
  status: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface Running {
  child: ChildProcess
  /** What the process has written to stdout so far. */
  stdout(): string
  /** Resolves once stderr contains `text`. */
  waitForStderr(text: string, timeoutMs?: number): Promise<string>
  done: Promise<Exit>
}

/** Starts `aws-idc ...args` (node + the launcher) and collects its output. */
export function start(args: string[], env: Record<string, string>, input?: string): Running {
  const child = spawn(process.execPath, [launcher, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  const waiters: { text: string; resolve: (s: string) => void }[] = []
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d
  })
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d
    for (const w of [...waiters]) if (stderr.includes(w.text)) w.resolve(stderr)
  })
  if (input !== undefined) child.stdin!.end(input)
  else child.stdin!.end()
  const done = new Promise<Exit>((resolve) =>
    child.once('close', (status, signal) => resolve({ status, signal, stdout, stderr })),
  )
  return {
    child,
    done,
    stdout: () => stdout,
    waitForStderr: (text, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        if (stderr.includes(text)) return resolve(stderr)
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${JSON.stringify(text)}; stderr so far: ${stderr}`)),
          timeoutMs,
        )
        waiters.push({
          text,
          resolve: (s) => {
            clearTimeout(timer)
            resolve(s)
          },
        })
      }),
  }
}

/** Runs `aws-idc ...args` to completion. */
export function cli(args: string[], env: Record<string, string>, input?: string): Promise<Exit> {
  return start(args, env, input).done
}
