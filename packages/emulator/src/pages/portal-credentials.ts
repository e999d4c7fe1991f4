import {
  type Credentials,
  credentialVariables,
  formatEnv,
  formatExpiration,
  formatIni,
  formatPowerShell,
  formatWindowsCmd,
  isCodedError,
  quotePosix,
  quotePowerShell,
} from '@idc/format'
import type { Hono } from 'hono'
import { html } from 'hono/html'
import type { AppEnv } from '../context.js'
import type { IssuedRoleCredentials } from '../state.js'
import { PortalError } from '../wire/portal-errors.js'
import { type PagesDeps, requireSignIn } from './guard.js'
import { type Html, messagePage, render } from './layout.js'

/*
 * The access portal's "Get credentials" content, as AWS shows it after "Access keys": the
 * IAM Identity Center settings (Recommended), then Option 1 (environment variables), Option 2 (a
 * credentials-file profile) and Option 3 (individual values), for macOS and Linux, Windows (cmd)
 * and PowerShell. Every text a person copies is @idc/format's output for the credentials the
 * emulator just issued, so it is byte for byte what `aws-idc creds --format …` prints.
 *
 * GET /start/credentials?account_id=…&role_name=… renders it as a page of its own (usable without
 * script); the portal home fetches the same page and shows its [data-credentials] part in a dialog.
 * It is a GET that issues credentials, as the portal API's GetRoleCredentials is: the response is
 * readable only by this origin (no CORS, frame-ancestors 'none', no-store), so another site can
 * make the emulator issue credentials but never see them.
 */

export interface CredentialsView {
  accountId: string
  accountName: string
  roleName: string
  startUrl: string
  region: string
  credentials: Credentials
}

interface System {
  id: 'posix' | 'windows' | 'powershell'
  label: string
  /** Option 1: the environment-variable lines of this shell. */
  env: (credentials: Credentials) => string
  envIntro: string
  /** Where the shared credentials file is, written the way this shell spells it. */
  credentialsFile: string
  /** A command-line argument, quoted for this shell when it needs to be. */
  arg: (value: string) => string
}

/** cmd.exe passes an argument without `&|<>^()%!"` and spaces to the program as it is. */
function cmdArg(value: string): string {
  return /^[A-Za-z0-9_@+=:,./-]+$/.test(value) ? value : `"${value}"`
}

const SYSTEMS: readonly System[] = [
  {
    id: 'posix',
    label: 'macOS and Linux',
    env: formatEnv,
    envIntro: 'Run the following commands in your terminal (bash, zsh) to set the AWS environment variables.',
    credentialsFile: '~/.aws/credentials',
    arg: quotePosix,
  },
  {
    id: 'windows',
    label: 'Windows',
    env: formatWindowsCmd,
    envIntro:
      'Run the following commands at the Command Prompt (cmd.exe) to set the AWS environment variables.',
    credentialsFile: '%USERPROFILE%\\.aws\\credentials',
    arg: cmdArg,
  },
  {
    id: 'powershell',
    label: 'PowerShell',
    env: formatPowerShell,
    envIntro: 'Run the following commands in PowerShell to set the AWS environment variables.',
    credentialsFile: '$env:USERPROFILE\\.aws\\credentials',
    arg: quotePowerShell,
  },
]

/** The credentials-file profile name the AWS portal uses, `<account id>_<role name>`, kept readable. */
export function profileName(accountId: string, roleName: string): string {
  return `${accountId}_${roleName}`.replace(/[^A-Za-z0-9_\-.@+]/g, '_')
}

/** The portal's issued credentials in the shape every formatter takes. */
export function formatterCredentials(issued: IssuedRoleCredentials): Credentials {
  return {
    accessKeyId: issued.accessKeyId,
    secretAccessKey: issued.secretAccessKey,
    sessionToken: issued.sessionToken,
    expiration: new Date(issued.expiration),
    accountId: issued.accountId,
  }
}

/** What each option shows for one system: the exact texts (tests compare them with @idc/format). */
export function optionTexts(view: CredentialsView, system: System) {
  const variables = new Map(credentialVariables(view.credentials))
  return {
    configure: `aws-idc configure --start-url ${system.arg(view.startUrl)} --sso-region ${system.arg(view.region)}`,
    option1: attempt(() => system.env(view.credentials)),
    option2: attempt(() =>
      formatIni(view.credentials, { profile: profileName(view.accountId, view.roleName) }),
    ),
    option3: [
      ['AWS access key ID', variables.get('AWS_ACCESS_KEY_ID')],
      ['AWS secret access key', variables.get('AWS_SECRET_ACCESS_KEY')],
      ['AWS session token', variables.get('AWS_SESSION_TOKEN')],
    ].filter((entry): entry is [string, string] => entry[1] !== undefined),
  }
}

/** A value this shell's format cannot carry is shown as @idc/format's message and hint, not guessed at. */
function attempt(render: () => string): { text: string } | { error: string } {
  try {
    return { text: render() }
  } catch (error) {
    if (isCodedError(error)) return { error: error.toDisplayString() }
    throw error
  }
}

function minutes(ms: number): string {
  const m = Math.max(0, Math.round(ms / 60_000))
  if (m < 120) return m === 1 ? '1 minute' : `${m} minutes`
  const h = Math.round(m / 60)
  return `${h} hours`
}

/** One copyable text: a label, the text exactly, and a Copy button for it. */
function snippet(id: string, label: string, text: string, copyWhat: string): Html {
  return html`<div class="snippet">
    <div class="snippet-bar">
      <span class="snippet-label" id="${id}-label">${label}</span>
      <button type="button" class="copy" data-copy="${id}"><span data-label>Copy</span><span class="visually-hidden"> ${copyWhat}</span></button>
      <span class="visually-hidden" role="status" data-copy-status></span>
    </div>
    <pre id="${id}" aria-labelledby="${id}-label">${text}</pre>
  </div>`
}

