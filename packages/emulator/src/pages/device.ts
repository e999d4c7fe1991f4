import type { Context, Hono } from 'hono'
import { html } from 'hono/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../context.js'
import { DecisionError, type DeviceAuthorization } from '../state.js'
import { authenticatedPost, type PagesDeps, requireSignIn } from './guard.js'
import { decisionForm, messagePage, render } from './layout.js'
import type { BrowserSession } from './sessions.js'

/** HTTP status and wording for a decision that can no longer be made. */
export function decisionErrorStatus(err: DecisionError): ContentfulStatusCode {
  switch (err.code) {
    case 'not_found':
      return 404
    case 'expired':
      return 410
    case 'already_decided':
      return 409
    default:
      return 400
  }
}

function minutesLeft(expiresAt: number, now: number): string {
  const minutes = Math.max(1, Math.ceil((expiresAt - now) / 60_000))
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}

function retryLink() {
  return html`<p><a href="/device">Enter another code</a> · <a href="/start">Go to the portal home</a></p>`
}

export function deviceRoutes(app: Hono<AppEnv>, deps: PagesDeps): void {
  const { state, clock } = deps.ctx
  const clientName = (device: DeviceAuthorization) =>
    state.clients.get(device.clientId)?.clientName ?? 'An application'

  function entryForm(
    c: Context<AppEnv>,
    session: BrowserSession,
    opts: { value?: string; error?: string } = {},
    status: ContentfulStatusCode = 200,
  ) {
    const error = opts.error ? html`<p class="alert" role="alert" id="code-error">${opts.error}</p>` : ''
    const invalid = opts.error ? html`aria-describedby="code-error" aria-invalid="true"` : ''
    return render(
      c,
      { title: 'Authorize request', session },
      html`<div class="card">
        <h1>Authorize request</h1>
        <p>Enter the code shown by the application that asked you to sign in.</p>
        ${error}
        <form method="get" action="/device">
          <label for="user_code">Code</label>
          <input type="text" id="user_code" name="user_code" value="${opts.value ?? ''}" placeholder="ABCD-EFGH"
            autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="32" required autofocus ${invalid} />
          <div class="actions"><button class="primary" type="submit">Next</button></div>
        </form>
      </div>`,
      status,
    )
  }

  /** The request cannot be decided any more: already decided, or expired. */
  function unavailable(c: Context<AppEnv>, session: BrowserSession, device: DeviceAuthorization) {
    if (device.status !== 'pending') {
      const what = device.status === 'denied' ? 'denied' : 'approved'
      return messagePage(
        c,
        {
          title: `Request already ${what}`,
          session,
          kind: 'error',
          message: `The request with code ${device.userCode} was already ${what}. Nothing more to do here; start a new sign-in in your application if you need one.`,
          extra: retryLink(),
        },
        409,
      )
    }
    if (clock.now() >= device.expiresAt) {
      return messagePage(
        c,
        {
          title: 'Code expired',
          session,
          kind: 'error',
          message: `The code ${device.userCode} has expired. Start the sign-in again in your application to get a new code.`,
          extra: retryLink(),
        },
        410,
      )
    }
    return undefined
  }

  app.get('/device', (c) => {
    const session = requireSignIn(c, deps)
    if (session instanceof Response) return session
    const typed = c.req.query('user_code')
    if (typed === undefined) return entryForm(c, session)
    const trimmed = typed.trim()
    if (!trimmed) return entryForm(c, session, { error: 'Enter the code shown by your application.' }, 400)
    const device = state.deviceByUserCode(trimmed)
    if (!device) {
      return entryForm(
        c,
        session,
        { value: trimmed, error: `The code ${trimmed} was not recognised. Check it and try again.` },
        404,
      )
    }
    const problem = unavailable(c, session, device)
    if (problem) return problem
    const name = clientName(device)
    return render(
      c,
      { title: 'Allow access?', session },
      html`<div class="card">
        <h1>Allow ${name} to access your data?</h1>
        <p>Make sure this code matches the one shown by the application:</p>
        <p class="code" aria-label="Code ${device.userCode.split('').join(' ')}">${device.userCode}</p>
        <dl class="facts">
          <dt>Application</dt><dd>${name}</dd>
          <dt>Signed in as</dt><dd>${session.userName}</dd>
          <dt>Expires</dt><dd>in ${minutesLeft(device.expiresAt, clock.now())}</dd>
        </dl>
        <p class="muted">Allowing lets the application use your IAM Identity Center access for as long as your session lasts. Deny if you did not start this sign-in.</p>
        ${decisionForm('/device', { name: 'user_code', value: device.userCode }, session.csrfToken)}
      </div>`,
    )
  })

  app.post('/device', async (c) => {
    const checked = await authenticatedPost(c, deps, (form) =>
      form['user_code'] ? `/device?user_code=${encodeURIComponent(form['user_code'])}` : '/device',
    )
    if (checked instanceof Response) return checked
    const { session, form } = checked
    const userCode = form['user_code'] ?? ''
    const action = form['action']
    if (action !== 'allow' && action !== 'deny') {
      return messagePage(
        c,
        {
          title: 'Bad request',
          session,
          kind: 'error',
          message: 'Choose Allow or Deny.',
          extra: retryLink(),
        },
        400,
      )
    }
    let device: DeviceAuthorization
    try {
      device =
        action === 'allow' ? state.approveDevice(userCode, session.userName) : state.denyDevice(userCode)
    } catch (err) {
      if (!(err instanceof DecisionError)) throw err
      const known = state.deviceByUserCode(userCode)
      const problem = known && unavailable(c, session, known)
      if (problem) return problem
      return messagePage(
        c,
        {
          title: 'Code not recognised',
          session,
          kind: 'error',
          message: `There is no sign-in request with the code ${userCode}.`,
          extra: retryLink(),
        },
        decisionErrorStatus(err),
      )
    }
    const name = clientName(device)
    return action === 'allow'
      ? messagePage(c, {
          title: 'Request approved',
          session,
          kind: 'success',
          message: html`<strong>${name}</strong> has been given access as ${session.userName}. You can close this window and return to the application.`,
        })
      : messagePage(c, {
          title: 'Request denied',
          session,
          kind: 'info',
          message: html`<strong>${name}</strong> was not given access. You can close this window.`,
        })
  })
}
