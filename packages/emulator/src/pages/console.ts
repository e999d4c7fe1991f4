import type { Context, Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { html } from 'hono/html'
import type { AppEnv } from '../context.js'
import { consoleCookieName } from '../routes/federation.js'
import { type PagesDeps, requireSignIn } from './guard.js'
import { messagePage, render } from './layout.js'

/**
 * The emulator's stand-in for the AWS Management Console, and the access portal's console shortcut:
 *   GET /console[/…]       who is signed in (account, role, ARN), the destination and region asked for
 *   GET /start/console?account_id=…&role_name=…&destination=…   the portal's `#/console?…` shortcut:
 *        the signed-in portal user gets the permission-set role's credentials and a sign-in token,
 *        then goes through the federation login like any console sign-in.
 */
export function consolePageRoutes(app: Hono<AppEnv>, deps: PagesDeps): void {
  const { ctx } = deps

  app.get('/console/*', (c) => consolePage(c))
  app.get('/console', (c) => consolePage(c))

  function consolePage(c: Context<AppEnv>) {
    const id = getCookie(c, consoleCookieName(c.req.url))
    const signedIn = id ? ctx.roleSessions.consoleSessions.get(id) : undefined
    if (!signedIn || ctx.clock.now() >= signedIn.expiresAt) {
      return messagePage(
        c,
        {
          title: 'Not signed in to the console',
          kind: 'error',
          message: 'Sign in with a console sign-in link first.',
        },
        401,
      )
    }
    const url = new URL(c.req.url)
    const s = signedIn.session
    return render(
      c,
      { title: 'AWS Management Console' },
      html`<div class="card">
        <h1>AWS Management Console</h1>
        <dl>
          <dt>Account</dt><dd data-field="account">${s.accountId}</dd>
          <dt>Role</dt><dd data-field="role">${s.roleName}</dd>
          <dt>ARN</dt><dd data-field="arn">${s.arn}</dd>
          <dt>Destination</dt><dd data-field="destination">${url.pathname}${url.search}</dd>
          <dt>Region</dt><dd data-field="region">${url.searchParams.get('region') ?? ''}</dd>
          <dt>Session ends</dt><dd data-field="expires">${new Date(signedIn.expiresAt).toISOString()}</dd>
        </dl>
      </div>`,
    )
  }

  app.get('/start/console', (c) => {
    const session = requireSignIn(c, deps)
    if (session instanceof Response) return session
    const accountId = c.req.query('account_id') ?? ''
    const roleName = c.req.query('role_name') ?? ''
    if (!ctx.state.rolesFor(session.userName, accountId).includes(roleName)) {
      return messagePage(
        c,
        {
          title: 'No access',
          session,
          kind: 'error',
          message: `You have no role ${roleName} in account ${accountId}.`,
        },
        403,
      )
    }
    const creds = ctx.state.getRoleCredentials(session.userName, accountId, roleName)
    const roleSession = ctx.roleSessions.find(creds.accessKeyId)!
    const token = ctx.roleSessions.issueSigninToken(roleSession, ctx.clock.now())
    const destination = c.req.query('destination') || '/console/home'
    const login = new URLSearchParams({
      Action: 'login',
      Issuer: ctx.fixture.startUrl,
      Destination: destination,
      SigninToken: token,
    })
    return c.redirect(`/federation?${login}`, 302)
  })
}