function optionBody(
  id: string,
  label: string,
  result: { text: string } | { error: string },
  copyWhat: string,
): Html {
  return 'text' in result
    ? snippet(id, label, result.text, copyWhat)
    : html`<p class="alert" role="note">${result.error}</p>`
}

function panel(view: CredentialsView, system: System, selected: boolean): Html {
  const t = optionTexts(view, system)
  const p = `cred-${system.id}`
  return html`<div role="tabpanel" id="${p}-panel" aria-labelledby="${p}-tab" class="os-panel" ${selected ? '' : html`hidden`}>
    <section class="recommended" aria-labelledby="${p}-idc">
      <h3 id="${p}-idc">AWS IAM Identity Center credentials (Recommended)</h3>
      <p>To extend the duration of your credentials, let aws-idc (or the AWS CLI's <code>aws configure sso</code>) get and refresh them automatically. Configure it with these settings:</p>
      <dl class="facts">
        <dt>SSO start URL</dt><dd><code>${view.startUrl}</code></dd>
        <dt>SSO Region</dt><dd><code>${view.region}</code></dd>
      </dl>
      ${snippet(`${p}-configure`, 'Command', t.configure, 'the aws-idc configure command')}
    </section>
    <section aria-labelledby="${p}-o1">
      <h3 id="${p}-o1">Option 1: Set AWS environment variables</h3>
      <p>${system.envIntro} They override every other credential setting in that window.</p>
      ${optionBody(`${p}-option1`, system.label, t.option1, 'the environment variable commands')}
    </section>
    <section aria-labelledby="${p}-o2">
      <h3 id="${p}-o2">Option 2: Add a profile to your AWS credentials file</h3>
      <p>Copy and paste the following text in your AWS credentials file (<code>${system.credentialsFile}</code>), then use it with <code>--profile ${profileName(view.accountId, view.roleName)}</code>.</p>
      ${optionBody(`${p}-option2`, 'Credentials file', t.option2, 'the credentials file profile')}
    </section>
    <section aria-labelledby="${p}-o3">
      <h3 id="${p}-o3">Option 3: Use individual values in your AWS service client</h3>
      <p>Copy and paste these values into your code.</p>
      ${t.option3.map(([label, value], i) => snippet(`${p}-option3-${i}`, label, `${value}`, label))}
    </section>
  </div>`
}

/** The dialog's content (also the body of the stand-alone page). */
export function credentialsContent(view: CredentialsView, now: number, page = false): Html {
  const expiration = view.credentials.expiration
  const expires = expiration
    ? html`<p class="expiry">These credentials expire at <time datetime="${expiration.toISOString()}">${formatExpiration(expiration)}</time> (in ${minutes(expiration.getTime() - now)}). Get new ones here or, better, let aws-idc refresh them.</p>`
    : ''
  return html`<div class="credentials" data-credentials>
    ${
      page
        ? html`<h1 id="cred-title">Get credentials for ${view.roleName}</h1>`
        : html`<h2 id="cred-title">Get credentials for ${view.roleName}</h2>`
    }
    <p class="muted">Account <strong>${view.accountName}</strong> (${view.accountId}). Use any of the following options to access AWS resources programmatically or from the AWS CLI. You can retrieve credentials as often as needed.</p>
    ${expires}
    <div role="tablist" aria-label="Operating system" class="tabs">
      ${SYSTEMS.map(
        (s, i) =>
          html`<button type="button" role="tab" id="cred-${s.id}-tab" aria-controls="cred-${s.id}-panel" aria-selected="${i === 0 ? 'true' : 'false'}" tabindex="${i === 0 ? '0' : '-1'}">${s.label}</button>`,
      )}
    </div>
    ${SYSTEMS.map((s, i) => panel(view, s, i === 0))}
  </div>`
}

export { SYSTEMS as CREDENTIAL_SYSTEMS }

export function credentialsRoutes(app: Hono<AppEnv>, deps: PagesDeps): void {
  const { state, fixture, clock } = deps.ctx

  app.get('/start/credentials', (c) => {
    const session = requireSignIn(c, deps)
    if (session instanceof Response) return session
    const accountId = c.req.query('account_id') ?? ''
    const roleName = c.req.query('role_name') ?? ''
    const account = state.account(accountId)
    const back = html`<p><a href="/start">Go to the portal home</a></p>`
    let issued: IssuedRoleCredentials
    try {
      if (!account) throw new PortalError('ForbiddenException', 'No access')
      // The portal API's own GetRoleCredentials: same state, lifetimes and STS acceptance.
      issued = state.getRoleCredentials(session.userName, accountId, roleName)
    } catch (err) {
      if (!(err instanceof PortalError)) throw err
      return messagePage(
        c,
        {
          title: 'No access',
          session,
          kind: 'error',
          message: `${session.userName} has no role ${JSON.stringify(roleName)} in account ${JSON.stringify(accountId)}. Choose a role from the portal home.`,
          extra: back,
        },
        403,
      )
    }
    const view: CredentialsView = {
      accountId,
      accountName: account.name,
      roleName,
      startUrl: fixture.startUrl,
      region: fixture.region,
      credentials: formatterCredentials(issued),
    }
    return render(
      c,
      { title: `Get credentials for ${roleName}`, session, wide: true, script: 'portal.js' },
      html`<p class="crumbs"><a href="/start">AWS access portal</a> <span aria-hidden="true">›</span> ${account.name} <span aria-hidden="true">›</span> ${roleName}</p>
      <div class="card">${credentialsContent(view, clock.now(), true)}</div>`,
    )
  })
}
