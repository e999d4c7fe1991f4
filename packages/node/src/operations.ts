import {
  type Account,
  type AccountRole,
  type AccountWithRoles,
  listAccounts as coreListAccounts,
  listAccountsAndRoles as coreListAccountsAndRoles,
  listRoles as coreListRoles,
  logout as coreLogout,
  type LogoutResult,
  type TargetRequest,
} from '@idc/core'
import {
  type AutoSignInOptions,
  assertSignInOptions,
  type ContextOptions,
  contextOf,
  requestOf,
  type SignInCallbacks,
  type SignInFlow,
  type TargetOptions,
} from './options.js'
import { runSignIn, withSignIn } from './sign-in.js'

/** Options of {@link login}. */
export type LoginOptions = TargetOptions &
  ContextOptions &
  SignInCallbacks & {
    /**
     * `'browser'` (authorization code with PKCE; needs `onAuthorizeUrl`) or `'device'` (code + URL).
     * Default: `'browser'` when `onAuthorizeUrl` is given, else `'device'`. Profiles without
     * `sso_session` always use the device flow, as the AWS CLI does.
     */
    flow?: SignInFlow | undefined
    /** Sign in even when the cached token still has 15 minutes or more left. */
    force?: boolean | undefined
  }

/** What {@link login} did. */
export interface LoginResult {
  /** When the access token expires (it is refreshed automatically for sso-session sign-ins). */
  expiresAt: Date
  /** True when a still-valid token was kept and nobody had to sign in. */
  reused: boolean
  /** The flow that ran; absent when `reused`. */
  flow?: SignInFlow | undefined
  /** The token cache file, `~/.aws/sso/cache/<sha1>.json` (shared with the AWS CLI and SDKs). */
  tokenFile: string
}

/**
 * Signs in to IAM Identity Center, like `aws sso login`, and caches the token where the AWS CLI and
 * the SDKs find it. Keeps a token that has 15 minutes or more left unless `force` is set.
 *
 * @example
 * ```ts
 * await login({ profile: 'dev', flow: 'device', onVerification: (v) => console.log(v.verificationUriComplete, v.userCode) })
 * ```
 * @throws {@link IdcError} e.g. `access-denied`, `authorization-expired`, `aborted`.
 */
export async function login(options: LoginOptions = {}): Promise<LoginResult> {
  const flow: SignInFlow = options.flow ?? (options.onAuthorizeUrl ? 'browser' : 'device')
  assertSignInOptions({ ...options, login: flow })
  const result = await runSignIn(requestOf(options), contextOf(options), flow, options, options.force)
  return {
    expiresAt: result.expiresAt,
    reused: result.reused,
    ...(result.flow ? { flow: result.flow === 'auth-code' ? 'browser' : 'device' } : {}),
    tokenFile: result.file,
  }
}

/** Options of {@link logout}: a target, or `{ all: true }` for every sign-in (as `aws sso logout`). */
export type LogoutOptions = ((TargetOptions & { all?: false | undefined }) | { all: true }) & ContextOptions

export type { LogoutResult }

/**
 * Signs out: calls the Logout API (failures become `warnings`), then deletes the token file and
 * the role-credential cache files it fed. `{ all: true }` removes every token and every SSO role cache.
 */
export async function logout(options: LogoutOptions = {}): Promise<LogoutResult> {
  const request: TargetRequest | { all: true } = options.all
    ? { all: true }
    : requestOf(options as TargetOptions)
  return coreLogout(request, contextOf(options))
}

/** Options of the listing functions: the sign-in to use (account and role are not needed). */
export type ListOptions = TargetOptions &
  ContextOptions &
  AutoSignInOptions & {
    /** Page size of the portal calls. */
    pageSize?: number | undefined
  }

function listing<T>(options: ListOptions, run: (request: TargetRequest) => Promise<T>): Promise<T> {
  return (async () => {
    assertSignInOptions(options)
    const request = requestOf(options)
    return withSignIn(request, contextOf(options), options, () => run(request))
  })()
}

/** Every AWS account the signed-in user can access (all pages). */
export function listAccounts(options: ListOptions = {}): Promise<Account[]> {
  return listing(options, (request) =>
    coreListAccounts(request, { ...contextOf(options), pageSize: options.pageSize }),
  )
}

/** Every role (permission set) the signed-in user can use in `accountId` (all pages). */
export function listRoles(options: ListOptions & { accountId: string }): Promise<AccountRole[]> {
  return listing(options, (request) =>
    coreListRoles(request, options.accountId, { ...contextOf(options), pageSize: options.pageSize }),
  )
}

/** Every account with its roles, the roles listed a few accounts at a time. */
export function listAccountsAndRoles(
  options: ListOptions & { concurrency?: number | undefined } = {},
): Promise<AccountWithRoles[]> {
  return listing(options, (request) =>
    coreListAccountsAndRoles(request, {
      ...contextOf(options),
      pageSize: options.pageSize,
      concurrency: options.concurrency,
    }),
  )
}
