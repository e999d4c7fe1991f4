/**
 * TODO(@idc/core) — TEMPORARY SHIM, delete when @idc/core exports these.
 *
 * The session API (packages/core/src/session/types.ts) and the formatters (core/src/format) are
 * being written; '@idc/core' does not export them yet. Each function below looks up the real export
 * at call time and throws EngineMissingError when it is absent: there is no stand-in behaviour.
 * Once core exports them, replace `from '../engine.js'` with `from '@idc/core'` and delete this file
 * (the types here mirror core's and are structurally identical).
 */

import type { TargetRequest } from '@idc/cli-kit/lite'
import type { Credentials } from '@idc/core'
import * as core from '@idc/core'

export type { Credentials, TargetRequest }

/** core: config/types.ts ResolvedTarget */
export interface ResolvedTarget {
  kind: 'session' | 'legacy'
  profileName?: string | undefined
  sessionName?: string | undefined
  startUrl: string
  ssoRegion: string
  accountId?: string | undefined
  roleName?: string | undefined
  registrationScopes?: string[] | undefined
  region?: string | undefined
  endpoints: { sso?: string | undefined; ssoOidc?: string | undefined }
  source: { configFile: string; section?: string | undefined }
}

/** core: session/types.ts SessionContext */
export interface SessionContext {
  env?: Readonly<Record<string, string | undefined>> | undefined
  homedir?: string | undefined
  signal?: AbortSignal | undefined
  clientConfig?: Record<string, unknown> | undefined
  now?: (() => number) | undefined
  debug?: ((line: string) => void) | undefined
  loginCommand?: string | undefined
}

/** core: session/types.ts CredentialsResult */
export interface CredentialsResult {
  credentials: Credentials
  source: 'cache' | 'portal'
  target: ResolvedTarget & { accountId: string; roleName: string }
}

/** core: format/index.ts FormatName (the names of FORMATS). */
export type FormatName =
  | 'process'
  | 'env'
  | 'env-no-export'
  | 'fish'
  | 'powershell'
  | 'windows-cmd'
  | 'json'
  | 'ini'
  | 'dotenv'
  | 'github-env'

export interface FormatInfo {
  readonly name: FormatName
  readonly description: string
  readonly awsCli: boolean
}

/** core: format/index.ts FormatOptions */
export interface FormatOptions {
  /** AWS_REGION / AWS_DEFAULT_REGION lines (per-variable formats), `region =` (ini). */
  region?: string | undefined
  /** ini: the section name. */
  profile?: string | undefined
  includeAccountId?: boolean | undefined
  delimiter?: string | undefined
}

export type Variable = readonly [name: string, value: string]

/** core: config/types.ts SectionRef / SectionValues */
export interface SectionRef {
  file: 'config' | 'credentials'
  type: 'profile' | 'sso-session' | 'services'
  name: string
}
export type SectionValues = Readonly<Record<string, string | Readonly<Record<string, string>>>>

/** Thrown when this build of @idc/core lacks a function the CLI needs. */
export class EngineMissingError extends Error {
  constructor(name: string) {
    super(`This build of @idc/core does not provide ${name}() yet.`)
    this.name = 'EngineMissingError'
  }
}

const exported = core as unknown as Record<string, unknown>

function engine<F extends (...args: never[]) => unknown>(name: string): F {
  return ((...args: never[]) => {
    const fn = exported[name]
    if (typeof fn !== 'function') throw new EngineMissingError(name)
    return (fn as F)(...args)
  }) as F
}

/** True when core exports every named function (the fast path falls back to oclif otherwise). */
export function engineHas(...names: string[]): boolean {
  return names.every((n) => typeof exported[n] === 'function')
}

export const resolveTarget =
  engine<(request: TargetRequest, ctx?: SessionContext) => Promise<ResolvedTarget>>('resolveTarget')
/** core: session/credentials.ts GetCredentialsOptions */
export interface GetCredentialsOptions extends SessionContext {
  /** Account and role given directly (flags); they win over the profile's values. */
  accountId?: string | undefined
  roleName?: string | undefined
  forceRefresh?: boolean | undefined
}
export const getCredentials =
  engine<(request: TargetRequest, options?: GetCredentialsOptions) => Promise<CredentialsResult>>(
    'getCredentials',
  )
export const format =
  engine<(name: FormatName, creds: Credentials, options?: FormatOptions) => string>('format')
export const credentialVariables =
  engine<(creds: Credentials, options?: { region?: string | undefined }) => Variable[]>('credentialVariables')
/** core: config/paths.ts */
export interface ConfigPaths {
  configFile: string
  credentialsFile: string
}
export const configPaths =
  engine<(env: Readonly<Record<string, string | undefined>>, homedir?: string) => ConfigPaths>('configPaths')
/** core: config/write.ts — adds or replaces one section, every other byte of the file unchanged. */
export interface EditResult {
  path: string
  changed: boolean
}
export const writeSection =
  engine<(path: string, ref: SectionRef, values: SectionValues) => Promise<EditResult>>('writeSection')

/**
 * The formats for `--format` (help and validation need the list before any call). Core's FORMATS when
 * exported; until then a copy of its names and descriptions (core/src/format/index.ts).
 */
export const FORMATS: readonly FormatInfo[] = (exported['FORMATS'] as readonly FormatInfo[] | undefined) ?? [
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
]
