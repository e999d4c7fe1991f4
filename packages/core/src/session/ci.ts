import type { CredentialsTarget, ResolvedTarget, TargetRequest } from '../config/types.js'
import { IdcError } from '../errors.js'
import { runDeviceFlow } from '../oidc/device-flow.js'
import { refreshAccessToken } from '../oidc/refresh.js'
import { registerClient } from '../oidc/register.js'
import { grantExpiresAt } from '../oidc/token-grant.js'
import type { DeviceVerification, WaitProgress } from '../oidc/types.js'
import { getRoleCredentials } from '../portal/portal.js'
import { createOidcClient, createPortalClient } from '../sdk/clients.js'
import type { Credentials } from '../types.js'
import { loginCommandFor, nowOf, serviceTargetFor } from './context.js'
import { resolveTarget } from './resolve.js'
import type { SessionContext } from './types.js'

/**
 * Sign-ins that live outside the token cache: a CI job holds its refresh token in secrets and its
 * access token in memory, so nothing here reads or writes ~/.aws (a runner's disk is shared and
 * its files outlive the job).
 */

/** What a CI system stores to refresh a sign-in by itself: a refresh token and the client that owns it. */
export interface CiSecrets {
  refreshToken: string
  clientId: string
  clientSecret: string
}

/** A sign-in made for CI, with the facts a user needs to store and renew it. */
export interface CiSignIn extends CiSecrets {
  startUrl: string
  ssoRegion: string
  sessionName?: string | undefined
  /** When the client registration (and so the refresh token) stops working. */
  registrationExpiresAt: Date
}

export interface BearerToken {
  accessToken: string
  expiresAt: Date
  /** Set when IAM Identity Center rotated the refresh token: the stored secret must be replaced by it. */
  rotatedRefreshToken?: string | undefined
}

/** The scope that makes IAM Identity Center issue refresh tokens. */
const CI_SCOPES: readonly string[] = ['sso:account:access']

export interface CiDeviceOptions extends SessionContext {
  onVerification?: ((v: DeviceVerification) => void | Promise<void>) | undefined
  onProgress?: ((p: WaitProgress) => void) | undefined
}

/** The command that makes new CI secrets for this target (named in hints when they stop working). */
export function ciLoginCommandFor(target: ResolvedTarget): string {
  if (target.profileName) return `aws-idc login --for-ci --profile ${target.profileName}`
  if (target.sessionName) return `aws-idc login --for-ci --sso-session ${target.sessionName}`
  return `aws-idc login --for-ci --start-url ${target.startUrl} --region ${target.ssoRegion}`
}

/**
 * A device-code sign-in with a client registered only for it (never the registration the AWS CLI
 * shares), so the refresh token it yields belongs to CI alone: a laptop's own sign-in never rotates
 * it away. Writes nothing.
 */
async function signInWithOwnClient(
  target: ResolvedTarget,
  clientName: string,
  opts: CiDeviceOptions,
): Promise<{
  grant: Awaited<ReturnType<typeof runDeviceFlow>>
  registration: CiSecrets & { expiresAt: Date }
}> {
  const client = await createOidcClient(serviceTargetFor(target, 'ssoOidc', opts))
  const loginCommand = loginCommandFor(target, opts)
  const scopes = target.registrationScopes?.length ? target.registrationScopes : CI_SCOPES
  const registration = await registerClient({
    client,
    flow: 'device',
    clientName,
    scopes,
    startUrl: target.startUrl,
    region: target.ssoRegion,
    signal: opts.signal,
    loginCommand,
  })
  const grant = await runDeviceFlow({
    client,
    registration,
    startUrl: target.startUrl,
    region: target.ssoRegion,
    onVerification: opts.onVerification,
    onProgress: opts.onProgress,
    signal: opts.signal,
    loginCommand,
    now: opts.now,
  })
  return { grant, registration: { ...registration, refreshToken: grant.refreshToken ?? '' } }
}

/** `aws-idc login --for-ci`: signs in with a registration of its own and returns the values to store as CI secrets. */
export async function signInForCi(
  request: TargetRequest | ResolvedTarget,
  opts: CiDeviceOptions = {},
): Promise<CiSignIn> {
  const target = 'from' in request ? await resolveTarget(request, opts) : request
  const name = target.sessionName ?? target.profileName ?? 'session'
  const { grant, registration } = await signInWithOwnClient(
    target,
    `aws-idc-ci-${name}-${Math.floor(nowOf(opts).getTime() / 1000)}`,
    opts,
  )
  if (!grant.refreshToken) {
    throw new IdcError('refresh-failed', 'IAM Identity Center issued no refresh token for this sign-in.', {
      hint: 'Set sso_registration_scopes = sso:account:access in the sso-session (refresh tokens need it) and sign in again.',
    })
  }
  return {
    refreshToken: grant.refreshToken,
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: registration.expiresAt,
    startUrl: target.startUrl,
    ssoRegion: target.ssoRegion,
    sessionName: target.sessionName,
  }
}

/** A device-code sign-in held in memory only (the Action's `device-code` mode). */
export async function signInWithDeviceCode(
  target: ResolvedTarget,
  opts: CiDeviceOptions = {},
): Promise<BearerToken> {
  const { grant } = await signInWithOwnClient(
    target,
    `aws-idc-device-${Math.floor(nowOf(opts).getTime() / 1000)}`,
    opts,
  )
  return { accessToken: grant.accessToken, expiresAt: grantExpiresAt(grant) }
}

/**
 * An access token from stored CI secrets (refresh-token grant). When the service answers with a
 * different refresh token the old one stops working, so it is returned for the caller to report.
 */
export async function tokenFromCiSecrets(
  target: ResolvedTarget,
  secrets: CiSecrets,
  ctx: SessionContext = {},
): Promise<BearerToken> {
  const client = await createOidcClient(serviceTargetFor(target, 'ssoOidc', ctx))
  const grant = await refreshAccessToken({
    client,
    registration: { clientId: secrets.clientId, clientSecret: secrets.clientSecret },
    refreshToken: secrets.refreshToken,
    region: target.ssoRegion,
    signal: ctx.signal,
    loginCommand: ctx.loginCommand ?? ciLoginCommandFor(target),
  })
  const rotated =
    grant.refreshToken && grant.refreshToken !== secrets.refreshToken ? grant.refreshToken : undefined
  return { accessToken: grant.accessToken, expiresAt: grantExpiresAt(grant), rotatedRefreshToken: rotated }
}

/** Role credentials for a bearer token held in memory: GetRoleCredentials, no cache read or written. */
export async function credentialsWithAccessToken(
  target: CredentialsTarget,
  accessToken: string,
  ctx: SessionContext = {},
): Promise<Credentials> {
  const client = await createPortalClient(serviceTargetFor(target, 'sso', ctx))
  return getRoleCredentials(
    {
      client,
      accessToken,
      region: target.ssoRegion,
      signal: ctx.signal,
      loginCommand: ctx.loginCommand ?? ciLoginCommandFor(target),
    },
    target.accountId,
    target.roleName,
  )
}
