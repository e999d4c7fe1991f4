import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { fromAwsError } from '../aws-errors.js'
import { AUTH_CODE_GRANT_TYPES, DEFAULT_AUTH_CODE_SCOPES } from '../cache/registration-cache.js'
import type { ClientRegistration, SignInFlow } from './types.js'

/** The portless loopback redirect URI the AWS CLI registers (RFC 8252: any port matches at /authorize). */
export const LOOPBACK_REDIRECT_URI = 'http://127.0.0.1/oauth/callback'
export const DEFAULT_SCOPES: readonly string[] = DEFAULT_AUTH_CODE_SCOPES

export interface RegisterOptions {
  client: SSOOIDCClient
  flow: SignInFlow
  /** `botocore-client-<session>` for sso-session configs, as the AWS CLI names its clients. */
  clientName: string
  /** The configured sso_registration_scopes (undefined when the key is absent). */
  scopes?: readonly string[] | null | undefined
  /** The start URL; sent as issuerUrl for the auth-code flow. */
  startUrl: string
  region?: string | undefined
  signal?: AbortSignal | undefined
  /** The sign-in command named in hints. */
  loginCommand?: string | undefined
}

/** RegisterClient with exactly the request bodies the AWS CLI sends (docs/reference.md#oidc-register). */
export async function registerClient(opts: RegisterOptions): Promise<ClientRegistration> {
  const { RegisterClientCommand } = await import('@aws-sdk/client-sso-oidc')
  const authCode = opts.flow === 'auth-code'
  const scopes = authCode
    ? opts.scopes && opts.scopes.length > 0
      ? opts.scopes
      : DEFAULT_SCOPES
    : opts.scopes && opts.scopes.length > 0
      ? opts.scopes
      : undefined
  try {
    const out = await opts.client.send(
      new RegisterClientCommand({
        clientName: opts.clientName,
        clientType: 'public',
        ...(scopes ? { scopes: [...scopes] } : {}),
        ...(authCode
          ? {
              grantTypes: [...AUTH_CODE_GRANT_TYPES],
              redirectUris: [LOOPBACK_REDIRECT_URI],
              issuerUrl: opts.startUrl,
            }
          : {}),
      }),
      { abortSignal: opts.signal },
    )
    if (!out.clientId || !out.clientSecret || out.clientSecretExpiresAt === undefined) {
      throw Object.assign(new Error('RegisterClient returned an incomplete registration'), {
        name: 'InvalidResponse',
      })
    }
    return {
      clientId: out.clientId,
      clientSecret: out.clientSecret,
      expiresAt: new Date(out.clientSecretExpiresAt * 1000),
      ...(scopes ? { scopes: [...scopes] } : {}),
      ...(authCode ? { grantTypes: [...AUTH_CODE_GRANT_TYPES] } : {}),
    }
  } catch (err) {
    throw fromAwsError(err, {
      operation: 'RegisterClient',
      region: opts.region,
      loginCommand: opts.loginCommand,
    })
  }
}
