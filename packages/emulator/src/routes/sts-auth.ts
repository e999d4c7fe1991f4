import type { Context } from 'hono'
import type { AppEnv } from '../context.js'
import type { RoleSession } from '../role-sessions.js'
import { parseAmzDate, parseAuthorization, signatureMatches } from '../sigv4.js'
import { stsErrorResponse } from '../wire/sts-errors.js'
import type { EmulatorContext } from './context.js'

/**
 * The role session that signed an STS request (SigV4 checked with the secret the emulator issued),
 * or the error response AWS would send: missing/malformed signature, unknown key or token, wrong
 * signature, expired credentials.
 */
export async function authenticateSigV4(
  c: Context<AppEnv>,
  ctx: EmulatorContext,
  body: string,
): Promise<RoleSession | Response> {
  const authorization = c.req.header('authorization')
  if (!authorization) return stsErrorResponse('MissingAuthenticationToken')
  const auth = parseAuthorization(authorization)
  const signingDate = parseAmzDate(c.req.header('x-amz-date') ?? '')
  if (!auth || !signingDate) return stsErrorResponse('IncompleteSignature')
  const session = ctx.roleSessions.find(auth.accessKeyId)
  if (!session || c.req.header('x-amz-security-token') !== session.sessionToken) {
    return stsErrorResponse('InvalidClientTokenId')
  }
  const headers: Record<string, string> = {}
  c.req.raw.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value
  })
  const ok = await signatureMatches(
    { method: c.req.method, url: new URL(c.req.url), headers, body },
    auth,
    signingDate,
    session,
  )
  if (!ok) return stsErrorResponse('SignatureDoesNotMatch')
  if (ctx.clock.now() >= session.expiration) return stsErrorResponse('ExpiredToken')
  return session
}
