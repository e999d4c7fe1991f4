import type { SSOOIDCClient, StartDeviceAuthorizationCommandOutput } from '@aws-sdk/client-sso-oidc'
import { fromAwsError } from '../aws-errors.js'
import { IdcError } from '../errors.js'
import { abortError, sleep, throwIfAborted } from './sleep.js'
import { toTokenGrant } from './token-grant.js'
import type { ClientRegistration, DeviceVerification, TokenGrant, WaitProgress } from './types.js'

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
/** The AWS CLI's default when the service sends no interval. */
const DEFAULT_INTERVAL_S = 5
const SLOW_DOWN_STEP_S = 5

export interface DeviceFlowOptions {
  client: SSOOIDCClient
  registration: Pick<ClientRegistration, 'clientId' | 'clientSecret'>
  /** The start URL sent to StartDeviceAuthorization. */
  startUrl: string
  region?: string | undefined
  /** Called once, after the first immediate poll found the request pending: show the code and URL. */
  onVerification?: ((v: DeviceVerification) => void | Promise<void>) | undefined
  /** Called before every wait between polls. */
  onProgress?: ((p: WaitProgress) => void) | undefined
  signal?: AbortSignal | undefined
  /** The sign-in command named in hints. */
  loginCommand?: string | undefined
  /** Injected clock (ms since epoch); defaults to Date.now. */
  now?: (() => number) | undefined
}

/**
 * The device-authorization grant as the AWS CLI runs it (docs/reference.md#device-flow): one poll at once, then
 * every `interval` seconds; slow_down adds 5 s for good; the code expires after `expiresIn`.
 */
export async function runDeviceFlow(opts: DeviceFlowOptions): Promise<TokenGrant> {
  const { StartDeviceAuthorizationCommand, CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc')
  const now = opts.now ?? Date.now
  const ctx = { operation: 'StartDeviceAuthorization', region: opts.region }
  throwIfAborted(opts.signal)

  let auth: StartDeviceAuthorizationCommandOutput
  try {
    auth = await opts.client.send(
      new StartDeviceAuthorizationCommand({
        clientId: opts.registration.clientId,
        clientSecret: opts.registration.clientSecret,
        startUrl: opts.startUrl,
      }),
      { abortSignal: opts.signal },
    )
  } catch (err) {
    if (opts.signal?.aborted) throw abortError(opts.signal)
    throw fromAwsError(err, { ...ctx, loginCommand: opts.loginCommand })
  }
  const { deviceCode, userCode, verificationUri, verificationUriComplete, expiresIn } = auth
  if (!deviceCode || !userCode || !verificationUri || !verificationUriComplete || !expiresIn) {
    throw new IdcError('service-error', 'StartDeviceAuthorization returned an incomplete response.', {
      hint: 'Check the SSO OIDC endpoint override (AWS_ENDPOINT_URL_SSO_OIDC) points at IAM Identity Center.',
    })
  }
  const started = now()
  const deadline = started + expiresIn * 1000
  let intervalMs = (auth.interval && auth.interval > 0 ? auth.interval : DEFAULT_INTERVAL_S) * 1000
  const verification: DeviceVerification = {
    verificationUri,
    verificationUriComplete,
    userCode,
    expiresAt: new Date(deadline),
  }

  let attempt = 0
  let shown = false
  for (;;) {
    attempt++
    try {
      const out = await opts.client.send(
        new CreateTokenCommand({
          grantType: DEVICE_GRANT,
          clientId: opts.registration.clientId,
          clientSecret: opts.registration.clientSecret,
          deviceCode,
        }),
        { abortSignal: opts.signal },
      )
      return toTokenGrant(out, new Date(now()))
    } catch (err) {
      if (opts.signal?.aborted) throw abortError(opts.signal)
      const name = (err as { name?: string }).name
      if (name === 'SlowDownException') {
        intervalMs += SLOW_DOWN_STEP_S * 1000
      } else if (name !== 'AuthorizationPendingException') {
        throw fromAwsError(err, {
          operation: 'CreateToken',
          region: opts.region,
          loginCommand: opts.loginCommand,
        })
      }
    }
    if (!shown) {
      shown = true
      await opts.onVerification?.(verification)
    }
    const remainingMs = deadline - now()
    if (remainingMs <= 0) {
      throw new IdcError(
        'authorization-expired',
        'The pending authorization to retrieve an SSO token has expired.',
        {
          hint: 'Sign in again and approve the request before the code expires.',
        },
      )
    }
    opts.onProgress?.({ attempt, remainingMs, intervalMs })
    await sleep(Math.min(intervalMs, Math.max(remainingMs, 0)), opts.signal)
  }
}
