/**
 * Error rendering shared by the oclif commands and the fast path (`@idc/plugin-creds/fast`).
 * No @oclif/core import here: this module is on the hot path of `credential-process`.
 */
import { closestNames, IdcError, redactObject, redactText } from '@idc/core'
import { painter, useColor } from './color.js'
import { EXIT, type ExitCode, exitCodeForErrorCode } from './exit-codes.js'
import { knownSecrets } from './secrets.js'

export interface RenderOptions {
  /** Print `{"error":{...}}` on stdout instead of text on stderr. */
  json?: boolean | undefined
  /** Add the cause chain and stacks (redacted). */
  debug?: boolean | undefined
  /** The binary name used in hints, e.g. `aws-idc`. */
  bin?: string | undefined
  /** The command id used in usage hints, e.g. `creds`. */
  commandId?: string | undefined
  env?: Readonly<Record<string, string | undefined>> | undefined
  /** The command's flag names (without `--`), for "did you mean" on an unknown flag. */
  flagNames?: readonly string[] | undefined
  /** Colour `error:` and `hint:` (a terminal; see useColor). */
  color?: boolean | undefined
}

export interface ErrorJson {
  error: { code: string; message: string; hint?: string | undefined }
}

export interface RenderedError {
  exitCode: number
  stdout: string
  stderr: string
  json: ErrorJson | undefined
}

interface OclifErrorLike {
  message: string
  oclif?: { exit?: number | false | undefined } | undefined
  code?: unknown
  name?: unknown
}

/** An oclif `ExitError` (`this.exit(n)`): nothing to print, just the code. */
export function isExitError(error: unknown): error is OclifErrorLike & { oclif: { exit: number } } {
  const e = error as OclifErrorLike | undefined
  return typeof e === 'object' && e !== null && e.code === 'EEXIT' && typeof e.oclif?.exit === 'number'
}

/** A command-line parse error from oclif (unknown flag, missing value...): exit code 2. */
export function isUsageError(error: unknown): error is OclifErrorLike {
  const e = error as OclifErrorLike | undefined
  if (typeof e !== 'object' || e === null) return false
  if (e.oclif?.exit === 2) return true
  return (
    typeof e.name === 'string' && /ParseError|FlagsError|ArgsError|InvalidOptionError|Validation/.test(e.name)
  )
}

/** True for an abort caused by Ctrl-C (an AbortError from a signal, or IdcError `aborted`). */
function isInterrupt(error: unknown): boolean {
  if (IdcError.is(error)) return error.code === 'aborted'
  // AbortError: our Ctrl-C handler aborted the engine call; ExitPromptError: Ctrl-C in an @inquirer prompt.
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'ExitPromptError')
}

/** oclif's parse messages without their boilerplate lines ("The following errors occurred:", "See more help..."). */
function usageMessage(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (l) => l !== '' && !/^The following errors? occurred:?$/.test(l) && !/^See more help with/.test(l),
    )
  if (lines.length === 0) return 'Invalid command line.'
  return lines.reduce((acc, line) => (acc.endsWith(':') ? `${acc} ${line}` : `${acc}; ${line}`))
}

/** "Did you mean --format? " for `Nonexistent flag: --formt` (core's closestNames), else ''. */
function didYouMeanFlag(message: string, flagNames: readonly string[] | undefined): string {
  const typed = /Nonexistent flags?: (-{1,2}[\w-]+)/.exec(message)?.[1]
  if (!typed || !flagNames) return ''
  const [best] = closestNames(typed.replace(/^-+/, ''), flagNames, { max: 1 })
  return best ? `Did you mean --${best}? ` : ''
}

