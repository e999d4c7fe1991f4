/**
 * TODO(@idc/core) — TEMPORARY SHIM, delete when @idc/core exports these.
 *
 * The session and config APIs (packages/core/src/session, src/config) are being written and
 * '@idc/core' does not export them yet. Each function below looks up the real export at call time
 * and throws EngineMissingError when it is absent: there is no stand-in behaviour. Once core exports
 * them, replace `from '../engine.js'` with `from '@idc/core'` and delete this file (the types mirror
 * core's; ConfigFiles is opaque here).
 */

import type { TargetRequest } from '@idc/cli-kit'
import * as core from '@idc/core'

export type { TargetRequest }

type Env = Readonly<Record<string, string | undefined>>

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
  env?: Env | undefined
  homedir?: string | undefined
  signal?: AbortSignal | undefined
  clientConfig?: Record<string, unknown> | undefined
  now?: (() => number) | undefined
  debug?: ((line: string) => void) | undefined
  loginCommand?: string | undefined
}

/** core: session/types.ts TokenResult */
export interface TokenResult {
  file: string
  accessToken: string
  expiresAt: Date
  refreshed: boolean
  refreshable: boolean
}

/** core: session/types.ts SessionInfo */
export interface SessionInfo {
  file: string
  key?: string | undefined
  kind?: 'session' | 'legacy' | undefined
  startUrl?: string | undefined
  region?: string | undefined
  expiresAt?: Date | undefined
  expired: boolean
  refreshable: boolean
  profiles: string[]
  problem?: string | undefined
}

/** core: portal/portal.ts */
export interface Account {
  accountId: string
  accountName?: string | undefined
  emailAddress?: string | undefined
}
export interface AccountRole {
  accountId: string
  roleName: string
}
export interface AccountWithRoles extends Account {
  roles: string[]
}

/** core: config/types.ts */
export interface SectionRef {
  file: 'config' | 'credentials'
  type: 'profile' | 'sso-session' | 'services'
  name: string
}
export type SectionValues = Readonly<Record<string, string | Readonly<Record<string, string>>>>
export interface ConfigPaths {
  configFile: string
  credentialsFile: string
}
export interface EditResult {
  path: string
  changed: boolean
}
/** core: config/config-files.ts ConfigFiles (opaque here). */
export type ConfigFiles = { readonly config: unknown; readonly credentials: unknown }
/** core: config/config-section.ts ConfigSection (the part used here). */
export interface ConfigSection {
  readonly label: string
  readonly file: string
  keys(): string[]
  get(key: string): { value: string } | undefined
}

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

export const resolveTarget =
  engine<(request: TargetRequest, ctx?: SessionContext) => Promise<ResolvedTarget>>('resolveTarget')
export const getToken =
  engine<(target: ResolvedTarget, ctx?: SessionContext) => Promise<TokenResult>>('getToken')
export const listSessions = engine<(ctx?: SessionContext) => Promise<SessionInfo[]>>('listSessions')
export const listAccounts =
  engine<(request: TargetRequest, ctx?: SessionContext) => Promise<Account[]>>('listAccounts')
export const listRoles =
  engine<(request: TargetRequest, accountId: string, ctx?: SessionContext) => Promise<AccountRole[]>>(
    'listRoles',
  )
export const listAccountsAndRoles =
  engine<(request: TargetRequest, ctx?: SessionContext) => Promise<AccountWithRoles[]>>(
    'listAccountsAndRoles',
  )
export const configPaths = engine<(env: Env, homedir?: string) => ConfigPaths>('configPaths')
export const loadConfigFiles =
  engine<(options: { env: Env; homedir?: string | undefined }) => Promise<ConfigFiles>>('loadConfigFiles')
export const listProfiles = engine<(files: ConfigFiles) => string[]>('listProfiles')
export const getProfile =
  engine<(files: ConfigFiles, name: string) => ConfigSection | undefined>('getProfile')
export const writeSection =
  engine<(path: string, ref: SectionRef, values: SectionValues) => Promise<EditResult>>('writeSection')
export const deleteSection = engine<(path: string, ref: SectionRef) => Promise<EditResult>>('deleteSection')
