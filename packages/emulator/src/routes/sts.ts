import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import { requestId } from '../ids.js'
import { stsErrorResponse, xmlEscape } from '../wire/sts-errors.js'
import type { EmulatorContext } from './context.js'
import { authenticateSigV4 } from './sts-auth.js'

/**
 * STS GetCallerIdentity (§10), awsQuery over `POST /`. The SigV4 signature is verified with the
 * secret the emulator issued, so a wrong secret fails exactly as it would against AWS. Answers for
 * permission-set role credentials and for AssumeRole sessions (routes/sts-assume.ts) alike.
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
    const session = await authenticateSigV4(c, ctx, body)
    if (session instanceof Response) return session

    const id = requestId()
    const xml =
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
      `  <GetCallerIdentityResult>\n` +
      `    <Arn>${xmlEscape(session.arn)}</Arn>\n` +
      `    <UserId>${xmlEscape(session.userId)}</UserId>\n` +
      `    <Account>${session.accountId}</Account>\n` +
      `  </GetCallerIdentityResult>\n` +
      `  <ResponseMetadata>\n    <RequestId>${id}</RequestId>\n  </ResponseMetadata>\n` +
      `</GetCallerIdentityResponse>\n`
    return c.body(xml, 200, { 'content-type': 'text/xml', 'x-amzn-RequestId': id })
  })

  return app
}