/** Collapse a multi-line message to one line. */
function oneLine(text: string): string {
  return text
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Turns any thrown value into what the user sees and the exit code. Every string is redacted. */
export function renderError(error: unknown, options: RenderOptions = {}): RenderedError {
  const secrets = knownSecrets(options.env ?? process.env)
  const clean = (text: string) => redactText(text, secrets)
  const bin = options.bin ?? 'aws-idc'

  let code: string
  let message: string
  let hint: string | undefined
  let exitCode: number

  if (isExitError(error)) {
    return { exitCode: error.oclif.exit, stdout: '', stderr: '', json: undefined }
  }
  if (IdcError.is(error)) {
    code = error.code
    message = error.message
    hint = error.hint
    exitCode = exitCodeForErrorCode(error.code)
  } else if (isInterrupt(error)) {
    code = 'aborted'
    message = 'Interrupted.'
    exitCode = EXIT.interrupted
  } else if (isUsageError(error)) {
    code = 'usage'
    // oclif's parse errors end with "See more help with --help"; the hint says it once.
    message = usageMessage(error.message)
    hint = `${didYouMeanFlag(message, options.flagNames)}See \`${bin}${options.commandId ? ` ${options.commandId}` : ''} --help\`.`
    exitCode = EXIT.usage
  } else {
    code = 'unexpected'
    message = error instanceof Error ? error.message || error.name : String(error)
    hint = options.debug ? undefined : 'Run the command again with --debug for details.'
    exitCode = EXIT.error
  }

  message = clean(oneLine(message))
  hint = hint === undefined ? undefined : clean(oneLine(hint))

  if (options.json) {
    const json: ErrorJson = { error: { code, message, ...(hint ? { hint } : {}) } }
    return { exitCode, stdout: `${JSON.stringify(json, null, 2)}\n`, stderr: debugText(), json }
  }
  const paint = painter(Boolean(options.color))
  let stderr = `${paint('red', 'error:')} ${message}\n`
  if (hint) stderr += `${paint('yellow', 'hint:')} ${hint}\n`
  stderr += debugText()
  return { exitCode, stdout: '', stderr, json: undefined }

  function debugText(): string {
    if (!options.debug) return ''
    return clean(describeChain(error))
  }
}

/** The error, its stack and every cause (with structured fields), for `--debug`. */
export function describeChain(error: unknown): string {
  const lines: string[] = []
  let current: unknown = error
  const seen = new Set<unknown>()
  let depth = 0
  while (current !== undefined && current !== null && !seen.has(current) && depth < 10) {
    seen.add(current)
    const prefix = depth === 0 ? 'debug: ' : 'debug: caused by: '
    if (current instanceof Error) {
      lines.push(`${prefix}${current.stack ?? `${current.name}: ${current.message}`}`)
      const extra = ownFields(current)
      if (extra) lines.push(`debug:   ${extra}`)
      current = (current as { cause?: unknown }).cause
    } else {
      lines.push(`${prefix}${safeJson(redactObject(current))}`)
      current = undefined
    }
    depth++
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}

/** Enumerable own properties of an error (code, details, AWS $metadata...), secrets removed. */
function ownFields(error: Error): string | undefined {
  const fields: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(error)) {
    if (key === 'cause' || key === '$response' || key === 'code') continue
    fields[key] = value
  }
  // `code` is a SECRET_KEYS member (the OAuth authorization code); an error's code is not.
  const code = (error as { code?: unknown }).code
  const prefix = typeof code === 'string' ? `code=${code} ` : ''
  if (Object.keys(fields).length === 0) return prefix ? prefix.trim() : undefined
  return `${prefix}${safeJson(redactObject(fields))}`
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** Renders and writes an error with the given writers; returns the exit code. */
export function reportError(
  error: unknown,
  options: RenderOptions & {
    stdout?: (text: string) => void
    stderr?: (text: string) => void
  } = {},
): ExitCode | number {
  const r = renderError(error, {
    ...options,
    color: options.color ?? (options.stderr === undefined && useColor(process.stderr, options.env)),
  })
  if (r.stdout) (options.stdout ?? ((t: string) => process.stdout.write(t)))(r.stdout)
  if (r.stderr) (options.stderr ?? ((t: string) => process.stderr.write(t)))(r.stderr)
  return r.exitCode
}

/** Whether `--debug` / `--json` appear in argv before a `--` (usable before flags are parsed). */
export function argvHas(argv: readonly string[], flag: string): boolean {
  const end = argv.indexOf('--')
  const scan = end === -1 ? argv : argv.slice(0, end)
  return scan.some((arg) => arg === flag || (flag.startsWith('--') && arg.startsWith(`${flag}=`)))
}
