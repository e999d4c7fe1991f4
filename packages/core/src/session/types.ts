import type { CredentialsTarget, Env, ResolvedTarget, TargetRequest } from '../config/types.js'
import type { DeviceVerification, WaitProgress } from '../oidc/types.js'
import type { RetryPolicy } from '../portal/retry.js'
import type { Credentials } from '../types.js'

/** Ambient inputs every session operation takes explicitly (tests pass their own). */
export interface SessionContext {
  /** Environment (AWS_PROFILE, AWS_CONFIG_FILE, AWS_ENDPOINT_URL*, HOME...). Default: process.env. */
  env?: Env | undefined
  /** Overrides the home directory derived from env. */
  homedir?: string | undefined
  signal?: AbortSignal | undefined
  /** Passed to the SDK clients (e.g. requestHandler, maxAttempts). */
  clientConfig?: Record<string, unknown> | undefined
  /** Clock in ms since epoch. Default: Date.now. */
  now?: (() => number) | undefined
  /** Debug lines, already free of secrets. */
  debug?: ((line: string) => void) | undefined
  /** Retries of throttled / failed portal calls on top of the SDK's own (default: 6 attempts within 20 s). */
  retry?: Omit<RetryPolicy, 'signal'> | undefined
  /** The command a hint tells the user to run to sign in, e.g. `aws-idc login --profile dev`. Derived when absent. */
  loginCommand?: string | undefined
}

export type { TargetRequest }

export interface TokenResult {
  /** The token cache file (`~/.aws/sso/cache/<sha1>.json`). */
  file: string
  accessToken: string
  expiresAt: Date
  /** True when this call refreshed the token. */
  refreshed: boolean
  refreshable: boolean
}

export interface CredentialsResult {
  credentials: Credentials
  /** 'cache': the AWS CLI-compatible role cache; 'portal': a GetRoleCredentials call. */
  source: 'cache' | 'portal'
  target: CredentialsTarget
}

export type LoginFlow = 'device' | 'auth-code'

export interface LoginOptions extends SessionContext {
  /** Default: 'auth-code' for sso-session targets, 'device' for legacy ones (as the AWS CLI). */
  flow?: LoginFlow | undefined
  /** Sign in even when the cached token has more than 15 minutes left. */
  force?: boolean | undefined
  /** Device flow: show the code and URL (open verificationUriComplete in a browser). */
  onVerification?: ((v: DeviceVerification) => void | Promise<void>) | undefined
  /** Auth-code flow: open this URL in a browser. */
  onAuthorizeUrl?: ((url: string) => void | Promise<void>) | undefined
  onProgress?: ((p: WaitProgress) => void) | undefined
  /** Auth-code flow: how long to wait for the browser (default 600 s). */
  timeoutMs?: number | undefined
}

export interface LoginResult {
  file: string
  expiresAt: Date
  /** True when a still-valid token was kept (no sign-in happened). */
  reused: boolean
  /** False when the token came without a refresh token: the session ends when it expires. */
  refreshable: boolean
  flow?: LoginFlow | undefined
  target: ResolvedTarget
}

export interface LogoutResult {
  /** Token files removed. */
  tokens: string[]
  /** Role-credential cache files removed (those the removed tokens fed). */
  roleCaches: string[]
  /** Logout API failures (signing out locally went on regardless). */
  warnings: string[]
}

/** A token in the cache tied to the configuration that uses it. */
export interface SessionInfo {
  file: string
  /** The sso-session name or legacy start URL the file name hashes, when a config entry matches. */
  key?: string | undefined
  kind?: 'session' | 'legacy' | undefined
  startUrl?: string | undefined
  region?: string | undefined
  expiresAt?: Date | undefined
  expired: boolean
  refreshable: boolean
  /** The service refused a refresh of this token before (revoked, or the session ended). */
  refreshFailed?: boolean | undefined
  /** Profiles that resolve to this token. */
  profiles: string[]
  /** Set when the file cannot be read. */
  problem?: string | undefined
}
