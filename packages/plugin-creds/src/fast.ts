/**
 * `@idc/plugin-creds/fast`: `credential-process` and `creds` without oclif.
 *
 * The AWS CLI and SDKs run `credential_process` before every call, so this entry imports only
 * @idc/core and @idc/cli-kit/lite (no @oclif/core, no command discovery). `bin/run.js` of the CLI
 * calls `runFast(argv)`; `undefined` means "not mine, run oclif", a number is the exit code.
 * Errors are rendered here in the same one-line format as the oclif commands.
 */
import { reportError } from '@idc/cli-kit/lite'
import { FORMATS, type FormatName } from '@idc/core'
import { parseFastArgv } from './lib/argv.js'
import { credentialsFor } from './lib/credentials.js'
import { renderCredentials } from './lib/output.js'

export interface FastIo {
  stdout?: ((text: string) => void) | undefined
  stderr?: ((text: string) => void) | undefined
  env?: Readonly<Record<string, string | undefined>> | undefined
}

export async function runFast(argv: readonly string[], io: FastIo = {}): Promise<number | undefined> {
  const parsed = parseFastArgv(argv)
  if (!parsed) return undefined
  const { command, flags } = parsed
  const formatName = command === 'credential-process' ? 'process' : (flags['format'] ?? 'env')
  if (!FORMATS.some((f) => f.name === formatName)) return undefined
  const env = io.env ?? process.env
  const stdout = io.stdout ?? ((t: string) => void process.stdout.write(t))
  try {
    const result = await credentialsFor(flags, { env })
    const region = command === 'creds' ? flags['region'] : undefined
    stdout(renderCredentials(formatName as FormatName, result, { region }))
    return 0
  } catch (error) {
    return reportError(error, { commandId: command, env, stdout, stderr: io.stderr })
  }
}
