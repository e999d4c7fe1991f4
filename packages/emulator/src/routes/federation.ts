import { Hono } from 'hono'
import { setCookie } from 'hono/cookie'
import { html } from 'hono/html'
import type { AppEnv } from '../context.js'
import { opaque } from '../ids.js'
import { messagePage } from '../pages/layout.js'
import type { EmulatorContext } from './context.js'

/** The console cookie is per port, like the sign-in cookie, so emulators side by side do not mix. */
export function consoleCookieName(url: string): string {
  const port = new URL(url).port
  return port ? `idc_emulator_console_${port}` : 'idc_emulator_console'
}

/**
 * The AWS federation endpoint (`https://signin.aws.amazon.com/federation` and its partition twins):
 *   GET /federation?Action=getSigninToken&Session=<JSON>[&SessionDuration=s]  → {"SigninToken": "…"}
 *   GET /federation?Action=login&Issuer=…&Destination=…&SigninToken=…          → 302 to the console
 * getSigninToken accepts only credentials the emulator issued and that have not expired. A sign-in
 * token works once and for 15 minutes. Destination must be this emulator's `/console` page (no open
 * redirect).
 */
export function federationRoutes(ctx: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const sessions = ctx.roleSessions

  app.get('/federation', (c) => {
    const action = c.req.query('Action')
    if (action === 'getSigninToken') {
      let parsed: { sessionId?: unknown; sessionKey?: unknown; sessionToken?: unknown }
      try {
        parsed = JSON.parse(c.req.query('Session') ?? '')
      } catch {
        return c.text('The Session parameter is missing or not JSON.', 400)
      }
      const session = typeof parsed.sessionId === 'string' ? sessions.find(parsed.sessionId) : undefined
      if (
        !session ||
        parsed.sessionKey !== session.secretAccessKey ||
        parsed.sessionToken !== session.sessionToken
      ) {
        return c.text('The credentials in the Session parameter are not valid.', 400)
      }
      const now = ctx.clock.now()
      if (now >= session.expiration)
        return c.text('The credentials in the Session parameter have expired.', 400)
      const durationText = c.req.query('SessionDuration')
      let duration: number | undefined
      if (durationText !== undefined) {
        duration = Number(durationText)
        const max = session.kind === 'assumed' ? 3600 : 43200
        if (!Number.isInteger(duration) || duration < 900 || duration > max) {
          return c.text(`SessionDuration must be from 900 to ${max} seconds for these credentials.`, 400)
        }
      }
      return c.json({ SigninToken: sessions.issueSigninToken(session, now, duration) })
    }
    if (action === 'login') {
      const token = c.req.query('SigninToken') ?? ''
      const entry = sessions.signinTokens.get(token)
      const now = ctx.clock.now()
      const refuse = (why: string) =>
        messagePage(c, { title: 'Sign-in link not valid', kind: 'error', message: why }, 400)
      if (!entry) return refuse('This console sign-in link is not valid.')
      if (entry.used) return refuse('This console sign-in link has already been used.')
      if (now >= entry.expiresAt) return refuse('This console sign-in link has expired.')
      const origin = new URL(c.req.url).origin
      let destination: URL
      try {
        destination = new URL(c.req.query('Destination') ?? '', origin)
      } catch {
        return refuse('The Destination parameter is not a URL.')
      }
      if (destination.origin !== origin || !/^\/console(\/|$)/.test(destination.pathname)) {
        return refuse('The Destination must be a console page of this emulator (/console/…).')
      }
      entry.used = true
      const id = opaque('console-', 32)
      sessions.consoleSessions.set(id, {
        session: entry.session,
        issuer: c.req.query('Issuer') ?? '',
        expiresAt: Math.min(entry.consoleExpiresAt, now + 12 * 3600 * 1000),
      })
      setCookie(c, consoleCookieName(c.req.url), id, { path: '/console', httpOnly: true, sameSite: 'Lax' })
      return c.redirect(destination.pathname + destination.search, 302)
    }
    return messagePage(
      c,
      {
        title: 'Unknown federation action',
        kind: 'error',
        message: html`Action must be <code>getSigninToken</code> or <code>login</code>.`,
      },
      400,
    )
  })

  return app
}
