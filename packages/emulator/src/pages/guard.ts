import type { Context } from 'hono'
import { html } from 'hono/html'
import type { AppEnv } from '../context.js'
import type { EmulatorContext } from '../routes/context.js'
import { messagePage } from './layout.js'
import { type BrowserSession, type BrowserSessions, csrfMatches, readSession } from './sessions.js'

/** What every page module needs. */
export interface PagesDeps {
  ctx: EmulatorContext
  sessions: BrowserSessions
}

/** `/login?next=<path>`: the way back after signing in. */
export function loginUrl(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`
}

/** Path and query of the current request (what `next` should bring the browser back to). */
export function currentPath(c: Context<AppEnv>): string {
  const url = new URL(c.req.url)
  return url.pathname + url.search
}

/** The signed-in browser session, or a redirect to the sign-in page that comes back here. */
export function requireSignIn(c: Context<AppEnv>, deps: PagesDeps): BrowserSession | Response {
  return readSession(c, deps.sessions) ?? c.redirect(loginUrl(currentPath(c)), 302)
}

/**
 * A form post from another site is refused outright. Browsers send `Origin` on every POST; when it
 * is there it must be ours. (Clients without it still need the session cookie and the CSRF token.)
 */
export function crossOrigin(c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin')
  return origin !== undefined && origin !== new URL(c.req.url).origin
}

export async function readForm(c: Context<AppEnv>): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  let body: Record<string, unknown>
  try {
    body = await c.req.parseBody()
  } catch {
    return out
  }
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v
  return out
}

export function forbidden(c: Context<AppEnv>, session: BrowserSession | undefined, why: string) {
  return messagePage(
    c,
    {
      title: 'Request blocked',
      session,
      kind: 'error',
      message: why,
      extra: html`<p><a href="/start">Go to the portal home</a></p>`,
    },
    403,
  )
}

/**
 * Checks for a state-changing form post: same origin, a live browser session and the session's CSRF
 * token. Without a session the browser is sent to sign in and then to `retry` (a GET page that
 * shows the same decision again), since the post itself cannot be replayed.
 */
export async function authenticatedPost(
  c: Context<AppEnv>,
  deps: PagesDeps,
  retry: (form: Record<string, string>) => string,
): Promise<{ session: BrowserSession; form: Record<string, string> } | Response> {
  if (crossOrigin(c)) return forbidden(c, undefined, 'This form was not submitted from this site.')
  const form = await readForm(c)
  const session = readSession(c, deps.sessions)
  if (!session) return c.redirect(loginUrl(retry(form)), 303)
  if (!csrfMatches(session, form['csrf'])) {
    return forbidden(
      c,
      session,
      'The form is missing its security token or the token does not match your sign-in. Go back, reload the page and try again.',
    )
  }
  return { session, form }
}
