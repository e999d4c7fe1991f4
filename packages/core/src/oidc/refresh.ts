import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { fromAwsError } from '../aws-errors.js'
import { toTokenGrant } from './token-grant.js'
import type { ClientRegistration, TokenGrant } from './types.js'

export interface RefreshOptions {
  client: SSOOIDCClient
  registration: Pick<ClientRegistration, 'clientId' | 'clientSecret'>
  refreshToken: string
  region?: string | undefined
  signal?: AbortSignal | undefined
  loginCommand?: string | undefined
}

/** CreateToken with the refresh_token grant, body exactly as botocore and the JS SDK send it (§2.3). */
export async function refreshAccessToken(opts: RefreshOptions): Promise<TokenGrant> {
  const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc')
  try {
    const out = await opts.client.send(
      new CreateTokenCommand({
        grantType: 'refresh_token',
        clientId: opts.registration.clientId,
        clientSecret: opts.registration.clientSecret,
        refreshToken: opts.refreshToken,
      }),
      { abortSignal: opts.signal },
    )
    return toTokenGrant(out, new Date(), 'refresh-failed')
  } catch (err) {
    throw fromAwsError(err, {
      operation: 'CreateToken',
      region: opts.region,
      loginCommand: opts.loginCommand,
    })
  }
}
