import type { Hono } from 'hono'
import { html } from 'hono/html'
import type { AppEnv } from '../context.js'
import type { FixtureAccount } from '../fixture.js'
import { type PagesDeps, requireSignIn } from './guard.js'
import { render } from './layout.js'
import { credentialsRoutes } from './portal-credentials.js'

function credentialsUrl(accountId: string, roleName: string): string {
  return `/start/credentials?account_id=${encodeURIComponent(accountId)}&role_name=${encodeURIComponent(roleName)}`
}

/** One account: a disclosure button (name, id, e-mail) and, behind it, its roles with "Access keys". */
function accountItem(account: FixtureAccount, roles: string[]) {
  const button = `account-${account.id}`
  const region = `roles-${account.id}`
  return html`<li class="account" data-account data-name="${account.name}" data-id="${account.id}">
    <h3 class="account-heading">
      <button type="button" class="account-toggle" id="${button}" aria-expanded="false" aria-controls="${region}">
        <span class="chevron" aria-hidden="true"></span>
        <span class="account-text">
          <span class="account-name">${account.name}</span>
          <span class="account-meta"><span>${account.id}</span> <span class="sep">|</span> <span>${account.email}</span></span>
        </span>
      </button>
    </h3>
    <div class="roles" id="${region}" hidden>
      <ul aria-label="Roles in ${account.name}">
        ${roles.map(
          (role) => html`<li class="role">
            <span class="role-name">${role}</span>
            <button type="button" class="secondary small" aria-haspopup="dialog" data-credentials-url="${credentialsUrl(account.id, role)}">Access keys<span class="visually-hidden"> for ${role} in ${account.name}</span></button>
          </li>`,
        )}
      </ul>
    </div>
  </li>`
}

/** The access portal's home: the signed-in user's accounts and, per account, the roles they can use. */
export function portalPageRoutes(app: Hono<AppEnv>, deps: PagesDeps): void {
  const { state, fixture } = deps.ctx

  app.get('/', (c) => c.redirect('/start', 302))

  // `/start/` too: portal links (such as the `#/console?…` shortcut) are written with the slash.
  app.on('GET', ['/start', '/start/'], (c) => {
    const session = requireSignIn(c, deps)
    if (session instanceof Response) return session
    const accounts = state.accountsFor(session.userName)
    const items = accounts.map((account) =>
      accountItem(account, state.rolesFor(session.userName, account.id)),
    )
    return render(
      c,
      { title: 'AWS access portal', session, wide: true, script: 'portal.js' },
      html`<h1>AWS access portal</h1>
      <p class="muted">Signed in to <code>${fixture.startUrl}</code> as <strong>${session.userName}</strong>.</p>
      <noscript><p class="alert">Turn on JavaScript to expand accounts and get access keys.</p></noscript>
      <section class="card accounts-card" aria-labelledby="accounts-title">
        <div class="accounts-bar">
          <h2 id="accounts-title">AWS accounts <span class="count">(${accounts.length})</span></h2>
          ${
            accounts.length
              ? html`<div class="filter">
                  <label for="account-filter">Filter accounts by name or ID</label>
                  <input type="search" id="account-filter" placeholder="Account name or ID" autocomplete="off" spellcheck="false" />
                </div>`
              : ''
          }
        </div>
        <p id="filter-status" class="visually-hidden" role="status"></p>
        ${
          accounts.length
            ? html`<ul class="accounts" data-accounts>${items}</ul>
              <p id="filter-empty" class="muted empty" hidden>No accounts match the filter.</p>`
            : html`<p>You have no AWS accounts assigned.</p>`
        }
      </section>
      <dialog id="credentials-dialog" class="credentials-dialog" aria-label="Get credentials">
        <button type="button" class="close" data-dialog-close aria-label="Close">×</button>
        <div data-dialog-body></div>
      </dialog>`,
    )
  })

  credentialsRoutes(app, deps)
}
