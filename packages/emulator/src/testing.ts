/**
 * `@idc/emulator/testing`: a throwaway "sandbox" for tests and pipelines — a running emulator plus a
 * temporary HOME with `~/.aws/config`, and an environment that points every AWS client at both.
 *
 * Framework-neutral on purpose: no test runner is imported here, so it works under vitest, jest,
 * `node:test` or a plain script. Everything is undone by `cleanup()`.
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type EmulatorOptions, type RunningEmulator, startEmulator } from './server.js'

export interface SandboxEnvOptions {
  /**
   * Start from this process's environment (minus every `AWS_*` and `XDG_*` variable, which would
   * point outside the sandbox) instead of from `PATH` alone. Default false: a minimal environment.
   */
  inherit?: boolean
  /** Applied last, over everything else. A variable set to `undefined` is left out. */
  env?: Record<string, string | undefined>
}

/**
 * The environment of a sandbox whose HOME is `home`: `HOME`, the XDG base directories under it,
 * `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` in `home/.aws`, `AWS_ENDPOINT_URL` when an
 * `endpoint` is given, and `AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true` (the AWS SDK for
 * JavaScript otherwise prints a warning on Node < 22). Without `inherit`, `PATH` is the only other
 * variable. Creates nothing on disk.
 */
export function sandboxEnv(
  home: string,
  options: SandboxEnvOptions & { endpoint?: string } = {},
): Record<string, string> {
  const env: Record<string, string> = {}
  if (options.inherit) {
    for (const [key, value] of Object.entries(process.env)) {
      if (value === undefined || key.startsWith('AWS_') || key.startsWith('XDG_')) continue
      env[key] = value
    }
  } else {
    env['PATH'] = process.env['PATH'] ?? '/usr/bin:/bin'
  }
  Object.assign(env, {
    HOME: home,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    ...(options.endpoint !== undefined ? { AWS_ENDPOINT_URL: options.endpoint } : {}),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  })
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return env
}

export interface SandboxOptions extends SandboxEnvOptions {
  /** Contents of `~/.aws/config`. Without it no config file is written (`~/.aws` still exists). */
  config?: string
  /** Contents of `~/.aws/credentials`. Without it no credentials file is written. */
  credentials?: string
  /**
   * Passed to `startEmulator`, over the sandbox defaults `{ autoApprove: true,
   * autoApproveAfterPolls: 0 }` (sign-ins succeed at once). `{ autoApprove: false }` to decide them.
   */
  emulator?: EmulatorOptions
  /**
   * Write an executable stand-in browser, `HOME/browser.mjs`, and set `BROWSER` to it: it fetches
   * the URL it is given, following redirects, as a browser would. With auto-approve that completes
   * a PKCE sign-in (the emulator redirects to the client's loopback listener). POSIX only (shebang).
   */
  browser?: boolean
  /** Prefix of the temporary HOME's directory name (in the OS temp dir). Default `idc-sandbox-`. */
  prefix?: string
}

export interface Sandbox {
  emu: RunningEmulator
  /** The temporary HOME. */
  home: string
  /** `HOME/.aws/config` (written only when `config` was given). */
  configFile: string
  /** `HOME/.aws/credentials` (written only when `credentials` was given). */
  credentialsFile: string
  /** The stand-in browser when `browser: true`. */
  browser: string | undefined
  /** Points every client at the emulator and HOME: pass as `env` to library calls or child processes. */
  env: Record<string, string>
  /** Every file under HOME with its contents (UTF-8), keyed by absolute path: to prove what changed. */
  snapshot(): Promise<Map<string, string>>
  /** Stops the emulator and removes HOME. */
  cleanup(): Promise<void>
}

/** Stand-in browser: fetches the URL it is given (following redirects) and reads the page. */
const BROWSER_SCRIPT = `#!${process.execPath}\nawait fetch(process.argv[2]).then((r) => r.text()).catch(() => {})\n`

/**
 * Starts an emulator and makes a temporary HOME with `~/.aws/config`. `process.env` is left alone:
 * pass `sandbox.env` on. Run child processes asynchronously (`execFile`, `spawn`), never with a
 * synchronous spawn: the emulator serves from this process's event loop.
 *
 * ```ts
 * const box = await createSandbox({ config: '[profile dev]\n…' })
 * try {
 *   await promisify(execFile)('aws', ['sso', 'login', '--profile', 'dev', '--use-device-code'], { env: box.env })
 * } finally {
 *   await box.cleanup()
 * }
 * ```
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const home = await mkdtemp(join(tmpdir(), options.prefix ?? 'idc-sandbox-'))
  const emu = await mkdir(join(home, '.aws'), { recursive: true })
    .then(() => startEmulator({ autoApprove: true, autoApproveAfterPolls: 0, ...options.emulator }))
    .catch(async (err: unknown) => {
      await rm(home, { recursive: true, force: true })
      throw err
    })
  const browser = options.browser ? join(home, 'browser.mjs') : undefined
  const env = sandboxEnv(home, {
    inherit: options.inherit,
    endpoint: emu.url,
    env: { ...(browser !== undefined ? { BROWSER: browser } : {}), ...options.env },
  })
  const configFile = join(home, '.aws', 'config')
  const credentialsFile = join(home, '.aws', 'credentials')
  const cleanup = async () => {
    try {
      await emu.stop()
    } finally {
      await rm(home, { recursive: true, force: true })
    }
  }
  try {
    if (options.config !== undefined) await writeFile(configFile, options.config)
    if (options.credentials !== undefined)
      await writeFile(credentialsFile, options.credentials, { mode: 0o600 })
    if (browser !== undefined) {
      await writeFile(browser, BROWSER_SCRIPT)
      await chmod(browser, 0o755)
    }
    return {
      emu,
      home,
      configFile,
      credentialsFile,
      browser,
      env,
      snapshot: async () => {
        const out = new Map<string, string>()
        await walk(home, out)
        return out
      },
      cleanup,
    }
  } catch (err) {
    await cleanup()
    throw err
  }
}

/**
 * For code under test that reads `process.env` itself (in-process CLI commands, for instance):
 * removes the variables `unset` selects (`true`: all of them), sets `env`, and returns a function
 * that puts `process.env` back exactly as it was.
 */
export function setProcessEnv(
  env: Record<string, string>,
  options: { unset?: boolean | ((name: string) => boolean) } = {},
): () => void {
  const saved = { ...process.env }
  const unset = options.unset ?? false
  for (const key of Object.keys(process.env)) {
    if (unset === true || (typeof unset === 'function' && unset(key))) delete process.env[key]
  }
  Object.assign(process.env, env)
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
  }
}

async function walk(dir: string, out: Map<string, string>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await walk(path, out)
    else out.set(path, await readFile(path, 'utf8'))
  }
}

export { KEY, Pty, plain } from './pty.js'
