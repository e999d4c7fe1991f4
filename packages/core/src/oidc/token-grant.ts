import type {
  CreateTokenCommandInput,
  CreateTokenCommandOutput,
  SSOOIDCClient,
} from '@aws-sdk/client-sso-oidc'
import { fromAwsError } from '../aws-errors.js'
import { IdcError, type IdcErrorCode } from '../errors.js'
import { abortError } from './sleep.js'
import type { ClientRegistration, TokenGrant } from './types.js'

export interface CreateTokenOptions {
  client: SSOOIDCClient
  registration: Pick<ClientRegistration, 'clientId' | 'clientSecret'>
  region?: string | undefined
  signal?: AbortSignal | undefined
  loginCommand?: string | undefined
}

/**
 * CreateToken for one grant (the grant's own members in `grant`) as a TokenGrant; a failure is an
 * IdcError (aborted, or the service error mapped for the user). `code` is the error code of a
 * success response without a token.
 */
export async function createToken(
  opts: CreateTokenOptions,
  grant: Omit<CreateTokenCommandInput, 'clientId' | 'clientSecret'>,
  code?: IdcErrorCode,
): Promise<TokenGrant> {
  const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc')
  try {
    const out = await opts.client.send(
      new CreateTokenCommand({
        ...grant,
        clientId: opts.registration.clientId,
        clientSecret: opts.registration.clientSecret,
      }),
      { abortSignal: opts.signal },
    )
    return toTokenGrant(out, new Date(), code)
  } catch (err) {
    if (opts.signal?.aborted) throw abortError(opts.signal)
    throw fromAwsError(err, {
      operation: 'CreateToken',
      region: opts.region,
      loginCommand: opts.loginCommand,
    })
  }
}

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
