import type { CreateTokenCommandOutput } from '@aws-sdk/client-sso-oidc'
import { IdcError, type IdcErrorCode } from '../errors.js'
import type { TokenGrant } from './types.js'

/**
 * A CreateToken success response as a TokenGrant. The AWS CLI and the JS SDK both require
 * `accessToken` and `expiresIn` (docs/reference.md#oidc-token); a response without them means the endpoint is not
 * IAM Identity Center.
 */
export function toTokenGrant(
  out: CreateTokenCommandOutput,
  receivedAt: Date,
  code: IdcErrorCode = 'service-error',
): TokenGrant {
  if (!out.accessToken || !out.expiresIn) {
    throw new IdcError(code, 'CreateToken returned no access token.', {
      hint: 'Check that the SSO OIDC endpoint (AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL) points at IAM Identity Center.',
    })
  }
  return {
    accessToken: out.accessToken,
    expiresIn: out.expiresIn,
    refreshToken: out.refreshToken,
    receivedAt,
  }
}

/**
 * When the access token expires, in whole seconds as the token file stores it (botocore writes
 * `…Z` without fractions), so what a caller is told equals what any tool later reads.
 */
export function grantExpiresAt(grant: TokenGrant): Date {
  return new Date(Math.floor((grant.receivedAt.getTime() + grant.expiresIn * 1000) / 1000) * 1000)
}
