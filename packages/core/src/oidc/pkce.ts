import { createHash, randomBytes, randomUUID } from 'node:crypto'

const VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'

/** 64 characters drawn uniformly from the RFC 7636 unreserved set, as the AWS CLI does. */
export function createCodeVerifier(length = 64): string {
  let out = ''
  // Rejection sampling keeps the draw uniform: 66 symbols do not divide 256.
  const limit = 256 - (256 % VERIFIER_ALPHABET.length)
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out += VERIFIER_ALPHABET[byte % VERIFIER_ALPHABET.length]
    }
  }
  return out
}

/** base64url(SHA-256(verifier)) without padding (S256). */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

export function createState(): string {
  return randomUUID()
}

/** RFC 3986 percent-encoding that keeps only unreserved characters, as Python's quote(safe='') does. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

export interface AuthorizeUrlParams {
  origin: string
  clientId: string
  redirectUri: string
  state: string
  scopes: string[]
  challenge: string
}

/** The `/authorize` URL, parameters in the AWS CLI's order (docs/reference.md#auth-code-flow). */
export function buildAuthorizeUrl(p: AuthorizeUrlParams): string {
  const query = [
    'response_type=code',
    `client_id=${percentEncode(p.clientId)}`,
    `redirect_uri=${percentEncode(p.redirectUri)}`,
    `state=${percentEncode(p.state)}`,
    'code_challenge_method=S256',
    `scopes=${percentEncode(p.scopes.join(' '))}`,
    `code_challenge=${p.challenge}`,
  ].join('&')
  return `${p.origin}/authorize?${query}`
}
