import type { Context } from 'hono'
import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import { paginate, parseMaxResults } from '../paging.js'
import { PortalError, portalErrorResponse } from '../wire/portal-errors.js'
import { type EmulatorContext, envelope } from './context.js'

const portal = envelope(PortalError, (err) => portalErrorResponse(err.shape, err.message))

function requiredQuery(c: Context<AppEnv>, name: string): string {
  const value = c.req.query(name)
  if (!value) throw new PortalError('InvalidRequestException', `${name} is required`)
  return value
}

/** SSO portal API (§3). The bearer token travels in `x-amz-sso_bearer_token` (header names are case-insensitive). */
export function portalRoutes(ctx: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const { state, fixture } = ctx
  const session = (c: Context<AppEnv>) => state.sessionForAccessToken(c.req.header('x-amz-sso_bearer_token'))

  app.get(
    '/assignment/accounts',
    portal((c) => {
      const user = session(c).userName
      const max = parseMaxResults(c.req.query('max_result'), fixture.pageSize)
      const page = paginate(state.accountsFor(user), 'accounts', max, c.req.query('next_token'))
      return c.json({
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
        accountList: page.items.map((a) => ({ accountId: a.id, accountName: a.name, emailAddress: a.email })),
      })
    }),
  )

  app.get(
    '/assignment/roles',
    portal((c) => {
      const user = session(c).userName
      const accountId = requiredQuery(c, 'account_id')
      c.set('callDetail', accountId)
      if (!state.account(accountId)) throw new PortalError('ResourceNotFoundException', 'Account not found')
      const max = parseMaxResults(c.req.query('max_result'), fixture.pageSize)
      const page = paginate(
        state.rolesFor(user, accountId),
        `roles:${accountId}`,
        max,
        c.req.query('next_token'),
      )
      return c.json({
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
        roleList: page.items.map((roleName) => ({ roleName, accountId })),
      })
    }),
  )

  app.get(
    '/federation/credentials',
    portal((c) => {
      const s = session(c)
      const roleName = requiredQuery(c, 'role_name')
      const accountId = requiredQuery(c, 'account_id')
      c.set('callDetail', `${accountId}/${roleName}`)
      const creds = state.getRoleCredentials(s.userName, accountId, roleName)
      return c.json({
        roleCredentials: {
          accessKeyId: creds.accessKeyId,
          secretAccessKey: creds.secretAccessKey,
          sessionToken: creds.sessionToken,
          expiration: creds.expiration,
        },
      })
    }),
  )

  app.post(
    '/logout',
    portal((c) => {
      state.logout(session(c))
      return new Response(null, { status: 200, headers: { 'content-length': '0' } })
    }),
  )

  return app
}
