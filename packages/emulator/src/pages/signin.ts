import type { Context, Hono } from 'hono'
import { html } from 'hono/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../context.js'
import { authenticatedPost, crossOrigin, forbidden, type PagesDeps, readForm } from './guard.js'
import { render } from './layout.js'
import { clearSessionCookie, readSession, safeNext, writeSessionCookie } from './sessions.js'

function signInForm(
  c: Context<AppEnv>,
  deps: PagesDeps,
  opts: { next: string; userName?: string; error?: string },
  status: ContentfulStatusCode = 200,
) {
  const { fixture } = deps.ctx
  const error = opts.error ? html`<p class="alert" role="alert" id="signin-error">${opts.error}</p>` : ''
  const invalid = opts.error ? html`aria-describedby="signin-error" aria-invalid="true"` : ''
  return render(
    c,
    { title: 'Sign in' },
    html`<div class="card">
      <h1>Sign in</h1>
      <p class="muted">to <strong>${fixture.startUrl}</strong></p>
      ${error}
      <form method="post" action="/login" novalidate>
        <input type="hidden" name="next" value="${opts.next}" />
        <label for="username">User name</label>
        <input type="text" id="username" name="username" value="${opts.userName ?? ''}"
          autocomplete="username" autocapitalize="none" spellcheck="false" required
          ${invalid} ${opts.userName ? '' : html`autofocus`} />
        <label for="password">Password</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required
          ${invalid} ${opts.userName ? html`autofocus` : ''} />
        <div class="actions"><button class="primary" type="submit">Sign in</button></div>
      </form>
      <p class="muted">Users in this emulator's fixture: ${fixture.users.map((u) => u.name).join(', ')}.</p>
    </div>`,
    status,
  )
}

export function signInRoutes(app: Hono<AppEnv>, deps: PagesDeps): void {
  const { ctx, sessions } = deps

  app.get('/login', (c) => {
    const origin = new URL(c.req.url).origin
    const next = safeNext(c.req.query('next'), origin)
    // Already signed in: go straight on (this is how /authorize reaches the consent page).
    if (readSession(c, sessions)) return c.redirect(next, 302)
    return signInForm(c, deps, { next })
  })

  app.post('/login', async (c) => {
    if (crossOrigin(c)) return forbidden(c, undefined, 'This form was not submitted from this site.')
    const form = await readForm(c)
    const next = safeNext(form['next'], new URL(c.req.url).origin)
    const userName = (form['username'] ?? '').trim()
    const password = form['password'] ?? ''
    if (!userName || !password) {
      return signInForm(c, deps, { next, userName, error: 'Enter your user name and password.' }, 400)
    }
    if (!ctx.state.checkPassword(userName, password)) {
      return signInForm(c, deps, { next, userName, error: 'Incorrect user name or password.' }, 401)
    }
    // A fresh id on every sign-in (no session fixation); the previous sign-in of this browser ends.
    const previous = readSession(c, sessions)
    if (previous) sessions.end(previous.id)
    const session = sessions.create(userName)
    writeSessionCookie(c, session, ctx.clock.now())
    return c.redirect(next, 303)
  })

  app.post('/signout', async (c) => {
    const checked = await authenticatedPost(c, deps, () => '/start')
    if (checked instanceof Response) return checked
    sessions.end(checked.session.id)
    clearSessionCookie(c)
    return c.redirect('/login', 303)
  })
}
