/**
 * `@idc/plugin-creds/fast`: `credential-process` and `creds` without oclif.
 *
 * The AWS CLI and SDKs run `credential_process` before every call, so this path must start in about
 * the time Node takes. It comes in two halves:
 *
 * - `runWarm` answers from the role cache (shared with the AWS CLI v2). Its static imports are only
 *   `@idc/core/warm`, `@idc/core/format` and `@idc/cli-kit/lite`: the aws-idc CLI bundles it into one
 *   CommonJS file (apps/cli/dist/fast.cjs, a test checks it holds no AWS SDK, oclif or lock code)
 *   that `bin/run.cjs` requires synchronously. It returns `'cold'` when the cache cannot serve.
 * - `runCold` does the rest with `@idc/core`'s `getCredentials` (refresh the token, fetch, write the
 *   cache), imported lazily; it is what `'cold'` falls back to.
 *
 * Both return `undefined` for a command line they do not understand (help, --json, --debug, unknown
 * flags or formats): "not mine, run oclif". A number is the exit code; errors are rendered here in the
 * same one-line format and with the same exit codes as the oclif commands.
 * Keep every import below static-free of the engine: esbuild drops `runCold`'s `import()`s from the
 * bundle only because nothing the bundle uses reaches them.
 */
import { type ExitCode, needsSignIn, rememberSecrets, reportError, targetRequest } from '@idc/cli-kit/lite'
import { FORMATS, type FormatName, format } from '@idc/core/format'
import { getWarmCredentials } from '@idc/core/warm'
import { type FastCommand, parseFastArgv } from './lib/argv.js'

export interface FastIo {
  stdout?: ((text: string) => void) | undefined
  stderr?: ((text: string) => void) | undefined
  env?: Readonly<Record<string, string | undefined>> | undefined
}

/** What `runWarm` returns when the role cache cannot serve and `runCold` must run. */
export const COLD = 'cold'

/** An exit code, `'cold'` (needs the full engine) or `undefined` (not a fast-path command line). */
export type WarmOutcome = ExitCode | number | typeof COLD | undefined

interface FastRequest {
  command: FastCommand
  flags: Record<string, string>
  formatName: FormatName
  /** `creds --region`: adds AWS_REGION / AWS_DEFAULT_REGION. */
  region: string | undefined
}

/** The command line as the fast path understands it, or undefined (oclif's job). */
function fastRequest(argv: readonly string[]): FastRequest | undefined {
  const parsed = parseFastArgv(argv)
  if (!parsed) return undefined
  const { command, flags } = parsed
  const formatName = command === 'credential-process' ? 'process' : (flags['format'] ?? 'env')
  if (!FORMATS.some((f) => f.name === formatName)) return undefined
  return {
    command,
    flags,
    formatName: formatName as FormatName,
    region: command === 'creds' ? flags['region'] : undefined,
  }
}

function writers(io: FastIo) {
  return {
    env: io.env ?? process.env,
    stdout: io.stdout ?? ((t: string) => void process.stdout.write(t)),
    stderr: io.stderr,
  }
}

/**
 * The text `creds --format <name>` prints. Must stay equal to `renderCredentials` in lib/output.ts
 * (which the oclif commands use); the CLI's tests compare both outputs byte for byte.
 */
function render(req: FastRequest, credentials: Parameters<typeof format>[1], profile: string | undefined) {
  return format(req.formatName, credentials, { region: req.region, profile })
}

/** Serves the command line from the role cache: exit code, `'cold'` or `undefined`. */
export async function runWarm(argv: readonly string[], io: FastIo = {}): Promise<WarmOutcome> {
  const req = fastRequest(argv)
  if (!req) return undefined
  const { env, stdout, stderr } = writers(io)
  try {
    const result = await getWarmCredentials(targetRequest(req.flags), {
      env,
      accountId: req.flags['account-id'],
      roleName: req.flags['role-name'],
    })
    if (!result) return COLD
    rememberSecrets(result.credentials.secretAccessKey, result.credentials.sessionToken)
    stdout(render(req, result.credentials, result.target.profileName))
    return 0
  } catch (error) {
    return reportError(error, { commandId: req.command, env, stdout, stderr })
  }
}

/** The full path without oclif: token refresh, GetRoleCredentials, cache write (loads @idc/core). */
export async function runCold(argv: readonly string[], io: FastIo = {}): Promise<WarmOutcome> {
  const req = fastRequest(argv)
  if (!req) return undefined
  const { env, stdout, stderr } = writers(io)
  try {
    const [{ credentialsFor }, { renderCredentials }] = await Promise.all([
      import('./lib/credentials.js'),
      import('./lib/output.js'),
    ])
    const result = await credentialsFor(req.flags, { env })
    stdout(renderCredentials(req.formatName, result, { region: req.region }))
    return 0
  } catch (error) {
    // A person at a terminal whose sign-in expired: oclif's `creds` offers to sign in right there.
    if (req.command === 'creds' && needsSignIn(error) && io.stderr === undefined && isTerminal())
      return undefined
    return reportError(error, { commandId: req.command, env, stdout, stderr })
  }
}

function isTerminal(): boolean {
  return Boolean(process.stdin.isTTY) && Boolean(process.stderr.isTTY)
}

/** `runWarm`, then `runCold` when the cache cannot serve. */
export async function runFast(argv: readonly string[], io: FastIo = {}): Promise<WarmOutcome> {
  const outcome = await runWarm(argv, io)
  return outcome === COLD ? runCold(argv, io) : outcome
}
