import type { Hono } from 'hono'
import { html } from 'hono/html'
import type { AppEnv } from '../context.js'
import { PORTAL_SHORTCUT_SCRIPT } from './console.js'
import { type PagesDeps, requireSignIn } from './guard.js'
import { render } from './layout.js'

/** The access portal's home: the signed-in user's accounts and, per account, the roles they can use. */
export function portalPageRoutes(app: Hono<AppEnv>, deps: PagesDeps): void {
  const { state, fixture } = deps.ctx

  app.get('/', (c) => c.redirect('/start', 302))

  // `/start/` too: portal links (such as the `#/console?…` shortcut) are written with the slash.
  app.on('GET', ['/start', '/start/'], (c) => {
    const session = requireSignIn(c, deps)
    if (session instanceof Response) return session
    const accounts = state.accountsFor(session.userName)
    const items = accounts.map((account) => {
      const headingId = `account-${account.id}`
      const roles = state.rolesFor(session.userName, account.id)
      return html`<li aria-labelledby="${headingId}">
        <h2 id="${headingId}">${account.name} <span class="muted">${account.id}</span></h2>
        <p class="muted">${account.email}</p>
        <ul class="roles" aria-label="Roles in ${account.name}">
          ${roles.map((role) => html`<li>${role}</li>`)}
        </ul>
      </li>`
    })
    const count = accounts.length === 1 ? '1 account' : `${accounts.length} accounts`
    return render(
      c,
      { title: 'AWS access portal', session, wide: true, script: PORTAL_SHORTCUT_SCRIPT },
      html`<h1>AWS access portal</h1>
      <p class="muted">${fixture.startUrl} · ${count} for ${session.userName}</p>
      ${
        items.length
          ? html`<ul class="accounts">${items}</ul>`
          : html`<div class="card"><p>You have no AWS accounts assigned.</p></div>`
      }`,
      200,
    )
  })
}
