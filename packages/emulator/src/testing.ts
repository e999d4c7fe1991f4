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

/** The default fixture's start URL (what DEFAULT_CONFIG signs in to). */
export const DEFAULT_START_URL = 'https://d-1234567890.awsapps.com/start'

/**
 * A `~/.aws/config` for the default fixture, as the AWS CLI writes one: `[sso-session my-sso]`,
 * `[profile dev]` on it (account 111111111111, ReadOnly) and a legacy profile (222222222222). Tests
 * that need more append sections to it, e.g. `DEFAULT_CONFIG + DEV_ADMIN_PROFILE`.
 */
export const DEFAULT_CONFIG = `[default]
region = eu-west-1

[sso-session my-sso]
sso_start_url = ${DEFAULT_START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = eu-west-1

[profile legacy]
sso_start_url = ${DEFAULT_START_URL}
sso_region = us-east-1
sso_account_id = 222222222222
sso_role_name = ReadOnly
`

/** A second role in dev's account on the same sso-session, to append to DEFAULT_CONFIG. */
export const DEV_ADMIN_PROFILE = `
[profile dev-admin]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
`

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

export interface InstallSandboxOptions extends SandboxOptions {
  /**
   * For CLI commands run in-process: a desktop session (`DISPLAY`, so the browser sign-in is the
   * default) with the stand-in browser, and the AWS SDK's Node-version warning left for the commands
   * to quiet themselves.
   */
  commands?: boolean
}

export interface InstalledSandbox extends Sandbox {
  /** `HOME/.aws/sso/cache`: tokens and registrations. */
  cacheDir: string
  /** `HOME/.aws/cli/cache`: role credentials. */
  roleCacheDir: string
  /** Sorted names of the files in `dir` (none when it does not exist). */
  files(dir: string): Promise<string[]>
}

/**
 * `createSandbox`, installed into `process.env` for code under test that reads it itself (oclif
 * commands run in-process): every `AWS_*`, `SSH_*`, `CI` and `BROWSER` variable of this process is
 * removed first, and `cleanup()` puts `process.env` back exactly as it was. Test runners that run
 * each file in its own worker (vitest) keep the change to that file.
 */
export async function installSandbox(options: InstallSandboxOptions = {}): Promise<InstalledSandbox> {
  const { commands, ...rest } = options
  const box = await createSandbox(
    commands
      ? {
          ...rest,
          browser: true,
          env: { DISPLAY: ':99', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined, ...rest.env },
        }
      : rest,
  )
  const restore = setProcessEnv(box.env, {
    unset: (k) => k.startsWith('AWS_') || k.startsWith('SSH_') || k === 'CI' || k === 'BROWSER',
  })
  return {
    ...box,
    cacheDir: join(box.home, '.aws', 'sso', 'cache'),
    roleCacheDir: join(box.home, '.aws', 'cli', 'cache'),
    files: async (dir) => (await readdir(dir).catch(() => [] as string[])).sort(),
    cleanup: async () => {
      restore()
      await box.cleanup()
    },
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
