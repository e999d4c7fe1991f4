/**
 * TODO(@idc/core) — TEMPORARY SHIM, delete when @idc/core exports these.
 *
 * The session API (packages/core/src/session/types.ts) is being written and '@idc/core' does not
 * export it yet. Each function below looks up the real export at call time and throws
 * EngineMissingError when it is absent: there is no stand-in behaviour. Once core exports them,
 * replace `from '../engine.js'` with `from '@idc/core'` and delete this file (the types mirror core's).
 */

import type { TargetRequest } from '@idc/cli-kit'
import * as core from '@idc/core'

export type { TargetRequest }

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

/** core: oidc/types.ts */
export interface DeviceVerification {
  verificationUri: string
  verificationUriComplete: string
  userCode: string
  expiresAt: Date
}
export interface WaitProgress {
  attempt: number
  remainingMs: number
  intervalMs: number
}

/** core: session/types.ts */
export type LoginFlow = 'device' | 'auth-code'
export interface LoginOptions extends SessionContext {
  flow?: LoginFlow | undefined
  force?: boolean | undefined
  onVerification?: ((v: DeviceVerification) => void | Promise<void>) | undefined
  onAuthorizeUrl?: ((url: string) => void | Promise<void>) | undefined
  onProgress?: ((p: WaitProgress) => void) | undefined
  timeoutMs?: number | undefined
}
export interface LoginResult {
  file: string
  expiresAt: Date
  reused: boolean
  flow?: LoginFlow | undefined
  target: ResolvedTarget
}
export interface LogoutResult {
  tokens: string[]
  roleCaches: string[]
  warnings: string[]
}
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

export const login = engine<(request: TargetRequest, options?: LoginOptions) => Promise<LoginResult>>('login')
export const logout =
  engine<(request: TargetRequest | { all: true }, ctx?: SessionContext) => Promise<LogoutResult>>('logout')
export const listSessions = engine<(ctx?: SessionContext) => Promise<SessionInfo[]>>('listSessions')
