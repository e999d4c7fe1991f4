import { requestId } from '../ids.js'

/** STS (awsQuery) error codes the emulator produces, with the real service's status and text. */
export const STS_ERRORS = {
  InvalidClientTokenId: { status: 403, message: 'The security token included in the request is invalid.' },
  SignatureDoesNotMatch: {
    status: 403,
    message:
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  },
  ExpiredToken: { status: 400, message: 'The security token included in the request is expired' },
  MissingAuthenticationToken: { status: 403, message: 'Request is missing Authentication Token' },
  IncompleteSignature: { status: 400, message: 'Authorization header is malformed' },
  InvalidAction: { status: 400, message: 'Could not find operation' },
  AccessDenied: { status: 403, message: 'Access denied' },
  ValidationError: { status: 400, message: 'Validation failed' },
  MissingParameter: { status: 400, message: 'A required parameter is missing' },
  Throttling: { status: 400, message: 'Rate exceeded' },
  InternalFailure: { status: 500, message: 'An internal error occurred' },
  ServiceUnavailable: { status: 503, message: 'Service is unavailable' },
} as const satisfies Record<string, { status: number; message: string }>

export type StsErrorCode = keyof typeof STS_ERRORS

function xmlEscape(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    (ch) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[ch]};`,
  )
}

export function stsErrorResponse(code: StsErrorCode, message?: string): Response {
  const spec = STS_ERRORS[code]
  const type = spec.status >= 500 ? 'Receiver' : 'Sender'
  const id = requestId()
  const body =
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
    `  <Error>\n    <Type>${type}</Type>\n    <Code>${code}</Code>\n` +
    `    <Message>${xmlEscape(message ?? spec.message)}</Message>\n  </Error>\n` +
    `  <RequestId>${id}</RequestId>\n</ErrorResponse>\n`
  return new Response(body, {
    status: spec.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': id },
  })
}

export { xmlEscape }
