import type { Context, Hono } from 'hono'
import { html } from 'hono/html'
import type { AppEnv } from '../context.js'
import { DecisionError, type PendingAuthorization } from '../state.js'
import { decisionErrorStatus } from './device.js'
import { authenticatedPost, type PagesDeps, requireSignIn } from './guard.js'
import { decisionForm, messagePage, render } from './layout.js'
import type { BrowserSession } from './sessions.js'

/** Plain-language meaning of the scopes AWS tools ask for; others are shown as they are. */
const SCOPE_DESCRIPTIONS: Record<string, string> = {
  'sso:account:access': 'List your AWS accounts and roles and get credentials for them',
}

function consentUrl(id: string): string {
  return `/consent?authorization_id=${encodeURIComponent(id)}`
}

export function consentRoutes(app: Hono<AppEnv>, deps: PagesDeps): void {
  const { state, clock } = deps.ctx

  const home = html`<p><a href="/start">Go to the portal home</a></p>`

  function notFound(c: Context<AppEnv>, session: BrowserSession) {
    return messagePage(
      c,
      {
        title: 'Request not found',
        session,
        kind: 'error',
        message:
          'There is no authorization request with this id. Start the sign-in again in your application.',
        extra: home,
      },
      404,
    )
  }

  /** Expired or already decided: an error page, never a redirect. */
  function unavailable(
    c: Context<AppEnv>,
    session: BrowserSession,
    pending: PendingAuthorization,
  ): Response | Promise<Response> | undefined {
    if (pending.status !== 'pending') {
      return messagePage(
        c,
        {
          title: `Request already ${pending.status}`,
          session,
          kind: 'error',
          message: `This authorization request was already ${pending.status}. Start the sign-in again in your application if you need a new one.`,
          extra: home,
        },
        409,
      )
    }
    if (clock.now() >= pending.expiresAt) {
      return messagePage(
        c,
        {
          title: 'Request expired',
          session,
          kind: 'error',
          message: 'This authorization request has expired. Start the sign-in again in your application.',
          extra: home,
        },
        410,
      )
    }
    return undefined
  }

  app.get('/consent', (c) => {
    const session = requireSignIn(c, deps)
    if (session instanceof Response) return session
    const id = c.req.query('authorization_id') ?? ''
    const pending = state.authorizations.get(id)
    if (!pending) return notFound(c, session)
    const problem = unavailable(c, session, pending)
    if (problem) return problem
    const name = state.clients.get(pending.clientId)?.clientName ?? 'An application'
    const returnTo = new URL(pending.redirectUri)
    const scopes = pending.scopes.map(
      (s) =>
        html`<li><code>${s}</code>${SCOPE_DESCRIPTIONS[s] ? html` — ${SCOPE_DESCRIPTIONS[s]}` : ''}</li>`,
    )
    return render(
      c,
      { title: 'Allow access?', session },
      html`<div class="card">
        <h1>Allow ${name} to access your data?</h1>
        <dl class="facts">
          <dt>Application</dt><dd>${name}</dd>
          <dt>Signed in as</dt><dd>${session.userName}</dd>
          <dt>Returns to</dt><dd><code>${returnTo.origin}</code></dd>
        </dl>
        <h2>Requested access</h2>
        ${scopes.length ? html`<ul class="scopes">${scopes}</ul>` : html`<p>No specific scopes.</p>`}
        <p class="muted">Deny if you did not start this sign-in.</p>
        ${decisionForm('/consent', { name: 'authorization_id', value: pending.id }, session.csrfToken)}
      </div>`,
    )
  })

  app.post('/consent', async (c) => {
    const checked = await authenticatedPost(c, deps, (form) => consentUrl(form['authorization_id'] ?? ''))
    if (checked instanceof Response) return checked
    const { session, form } = checked
    const id = form['authorization_id'] ?? ''
    const action = form['action']
    if (action !== 'allow' && action !== 'deny') {
      return messagePage(
        c,
        { title: 'Bad request', session, kind: 'error', message: 'Choose Allow or Deny.' },
        400,
      )
    }
    try {
      const location =
        action === 'allow' ? state.approveAuthorization(id, session.userName) : state.denyAuthorization(id)
      // The client's loopback listener takes it from here (`code` + `state`, or `error` + `state`).
      return c.redirect(location, 302)
    } catch (err) {
      if (!(err instanceof DecisionError)) throw err
      const pending = state.authorizations.get(id)
      if (!pending) return notFound(c, session)
      const problem = unavailable(c, session, pending)
      if (problem) return problem
      return messagePage(
        c,
        { title: 'Request failed', session, kind: 'error', message: err.message },
        decisionErrorStatus(err),
      )
    }
  })
}
