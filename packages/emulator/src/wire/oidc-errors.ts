/**
 * SSO OIDC error envelopes (docs/reference.md#oidc-errors): status from the model, an `x-amzn-ErrorType` header
 * carrying the shape name (which both botocore and the JS SDK prefer over the body), and an
 * OAuth-style `{"error","error_description"}` body as the real service sends.
 */
export const OIDC_ERRORS = {
  AuthorizationPendingException: { status: 400, error: 'authorization_pending' },
  SlowDownException: { status: 400, error: 'slow_down' },
  ExpiredTokenException: { status: 400, error: 'expired_token' },
  AccessDeniedException: { status: 400, error: 'access_denied' },
  InvalidGrantException: { status: 400, error: 'invalid_grant' },
  InvalidClientException: { status: 401, error: 'invalid_client' },
  UnauthorizedClientException: { status: 400, error: 'unauthorized_client' },
  UnsupportedGrantTypeException: { status: 400, error: 'unsupported_grant_type' },
  InvalidScopeException: { status: 400, error: 'invalid_scope' },
  InvalidRequestException: { status: 400, error: 'invalid_request' },
  InvalidClientMetadataException: { status: 400, error: 'invalid_client_metadata' },
  InvalidRedirectUriException: { status: 400, error: 'invalid_redirect_uri' },
  InternalServerException: { status: 500, error: 'server_error' },
} as const satisfies Record<string, { status: number; error: string }>

export type OidcErrorShape = keyof typeof OIDC_ERRORS

const NAMESPACE = 'http://internal.amazon.com/coral/com.amazonaws.sso.oidc/'

export class OidcError extends Error {
  override name = 'OidcError'
  constructor(
    readonly shape: OidcErrorShape,
    readonly description: string,
  ) {
    super(`${shape}: ${description}`)
  }
}

/** Render an OIDC error; `status` overrides the model status (used for injected 503s). */
export function oidcErrorResponse(shape: OidcErrorShape, description: string, status?: number): Response {
  const spec = OIDC_ERRORS[shape]
  return new Response(JSON.stringify({ error: spec.error, error_description: description }), {
    status: status ?? spec.status,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': `${shape}:${NAMESPACE}` },
  })
}
