import type { NetworkTimeouts } from '../config/timeouts.js'
import type { CredentialsTarget, Env, ResolvedTarget, TargetRequest } from '../config/types.js'
import type { DeviceVerification, WaitProgress } from '../oidc/types.js'
import type { RetryPolicy } from '../sdk/clients.js'
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
  /** Attempts and time per service call (default: 6 attempts within 2 x (connect + read timeout)). */
  retry?: RetryPolicy | undefined
  /**
   * Connect / read timeouts (e.g. from `--cli-connect-timeout`), over AWS_IDC_CLI_CONNECT_TIMEOUT /
   * AWS_IDC_CLI_READ_TIMEOUT and the profile's cli_connect_timeout / cli_read_timeout; default 5 s / 15 s.
   */
  timeouts?: NetworkTimeouts | undefined
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
  /**
   * 'cache': the AWS CLI-compatible role or assume-role cache; 'portal': a GetRoleCredentials call;
   * 'sts': an AssumeRole call (chained-role profiles).
   */
  source: 'cache' | 'portal' | 'sts'
  /** For a chained profile: the assumed role's account and name, the chain's profile and region. */
  target: CredentialsTarget
  /** Set for chained-role profiles (role_arn + source_profile). */
  chain?: ChainInfo | undefined
}

export interface ChainInfo {
  /** The role the credentials are for. */
  roleArn: string
  /** The chained profiles, from the one asked for down to the last before the IAM Identity Center one. */
  profiles: string[]
  /** The IAM Identity Center profile the chain starts from. */
  sourceProfile: string
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
