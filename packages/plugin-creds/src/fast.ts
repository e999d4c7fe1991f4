/**
 * `@idc/plugin-creds/fast`: `credential-process` and `creds` without oclif.
 *
 * The AWS CLI and SDKs run `credential_process` before every call, so this path must start in about
 * the time Node takes. It comes in two halves:
 *
 * - `runWarm` answers from the role cache (shared with the AWS CLI v2). Its static imports are only
 *   `@idc/core/warm`, `@idc/core/format` and `@idc/cli-kit/lite`: the aws-idc CLI bundles it into one
 *   CommonJS file (apps/cli/dist/fast.cjs, a test checks it holds no AWS SDK, oclif or lock code)
 *   that `bin/run.cjs` requires synchronously. It returns a `ColdStart` (with the target it resolved)
 *   when the cache cannot serve.
 * - `runCold` does the rest with `@idc/core`'s `getCredentials` (refresh the token, fetch, write the
 *   cache), imported lazily, starting from that target.
 *
 * Both return `undefined` for a command line they do not understand (help, --json, --debug, unknown
 * flags or formats): "not mine, run oclif". A number is the exit code; errors are rendered here in the
 * same one-line format and with the same exit codes as the oclif commands.
 * Keep every import below static-free of the engine: esbuild drops `runCold`'s `import()`s from the
 * bundle only because nothing the bundle uses reaches them.
 */
import {
  canPrompt,
  type ExitCode,
  needsSignIn,
  noTargetGiven,
  rememberSecrets,
  reportError,
  targetRequest,
  writeStdout,
} from '@idc/cli-kit/lite'
import type { CredentialsTarget } from '@idc/core'
import { FORMATS, type FormatName } from '@idc/core/format'
import { lookupWarm } from '@idc/core/warm'
import { type FastCommand, parseFastArgv } from './lib/argv.js'
import { renderCredentials } from './lib/output.js'

export interface FastIo {
  stdout?: ((text: string) => void) | undefined
  stderr?: ((text: string) => void) | undefined
  env?: Readonly<Record<string, string | undefined>> | undefined
}

/**
 * The role cache cannot serve and `runCold` must run: with the target the warm path resolved (so
 * the cold path does not read the config again), or none when the warm path did not run.
 */
export interface ColdStart {
  readonly cold: CredentialsTarget | undefined
}

/** A cold start without a resolved target (e.g. the warm bundle is not built). */
export const COLD: ColdStart = Object.freeze({ cold: undefined })

/** An exit code, a cold start (needs the full engine) or `undefined` (not a fast-path command line). */
export type WarmOutcome = ExitCode | number | ColdStart | undefined

export function isColdStart(outcome: WarmOutcome): outcome is ColdStart {
  return typeof outcome === 'object' && outcome !== null
}

interface FastRequest {
  command: FastCommand
  flags: Record<string, string>
  formatName: FormatName
  /** `creds --region`: adds AWS_REGION / AWS_DEFAULT_REGION. */
  region: string | undefined
}

/** The command line as the fast path understands it, or undefined (oclif's job). */
function fastRequest(argv: readonly string[], env: FastIo['env'] = process.env): FastRequest | undefined {
  const parsed = parseFastArgv(argv)
  if (!parsed) return undefined
  const { command, flags } = parsed
  // `creds` naming no target at a terminal may need the picker (oclif's command has it).
  if (command === 'creds' && noTargetGiven(flags, env) && canPrompt(env)) return undefined
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
    stdout: io.stdout ?? writeStdout,
    stderr: io.stderr,
  }
}

/** Serves the command line from the role cache: exit code, a `ColdStart` or `undefined`. */
export async function runWarm(argv: readonly string[], io: FastIo = {}): Promise<WarmOutcome> {
  const req = fastRequest(argv, io.env)
  if (!req) return undefined
  const { env, stdout, stderr } = writers(io)
  try {
    const { target, result } = await lookupWarm(targetRequest(req.flags), { env })
    if (!result) return { cold: target }
    rememberSecrets(result.credentials.secretAccessKey, result.credentials.sessionToken)
    stdout(renderCredentials(req.formatName, result, { region: req.region }))
    return 0
  } catch (error) {
    return failed(error, req, io, { env, stdout, stderr })
  }
}

/**
 * The full path without oclif: token refresh, GetRoleCredentials, cache write (loads @idc/core).
 * `from` is what `runWarm` returned: its resolved target is used instead of reading the config again.
 */
export async function runCold(
  argv: readonly string[],
  io: FastIo = {},
  from: ColdStart = COLD,
): Promise<WarmOutcome> {
  const req = fastRequest(argv, io.env)
  if (!req) return undefined
  const { env, stdout, stderr } = writers(io)
  try {
    const { credentialsFor } = await import('./lib/credentials.js')
    const result = await credentialsFor(req.flags, { env }, from.cold)
    stdout(renderCredentials(req.formatName, result, { region: req.region }))
    return 0
  } catch (error) {
    return failed(error, req, io, { env, stdout, stderr })
  }
}

/** The error, rendered as the oclif commands render it; undefined hands `creds` to oclif. */
function failed(
  error: unknown,
  req: { command: FastCommand },
  io: FastIo,
  out: ReturnType<typeof writers>,
): WarmOutcome {
  // A person at a terminal whose sign-in expired: oclif's `creds` offers to sign in right there.
  if (req.command === 'creds' && needsSignIn(error) && io.stderr === undefined && isTerminal())
    return undefined
  return reportError(error, { commandId: req.command, ...out })
}

function isTerminal(): boolean {
  return Boolean(process.stdin.isTTY) && Boolean(process.stderr.isTTY)
}

/** `runWarm`, then `runCold` (from the target `runWarm` resolved) when the cache cannot serve. */
export async function runFast(argv: readonly string[], io: FastIo = {}): Promise<WarmOutcome> {
  const outcome = await runWarm(argv, io)
  return isColdStart(outcome) ? runCold(argv, io, outcome) : outcome
}
