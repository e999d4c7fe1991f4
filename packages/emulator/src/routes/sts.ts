import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import { requestId, roleId, roleSuffix } from '../ids.js'
import { parseAmzDate, parseAuthorization, signatureMatches } from '../sigv4.js'
import { stsErrorResponse, xmlEscape } from '../wire/sts-errors.js'
import type { EmulatorContext } from './context.js'

/**
 * STS GetCallerIdentity (§10), awsQuery over `POST /`. The SigV4 signature is verified with the
 * secret the emulator issued, so a wrong secret fails exactly as it would against AWS.
 */
export function stsRoutes(ctx: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/', async (c) => {
    const body = await c.req.text()
    const params = new URLSearchParams(body)
    const action = params.get('Action') ?? c.req.query('Action') ?? ''
    if (action !== 'GetCallerIdentity') {
      c.set('callOperation', action ? `STS:${action}` : 'STS')
      return stsErrorResponse('InvalidAction', `Could not find operation ${action} for version 2011-06-15`)
    }
    const authorization = c.req.header('authorization')
    if (!authorization) return stsErrorResponse('MissingAuthenticationToken')
    const auth = parseAuthorization(authorization)
    const signingDate = parseAmzDate(c.req.header('x-amz-date') ?? '')
    if (!auth || !signingDate) return stsErrorResponse('IncompleteSignature')
    const creds = ctx.state.roleCredentials.get(auth.accessKeyId)
    if (!creds || c.req.header('x-amz-security-token') !== creds.sessionToken) {
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
      creds,
    )
    if (!ok) return stsErrorResponse('SignatureDoesNotMatch')
    if (ctx.clock.now() >= creds.expiration) return stsErrorResponse('ExpiredToken')

    const roleArnName = `AWSReservedSSO_${creds.roleName}_${roleSuffix(creds.accountId, creds.roleName)}`
    const arn = `arn:aws:sts::${creds.accountId}:assumed-role/${roleArnName}/${creds.userName}`
    const id = requestId()
    const xml =
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
      `  <GetCallerIdentityResult>\n` +
      `    <Arn>${xmlEscape(arn)}</Arn>\n` +
      `    <UserId>${roleId(creds.accountId, creds.roleName)}:${xmlEscape(creds.userName)}</UserId>\n` +
      `    <Account>${creds.accountId}</Account>\n` +
      `  </GetCallerIdentityResult>\n` +
      `  <ResponseMetadata>\n    <RequestId>${id}</RequestId>\n  </ResponseMetadata>\n` +
      `</GetCallerIdentityResponse>\n`
    return c.body(xml, 200, { 'content-type': 'text/xml', 'x-amzn-RequestId': id })
  })

  return app
}
