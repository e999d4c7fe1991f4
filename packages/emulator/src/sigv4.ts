import { createHash, timingSafeEqual } from 'node:crypto'
import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'

/** The parts of an `Authorization: AWS4-HMAC-SHA256 …` header. */
export interface ParsedAuthorization {
  accessKeyId: string
  date: string
  region: string
  service: string
  signedHeaders: string[]
  signature: string
}

const AUTH =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_-]+),\s*Signature=([0-9a-f]{64})$/

export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const m = AUTH.exec(header.trim())
  if (!m) return undefined
  return {
    accessKeyId: m[1]!,
    date: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: m[5]!.split(';'),
    signature: m[6]!,
  }
}

/** `20260101T120000Z` → Date. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!m) return undefined
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!))
}

export interface SignedRequest {
  method: string
  url: URL
  /** Lower-cased header names. */
  headers: Record<string, string>
  body: string
}

/**
 * Recompute the SigV4 signature with the secret we issued and compare it with the one the client
 * sent. Only the headers the client listed in SignedHeaders take part, and they are all forced
 * signable, so clients that sign more (or fewer) headers than the JS SDK still verify.
 */
export async function signatureMatches(
  request: SignedRequest,
  auth: ParsedAuthorization,
  signingDate: Date,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): Promise<boolean> {
  // A declared payload hash must describe the body actually sent; otherwise the signer would trust
  // the header and a body changed in transit would still verify.
  const declared = request.headers['x-amz-content-sha256']
  if (declared !== undefined && declared !== createHash('sha256').update(request.body).digest('hex'))
    return false
  const headers: Record<string, string> = {}
  for (const name of auth.signedHeaders) {
    const value = request.headers[name]
    if (value === undefined) return false
    headers[name] = value
  }
  const query: Record<string, string | string[]> = {}
  for (const [k, v] of request.url.searchParams) {
    const prev = query[k]
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
  }
  const signer = new SignatureV4({
    credentials,
    region: auth.region,
    service: auth.service,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  })
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      path: request.url.pathname,
      query,
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  )
  const authorization = String(signed.headers['authorization'] ?? '')
  const expected = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1]
  const signedList = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]
  if (!expected || signedList !== auth.signedHeaders.join(';')) return false
  return timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature))
}
