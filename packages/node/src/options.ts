import {
  type DeviceVerification,
  type Env,
  IdcError,
  type RoleChoice,
  type SessionContext,
  type TargetRequest,
  type WaitProgress,
} from '@idc/core'

/** Use a profile of `~/.aws/config` (the default when no other target is given). */
export interface ProfileTarget {
  /** Profile name. Default: `AWS_PROFILE` from `env`, else `default`. */
  profile?: string | undefined
  ssoSession?: never
  startUrl?: never
  ssoRegion?: never
}

/** Use an `[sso-session NAME]` section of `~/.aws/config`; `accountId` and `roleName` are required for credentials. */
export interface SsoSessionTarget {
  /** The sso-session name; the token is cached under it (refreshable), as the AWS CLI does. */
  ssoSession: string
  profile?: never
  startUrl?: never
  ssoRegion?: never
}

/** Use values given directly, without reading a profile. */
export interface StartUrlTarget {
  /** The AWS access portal URL, e.g. `https://d-1234567890.awsapps.com/start`. */
  startUrl: string
  /** The IAM Identity Center region, e.g. `us-east-1`. */
  ssoRegion: string
  /**
   * Cache the token under this sso-session name (refreshable, shared with the AWS CLI's
   * `[sso-session NAME]`). Without it the token is cached under the start URL, as a legacy profile.
   */
  ssoSession?: string | undefined
  /**
   * Scopes to register the sign-in client with, as `sso_registration_scopes`. `sso:account:access`
   * makes the sign-in refreshable; the browser flow registers with it when none are given.
   */
  registrationScopes?: string[] | undefined
  profile?: never
}

/** Which IAM Identity Center user session (and, for credentials, which account and role) to use. */
export type TargetOptions = (ProfileTarget | SsoSessionTarget | StartUrlTarget) & {
  /** The AWS account id; wins over the profile's `sso_account_id`. */
  accountId?: string | undefined
  /** The permission-set role name; wins over the profile's `sso_role_name`. */
  roleName?: string | undefined
}

/** Ambient inputs shared by every function of this package. All optional. */
export interface ContextOptions {
  /** Environment to read `AWS_PROFILE`, `AWS_CONFIG_FILE`, `AWS_ENDPOINT_URL*`, `HOME`... from. Default: `process.env`. */
  env?: Env | undefined
  /** Home directory holding `.aws/` (caches). Default: derived from `env` like the AWS CLI. */
  homedir?: string | undefined
  /**
   * Clock injection: the current time in milliseconds since the epoch. Every expiry decision
   * (memoization, token refresh, role-cache reuse) uses it. Default: `Date.now`. Meant for tests.
   */
  now?: (() => number) | undefined
  /** Cancels sign-in waits and service calls; an aborted operation rejects with IdcError code `aborted`. */
  signal?: AbortSignal | undefined
  /** Passed to the `@aws-sdk/client-sso` / `@aws-sdk/client-sso-oidc` clients (e.g. `requestHandler`, `maxAttempts`). */
  clientConfig?: Record<string, unknown> | undefined
  /** Debug lines (never secrets), one as each service call attempt starts. */
  debug?: ((line: string) => void) | undefined
  /**
   * Network timeouts in milliseconds (0: none). Default: AWS_IDC_CLI_CONNECT_TIMEOUT /
   * AWS_IDC_CLI_READ_TIMEOUT (seconds), else the profile's `cli_connect_timeout` / `cli_read_timeout`,
   * else 5 s to connect and 15 s to read. Every call also ends within 2 x (connect + read) across
   * its retries, so a promise of this package never hangs on a silent endpoint.
   */
  connectTimeoutMs?: number | undefined
  readTimeoutMs?: number | undefined
  /** The command error hints tell the user to run to sign in. Default: `aws-idc login --profile NAME` (or the matching form). */
  loginCommand?: string | undefined
}

/** How to sign in: `'device'` (code + URL) or `'browser'` (authorization code with PKCE and a 127.0.0.1 redirect). */
export type SignInFlow = 'device' | 'browser'

