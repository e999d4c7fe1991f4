// @idc/format: every output form of aws-idc's credentials, with its quoting and expiration text.
// Pure functions with no runtime dependency, shared by @idc/core (which re-exports all of it) and
// the emulator's access portal, so what a person copies from the portal is what the CLI prints.

import { formatDotenv } from './dotenv.js'
import { FormatError } from './errors.js'
import { formatFish } from './fish.js'
import { formatGithubEnv, type GithubEnvOptions } from './github-env.js'
import { formatIni, type IniOptions } from './ini.js'
import { formatJson } from './json.js'
import { formatEnv, formatEnvNoExport } from './posix.js'
import { formatPowerShell } from './powershell.js'
import { formatProcess, type ProcessOptions } from './process.js'
import type { Credentials } from './types.js'
import { formatWindowsCmd } from './windows-cmd.js'

export { isDotenvSafe } from './dotenv.js'
export { describeExpiry, formatDuration } from './duration.js'
export {
  CodedError,
  type CodedErrorClass,
  type CodedErrorOptions,
  FormatError,
  type FormatErrorCode,
  isCodedError,
} from './errors.js'
export { formatExpiration } from './expiration.js'
export { quoteFish } from './fish.js'
export { type GithubEnvOptions, githubEnvEntry } from './github-env.js'
export type { IniOptions } from './ini.js'
export type { CredentialsJson } from './json.js'
export { isPosixPlain, quotePosix } from './posix.js'
export { quotePowerShell } from './powershell.js'
export type { ProcessOptions } from './process.js'
export type { Credentials } from './types.js'
export {
  type CredentialVariable,
  type CredentialVariableName,
  credentialVariables,
  type RegionOption,
} from './values.js'
export { formatVariables, VARIABLE_FORMATS, type VariableFormatName } from './variables.js'
export { cmdSet } from './windows-cmd.js'
export {
  formatDotenv,
  formatEnv,
  formatEnvNoExport,
  formatFish,
  formatGithubEnv,
  formatIni,
  formatJson,
  formatPowerShell,
  formatProcess,
  formatWindowsCmd,
}

/** Every option of every format; each format reads only the ones it knows. */
export interface FormatOptions extends ProcessOptions, IniOptions, GithubEnvOptions {}

export interface FormatInfo {
  readonly name: FormatName
  /** One line for `--format` help. */
  readonly description: string
  /** Also a format of `aws configure export-credentials`, with byte-identical output. */
  readonly awsCli: boolean
}

/** In the order help lists them: the AWS CLI's formats first, its default (`process`) leading. */
export const FORMATS = [
  {
    name: 'process',
    awsCli: true,
    description: 'credential_process JSON (Version 1), as the AWS CLI prints it',
  },
  { name: 'env', awsCli: true, description: 'export NAME=value lines for bash, zsh and other POSIX shells' },
  { name: 'env-no-export', awsCli: true, description: 'NAME=value shell variables, not exported' },
  { name: 'fish', awsCli: true, description: 'set -gx NAME "value" lines for fish' },
  { name: 'powershell', awsCli: true, description: '$Env:NAME="value" lines for PowerShell' },
  { name: 'windows-cmd', awsCli: true, description: 'set NAME=value lines for Windows cmd.exe' },
  { name: 'json', awsCli: false, description: 'a JSON object for programs and SDKs (camelCase keys)' },
  { name: 'ini', awsCli: false, description: 'a [profile] section for the shared credentials file' },
  {
    name: 'dotenv',
    awsCli: false,
    description: 'NAME=value lines for a .env file (dotenv, docker --env-file)',
  },
  { name: 'github-env', awsCli: false, description: 'lines to append to $GITHUB_ENV in GitHub Actions' },
] as const satisfies readonly { name: string; awsCli: boolean; description: string }[]

export type FormatName = (typeof FORMATS)[number]['name']

const FORMATTERS: Readonly<Record<FormatName, (creds: Credentials, options: FormatOptions) => string>> = {
  process: formatProcess,
  env: formatEnv,
  'env-no-export': formatEnvNoExport,
  fish: formatFish,
  powershell: formatPowerShell,
  'windows-cmd': formatWindowsCmd,
  json: formatJson,
  ini: formatIni,
  dotenv: formatDotenv,
  'github-env': formatGithubEnv,
}

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name)
}

/**
 * Renders `creds` in the named format. Throws FormatError (an IdcError to @idc/core) `invalid-argument` for an unknown format or
 * a value the format cannot carry unchanged (`invalid-name` for an unusable ini profile name).
 */
export function format(name: FormatName, creds: Credentials, options: FormatOptions = {}): string {
  if (!isFormatName(name)) {
    throw new FormatError('invalid-argument', `Unknown format ${JSON.stringify(name)}.`, {
      hint: `Use one of: ${FORMATS.map((f) => f.name).join(', ')}.`,
    })
  }
  return FORMATTERS[name](creds, options)
}
