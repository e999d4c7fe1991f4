import { withLock } from '../cache/lock.js'
import { clearRefreshFailure } from '../cache/refresh-failure.js'
import {
  type ClientRegistration,
  isRegistrationReusable,
  type RegistrationKey,
  readRegistration,
  registrationFilePath,
  registrationForFlow,
  writeRegistration,
} from '../cache/registration-cache.js'
import { isUsable, readToken, type SsoToken, writeToken } from '../cache/token-cache.js'
import { REFRESH_WINDOW_MS } from '../cache/windows.js'
import type { ResolvedTarget, TargetRequest } from '../config/types.js'
import { IdcError } from '../errors.js'
import { runAuthCodeFlow } from '../oidc/auth-code-flow.js'
import { runDeviceFlow } from '../oidc/device-flow.js'
import { registerClient } from '../oidc/register.js'
import { throwIfAborted } from '../oidc/sleep.js'
import { grantExpiresAt } from '../oidc/token-grant.js'
import { createOidcClient, oidcOrigin } from '../sdk/clients.js'
import { homeOf, loginCommandFor, nowOf, serviceTargetFor } from './context.js'
import { resolveTarget } from './resolve.js'
import { tokenFileFor } from './token.js'
import type { LoginFlow, LoginOptions, LoginResult } from './types.js'

/**
 * Signs in to IAM Identity Center and writes the token where the AWS CLI and the SDKs look for it.
 * Like `aws sso login`: PKCE for sso-session targets, device code for legacy ones (which the AWS CLI
 * never signs in with PKCE); a cached client registration is reused under the CLI's rules.
 * Nothing is written until the token arrives, so a cancelled sign-in leaves every file as it was.
 */
export async function login(
  request: TargetRequest | ResolvedTarget,
  opts: LoginOptions = {},
): Promise<LoginResult> {
  const target = 'from' in request ? await resolveTarget(request, opts) : request
  const file = tokenFileFor(target, opts)
  const flow: LoginFlow = target.kind === 'legacy' ? 'device' : (opts.flow ?? 'auth-code')
  if (!opts.force) {
    const cached = await readToken(file)
    if (cached.status === 'ok' && isUsable(cached.token, nowOf(opts), REFRESH_WINDOW_MS)) {
      return {
        file,
        expiresAt: cached.token.expiresAt,
        reused: true,
        refreshable: Boolean(cached.token.refreshToken),
        target,
      }
    }
  }
  throwIfAborted(opts.signal)
  const client = await createOidcClient(serviceTargetFor(target, 'ssoOidc', opts))
  const registration = await registrationFor(target, flow, client, opts)
  const common = {
    client,
    registration,
    region: target.ssoRegion,
    signal: opts.signal,
    onProgress: opts.onProgress,
    loginCommand: loginCommandFor(target, opts),
  }
  const grant =
    flow === 'device'
      ? await runDeviceFlow({
          ...common,
          startUrl: target.startUrl,
          onVerification: opts.onVerification,
          now: opts.now,
        })
      : await runAuthCodeFlow({
          ...common,
          scopes: target.registrationScopes,
          authorizeOrigin: oidcOrigin(target.ssoRegion, target.endpoints.ssoOidc),
          timeoutMs: opts.timeoutMs,
          onAuthorizeUrl:
            opts.onAuthorizeUrl ??
            (() => {
              throw new IdcError('invalid-argument', 'The browser sign-in needs a way to open its URL.', {
                hint: `Use the device code flow instead: \`${loginCommandFor(target, opts)} --use-device-code\`.`,
              })
            }),
        })
  const token: SsoToken = {
    startUrl: target.startUrl,
    region: target.ssoRegion,
    accessToken: grant.accessToken,
    expiresAt: grantExpiresAt(grant),
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: registration.expiresAt,
    refreshToken: grant.refreshToken,
  }
  // Under the lock, so a refresh running in another process cannot overwrite the new sign-in half-way.
  await withLock(file, () => writeToken(file, token))
  await clearRefreshFailure(file)
  opts.debug?.(`wrote the SSO token to ${file}`)
  return {
    file,
    expiresAt: token.expiresAt,
    reused: false,
    refreshable: Boolean(token.refreshToken),
    flow,
    target,
  }
}

/** The key of the AWS CLI's shared client registration for a target (tool "botocore"). */
export function registrationKeyOf(target: ResolvedTarget): RegistrationKey {
  return {
    startUrl: target.startUrl,
    region: target.ssoRegion,
    scopes: target.registrationScopes ?? null,
    sessionName: target.kind === 'session' ? (target.sessionName ?? null) : null,
  }
}

async function registrationFor(
  target: ResolvedTarget,
  flow: LoginFlow,
  client: Awaited<ReturnType<typeof createOidcClient>>,
  opts: LoginOptions,
): Promise<ClientRegistration> {
  // Shared with the AWS CLI (tool "botocore"), as `aws sso login` would find it.
  const path = registrationFilePath(homeOf(opts), registrationKeyOf(target))
  const cached = await readRegistration(path)
  if (cached && isRegistrationReusable(cached, flow, nowOf(opts))) return cached
  const now = nowOf(opts)
  const clientName =
    target.kind === 'session' && target.sessionName
      ? `botocore-client-${target.sessionName}`
      : `botocore-client-${Math.floor(now.getTime() / 1000)}`
  const response = await registerClient({
    client,
    flow,
    clientName,
    scopes: target.registrationScopes,
    startUrl: target.startUrl,
    region: target.ssoRegion,
    signal: opts.signal,
    loginCommand: loginCommandFor(target, opts),
  })
  const registration = registrationForFlow(flow, response, target.registrationScopes ?? null)
  await writeRegistration(path, registration)
  return registration
}