/** Callbacks and limits of an interactive sign-in. */
export interface SignInCallbacks {
  /**
   * Device flow: show the user the URL and code to approve. Default: one line on stderr.
   * Called once the first poll found the request pending.
   */
  onVerification?: ((verification: DeviceVerification) => void | Promise<void>) | undefined
  /** Browser flow: open this URL in the user's browser. Required for `'browser'` (this package opens nothing itself). */
  onAuthorizeUrl?: ((url: string) => void | Promise<void>) | undefined
  /** Called before every wait while the sign-in is pending. */
  onProgress?: ((progress: WaitProgress) => void) | undefined
  /** Browser flow: how long to wait for the redirect (default 600 000 ms). */
  loginTimeoutMs?: number | undefined
}

/** Whether a call that finds no valid sign-in may sign in by itself. */
export interface AutoSignInOptions extends SignInCallbacks {
  /**
   * `'never'` (default): reject with the IdcError (code `token-missing` / `token-expired` / `unauthorized`)
   * whose `hint` names the command to sign in. `'device'` / `'browser'`: sign in with that flow, then go on.
   */
  login?: 'never' | SignInFlow | undefined
}

export function contextOf(options: ContextOptions): SessionContext {
  return {
    env: options.env,
    homedir: options.homedir,
    now: options.now,
    signal: options.signal,
    clientConfig: options.clientConfig,
    debug: options.debug,
    loginCommand: options.loginCommand,
    timeouts: { connectTimeoutMs: options.connectTimeoutMs, readTimeoutMs: options.readTimeoutMs },
  }
}

function invalid(message: string, hint: string): IdcError {
  return new IdcError('invalid-argument', message, { hint })
}

/**
 * Maps the public target options to core's request (account and role included, whatever the kind);
 * throws IdcError `invalid-argument` on a mix.
 */
export function requestOf(options: TargetOptions): TargetRequest {
  const o = options as {
    profile?: string
    ssoSession?: string
    startUrl?: string
    ssoRegion?: string
    accountId?: string
    roleName?: string
    registrationScopes?: string[]
  }
  if (o.startUrl !== undefined || o.ssoRegion !== undefined) {
    if (o.profile !== undefined)
      throw invalid('Give either `profile` or `startUrl` + `ssoRegion`, not both.', 'Remove one of them.')
    if (!o.startUrl || !o.ssoRegion)
      throw invalid(
        '`startUrl` and `ssoRegion` go together.',
        'Pass both, e.g. `{ startUrl: "https://d-1234567890.awsapps.com/start", ssoRegion: "us-east-1" }`.',
      )
    return {
      from: 'values',
      startUrl: o.startUrl,
      ssoRegion: o.ssoRegion,
      ...roleOf(options),
      sessionName: o.ssoSession,
      registrationScopes: o.registrationScopes,
    }
  }
  if (o.ssoSession !== undefined) {
    if (o.profile !== undefined)
      throw invalid('Give either `profile` or `ssoSession`, not both.', 'Remove one of them.')
    return { from: 'sso-session', sessionName: o.ssoSession, ...roleOf(options) }
  }
  return { from: 'profile', profile: o.profile, ...roleOf(options) }
}

/** Account and role given directly, which win over the profile's values. */
function roleOf(options: TargetOptions): RoleChoice {
  return {
    ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
    ...(options.roleName !== undefined ? { roleName: options.roleName } : {}),
  }
}

export function assertSignInOptions(options: AutoSignInOptions): void {
  const login = options.login ?? 'never'
  if (login !== 'never' && login !== 'device' && login !== 'browser')
    throw invalid(`Unknown \`login\` value ${JSON.stringify(login)}.`, "Use 'never', 'device' or 'browser'.")
  if (login === 'browser' && !options.onAuthorizeUrl)
    throw invalid(
      "`login: 'browser'` needs `onAuthorizeUrl` to open the sign-in page.",
      "Pass `onAuthorizeUrl: (url) => open(url)` (e.g. with the `open` package), or use `login: 'device'`.",
    )
}
