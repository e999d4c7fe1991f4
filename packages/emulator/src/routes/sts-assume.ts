import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import type { FixtureAssumableRole } from '../fixture.js'
import { requestId } from '../ids.js'
import type { RoleSession } from '../role-sessions.js'
import { stsErrorResponse, xmlEscape } from '../wire/sts-errors.js'
import type { EmulatorContext } from './context.js'
import { authenticateSigV4 } from './sts-auth.js'

/** AWS's limit for sessions assumed with role credentials (role chaining): every session here is one. */
export const CHAINED_MAX_SECONDS = 3600

const ROLE_ARN = /^arn:[\w-]+:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/

/**
 * STS AssumeRole, awsQuery over `POST /` (`Action=AssumeRole`), SigV4 checked like
 * GetCallerIdentity. The fixture's `assumableRoles` decide who may assume what; the caller is always
 * a role session, so this is role chaining and DurationSeconds is capped at one hour, as AWS does.
 * Other actions fall through to routes/sts.ts.
 */
export function stsAssumeRoutes(ctx: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/', async (c, next) => {
    const body = await c.req.text()
    const params = new URLSearchParams(body)
    if ((params.get('Action') ?? c.req.query('Action')) !== 'AssumeRole') return next()
    c.set('callOperation', 'AssumeRole')
    const roleArn = params.get('RoleArn') ?? ''
    c.set('callDetail', roleArn)
    const source = await authenticateSigV4(c, ctx, body)
    if (source instanceof Response) return source

    const sessionName = params.get('RoleSessionName')
    if (!roleArn)
      return stsErrorResponse('MissingParameter', 'The request must contain the parameter RoleArn')
    if (sessionName === null)
      return stsErrorResponse('MissingParameter', 'The request must contain the parameter RoleSessionName')
    if (!ROLE_ARN.test(roleArn)) return stsErrorResponse('ValidationError', `${roleArn} is invalid`)
    if (!SESSION_NAME.test(sessionName)) {
      return stsErrorResponse(
        'ValidationError',
        `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      )
    }
    const durationText = params.get('DurationSeconds')
    const duration = durationText === null ? CHAINED_MAX_SECONDS : Number(durationText)
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      return stsErrorResponse(
        'ValidationError',
        `1 validation error detected: Value '${durationText}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900 and less than or equal to 43200`,
      )
    }
    if (duration > CHAINED_MAX_SECONDS) {
      return stsErrorResponse(
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      )
    }
    if (!mayAssume(ctx, source, roleArn, params.get('ExternalId'))) {
      return stsErrorResponse(
        'AccessDenied',
        `User: ${source.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      )
    }
    const expiration = Math.floor((ctx.clock.now() + duration * 1000) / 1000) * 1000
    const session = ctx.roleSessions.issueAssumed({ source, roleArn, sessionName, expiration })
    const id = requestId()
    const xml =
      `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
      `  <AssumeRoleResult>\n` +
      `    <AssumedRoleUser>\n` +
      `      <Arn>${xmlEscape(session.arn)}</Arn>\n` +
      `      <AssumedRoleId>${xmlEscape(session.userId)}</AssumedRoleId>\n` +
      `    </AssumedRoleUser>\n` +
      `    <Credentials>\n` +
      `      <AccessKeyId>${session.accessKeyId}</AccessKeyId>\n` +
      `      <SecretAccessKey>${xmlEscape(session.secretAccessKey)}</SecretAccessKey>\n` +
      `      <SessionToken>${xmlEscape(session.sessionToken)}</SessionToken>\n` +
      `      <Expiration>${new Date(expiration).toISOString().replace('.000Z', 'Z')}</Expiration>\n` +
      `    </Credentials>\n` +
      `  </AssumeRoleResult>\n` +
      `  <ResponseMetadata>\n    <RequestId>${id}</RequestId>\n  </ResponseMetadata>\n` +
      `</AssumeRoleResponse>\n`
    return c.body(xml, 200, { 'content-type': 'text/xml', 'x-amzn-RequestId': id })
  })

  return app
}

/** Whether some fixture rule lets `source` assume `roleArn` (with this ExternalId). */
export function mayAssume(
  ctx: EmulatorContext,
  source: RoleSession,
  roleArn: string,
  externalId: string | null,
): boolean {
  const accounts = ctx.state.accountsFor(source.userName).map((a) => a.id)
  return ctx.fixture.assumableRoles.some(
    (rule) =>
      fromMatches(rule, source) &&
      roleMatches(rule.roleArn, roleArn, accounts) &&
      (rule.externalId === undefined || rule.externalId === externalId),
  )
}

function fromMatches(rule: FixtureAssumableRole, source: RoleSession): boolean {
  if (rule.from === '*') return true
  if (rule.from.startsWith('arn:')) return source.kind === 'assumed' && glob(rule.from, source.roleArn)
  return source.kind === 'sso' && glob(rule.from, `${source.accountId}/${source.roleName}`)
}

function roleMatches(pattern: string, roleArn: string, accounts: string[]): boolean {
  if (!pattern.includes('<account>')) return glob(pattern, roleArn)
  return accounts.some((account) => glob(pattern.replaceAll('<account>', account), roleArn))
}

function glob(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`)
  return re.test(value)
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
