import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { createToken } from './token-grant.js'
import type { ClientRegistration, TokenGrant } from './types.js'

export interface RefreshOptions {
  client: SSOOIDCClient
  registration: Pick<ClientRegistration, 'clientId' | 'clientSecret'>
  refreshToken: string
  region?: string | undefined
  signal?: AbortSignal | undefined
  loginCommand?: string | undefined
}

/** CreateToken with the refresh_token grant, body exactly as botocore and the JS SDK send it (docs/reference.md#oidc-token). */
export function refreshAccessToken(opts: RefreshOptions): Promise<TokenGrant> {
  return createToken(opts, { grantType: 'refresh_token', refreshToken: opts.refreshToken }, 'refresh-failed')
}
