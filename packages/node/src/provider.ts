import { getCredentials as coreGetCredentials } from '@idc/core'
import { type IdentityCenterCredentials, toIdentity } from './identity.js'
import { DEFAULT_REFRESH_WINDOW_MS, type IdentityProperties, memoizeCredentials } from './memoize.js'
import {
  type AutoSignInOptions,
  assertSignInOptions,
  type ContextOptions,
  contextOf,
  requestOf,
  type TargetOptions,
} from './options.js'
import { withSignIn } from './sign-in.js'

/** Options of {@link getCredentials}: a target, the context, and whether to sign in when needed. */
export type GetCredentialsOptions = TargetOptions &
  ContextOptions &
  AutoSignInOptions & {
    /** Skip the role-credential cache and call GetRoleCredentials. */
    forceRefresh?: boolean | undefined
  }

/** Options of {@link fromIdentityCenter}. */
export type FromIdentityCenterOptions = TargetOptions &
  ContextOptions &
  AutoSignInOptions & {
    /**
     * Refresh once less than this is left before the credentials expire. Default 900 000 (15 minutes,
     * botocore's advisory window and the AWS CLI's role-cache reuse rule).
     */
    refreshWindowMs?: number | undefined
  }

/**
 * An AWS SDK v3 credential provider (`AwsCredentialIdentityProvider`): pass it as `credentials` to
 * any client. `provider({ forceRefresh: true })` fetches new credentials regardless of caches.
 */
export type IdentityCenterCredentialProvider = (
  identityProperties?: IdentityProperties,
) => Promise<IdentityCenterCredentials>

async function fetchCredentials(
  options: GetCredentialsOptions,
  force: boolean,
  refreshWindowMs?: number,
): Promise<IdentityCenterCredentials> {
  const request = requestOf(options)
  const ctx = contextOf(options)
  return withSignIn(request, ctx, options, async () => {
    // core reuses the role cache only while more than the window is left (never less than the AWS
    // CLI's 15 minutes), so a wider provider window gets new credentials, not the same ones back.
    const result = await coreGetCredentials(request, {
      ...ctx,
      forceRefresh: force,
      refreshWindowMs,
    })
    return toIdentity(result.credentials, result.target.accountId)
  })
}

/**
 * Temporary credentials for an IAM Identity Center account and role, once: from the role cache
 * shared with the AWS CLI v2 while 15 minutes or more remain, else from GetRoleCredentials
 * (refreshing the SSO token first when needed; one fetch per machine across processes).
 *
 * @example
 * ```ts
 * const creds = await getCredentials({ profile: 'dev' })
 * ```
 * @throws {@link IdcError} e.g. code `token-missing` with a `hint` naming the sign-in command.
 */
export function getCredentials(options: GetCredentialsOptions = {}): Promise<IdentityCenterCredentials> {
  return (async () => {
    assertSignInOptions(options)
    return fetchCredentials(options, options.forceRefresh === true)
  })()
}

/**
 * A credential provider for AWS SDK v3 clients that uses IAM Identity Center (AWS SSO) sign-ins,
 * interoperable with the AWS CLI v2 (same config, token cache and role cache).
 *
 * - Memoized: the same credentials until `refreshWindowMs` (15 minutes) before they expire.
 * - Concurrent callers share one in-flight refresh; other processes share it through a file lock.
 * - A failed refresh returns the previous credentials while they are still valid; the next call retries.
 * - `login: 'device' | 'browser'` signs in when there is no valid sign-in; `'never'` (default)
 *   rejects with an {@link IdcError} whose `hint` names the command to sign in.
 *
 * Nothing is read or fetched until the provider is first called.
 *
 * @example
 * ```ts
 * import { S3Client } from '@aws-sdk/client-s3'
 * import { fromIdentityCenter } from '@idc/node'
 *
 * const s3 = new S3Client({ region: 'eu-west-1', credentials: fromIdentityCenter({ profile: 'dev' }) })
 * ```
 * @throws {@link IdcError} code `invalid-argument`, synchronously, for options that cannot work
 * (e.g. `login: 'browser'` without `onAuthorizeUrl`, or `profile` together with `startUrl`).
 */
export function fromIdentityCenter(
  options: FromIdentityCenterOptions = {},
): IdentityCenterCredentialProvider {
  assertSignInOptions(options)
  requestOf(options)
  const { refreshWindowMs = DEFAULT_REFRESH_WINDOW_MS } = options
  const provider = memoizeCredentials((force) => fetchCredentials(options, force, refreshWindowMs), {
    refreshWindowMs,
    now: options.now ?? Date.now,
    debug: options.debug,
  })
  // The SDK (resolveAwsSdkSigV4Config) wraps providers not marked `memoized` in its own memo, which
  // would only ask again 5 minutes before expiry; this provider refreshes on its own schedule.
  return Object.assign(provider, { memoized: true })
}
