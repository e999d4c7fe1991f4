/**
 * SSO portal error envelopes (docs/reference.md#portal-api): `{"message","__type"}` body with the
 * `com.amazonaws.switchboard.portal#` namespace, plus an `x-amzn-ErrorType` header so every
 * client parser agrees on the code.
 */
export const PORTAL_ERRORS = {
  InvalidRequestException: 400,
  UnauthorizedException: 401,
  ForbiddenException: 403,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
} as const satisfies Record<string, number>

export type PortalErrorShape = keyof typeof PORTAL_ERRORS

/** Messages seen from the real service (docs/reference.md#portal-api). */
export const UNAUTHORIZED_MESSAGE = 'Session token not found or invalid'
export const FORBIDDEN_MESSAGE = 'No access'

export class PortalError extends Error {
  override name = 'PortalError'
  constructor(
    readonly shape: PortalErrorShape,
    message: string,
  ) {
    super(message)
  }
}

export function portalErrorResponse(shape: PortalErrorShape, message: string): Response {
  return new Response(JSON.stringify({ message, __type: `com.amazonaws.switchboard.portal#${shape}` }), {
    status: PORTAL_ERRORS[shape],
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': shape },
  })
}
