import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import type { EmulatorContext } from '../routes/context.js'
import { assetRoutes } from './assets.js'
import { consentRoutes } from './consent.js'
import { consolePageRoutes } from './console.js'
import { deviceRoutes } from './device.js'
import type { PagesDeps } from './guard.js'
import { portalPageRoutes } from './portal.js'
import { BrowserSessions } from './sessions.js'
import { signInRoutes } from './signin.js'

/*
 * The web pages a person sees during a sign-in (README "Pages"):
 *   GET  /login, POST /login, POST /signout   sign-in form and cookie-backed browser session
 *   GET  /device[?user_code=…], POST /device  device-code entry, confirmation and decision
 *   GET  /consent?authorization_id=…, POST /consent   PKCE consent, then 302 to the client's redirect_uri
 *   GET  /start (and / → /start)              portal home: the user's accounts and roles, with "Access keys"
 *   GET  /start/credentials?account_id=…&role_name=…   Get credentials (issues role credentials)
 *   GET  /assets/<file>                       the pages' stylesheet and script (assets/)
 *   GET  /start/console?account_id=…&role_name=…  the portal's console shortcut (`#/console?…`)
 *   GET  /console[/…]                         the stand-in console a federation sign-in lands on
 * Decisions go through EmulatorState (approveDevice, denyDevice, approveAuthorization,
 * denyAuthorization), exactly as the control API's do.
 */

/** Where GET /authorize sends the browser when a request needs a sign-in + consent decision. */
export function authorizationPageUrl(id: string): string {
  return `/login?next=${encodeURIComponent(`/consent?authorization_id=${id}`)}`
}

export function pageRoutes(ctx: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const deps: PagesDeps = {
    ctx,
    sessions: new BrowserSessions(ctx.clock, ctx.fixture.lifetimes.sessionSeconds * 1000),
  }
  assetRoutes(app)
  signInRoutes(app, deps)
  deviceRoutes(app, deps)
  consentRoutes(app, deps)
  consolePageRoutes(app, deps)
  portalPageRoutes(app, deps)
  return app
}
