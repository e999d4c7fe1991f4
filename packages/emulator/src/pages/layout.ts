import { randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import { html, raw } from 'hono/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../context.js'
import type { BrowserSession } from './sessions.js'

/** Markup built with `hono/html`: every interpolated string is escaped, nested `html` is kept. */
export type Html = ReturnType<typeof html>

const STYLE = `
:root{color-scheme:light;--ink:#16191f;--muted:#545b64;--line:#d5dbdb;--bg:#f2f3f3;--card:#fff;
--brand:#232f3e;--primary:#0972d3;--primary-dark:#033160;--error:#d91515;--ok:#037f0c}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--ink);background:var(--bg)}
header{background:var(--brand);color:#fff;padding:.75rem 1.5rem;display:flex;align-items:center;
justify-content:space-between;gap:1rem;flex-wrap:wrap}
header .brand{font-weight:700;letter-spacing:.01em;color:#fff;text-decoration:none}
header .brand small{font-weight:400;opacity:.8;margin-left:.5rem}
header .who{display:flex;align-items:center;gap:.75rem;font-size:.9rem}
header form{margin:0}
.linkish{background:none;border:0;padding:0;color:#fff;text-decoration:underline;cursor:pointer;font:inherit}
main{max-width:40rem;margin:2.5rem auto;padding:0 1rem}
main.wide{max-width:56rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:.75rem;padding:1.75rem 2rem;
box-shadow:0 1px 2px rgba(0,0,0,.06)}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 1rem}
h2{font-size:1.15rem;margin:0 0 .5rem}
p{margin:.5rem 0 1rem}
.muted{color:var(--muted)}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input[type=text],input[type=password]{width:100%;padding:.6rem .75rem;font:inherit;border:1px solid #7d8998;
border-radius:.5rem;background:#fff;color:var(--ink)}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #539fe5;outline-offset:2px}
.actions{display:flex;gap:.75rem;margin-top:1.5rem;flex-wrap:wrap}
button.primary,button.secondary{font:inherit;font-weight:700;padding:.55rem 1.4rem;border-radius:2rem;cursor:pointer}
button.primary{background:var(--primary);border:2px solid var(--primary);color:#fff}
button.primary:hover{background:var(--primary-dark);border-color:var(--primary-dark)}
button.secondary{background:#fff;border:2px solid var(--primary);color:var(--primary)}
button.secondary:hover{background:#f2f8fd}
.alert{border-left:4px solid var(--error);background:#fff7f7;padding:.6rem .9rem;margin:0 0 1rem;border-radius:.25rem}
.success{border-left:4px solid var(--ok);background:#f2fcf3;padding:.6rem .9rem;margin:0 0 1rem;border-radius:.25rem}
.code{font:700 1.6rem/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.12em;
background:var(--bg);border:1px dashed #7d8998;border-radius:.5rem;padding:.5rem 1rem;display:inline-block;margin:.25rem 0 1rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0 0 1rem}
dl.facts dt{font-weight:600;color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
ul.scopes{margin:.25rem 0 1rem;padding-left:1.25rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
ul.accounts{list-style:none;margin:0;padding:0;display:grid;gap:1rem}
ul.accounts>li{background:var(--card);border:1px solid var(--line);border-radius:.75rem;padding:1rem 1.25rem}
ul.roles{margin:.5rem 0 0;padding-left:1.25rem}
footer{text-align:center;color:var(--muted);font-size:.85rem;margin:2rem 0}
a{color:var(--primary)}
`

/**
 * The Allow / Deny form of the device and consent pages: posts `action=allow|deny` with the id of
 * the request being decided and the browser session's CSRF token.
 */
export function decisionForm(
  action: string,
  field: { name: string; value: string },
  csrfToken: string,
): Html {
  return html`<form method="post" action="${action}">
          <input type="hidden" name="${field.name}" value="${field.value}" />
          <input type="hidden" name="csrf" value="${csrfToken}" />
          <div class="actions">
            <button class="primary" type="submit" name="action" value="allow">Allow</button>
            <button class="secondary" type="submit" name="action" value="deny">Deny</button>
          </div>
        </form>`
}

export interface PageOptions {
  title: string
  session?: BrowserSession | undefined
  /** Wider main column (portal home). */
  wide?: boolean
  /** A small inline script (the portal's `#/console` shortcut); allowed by a per-response CSP nonce. */
  script?: string | undefined
  /** Set by `render` when there is a script. */
  nonce?: string | undefined
}

export function layout(opts: PageOptions, body: Html): Html {
  const who = opts.session
    ? html`<div class="who">
        <span>Signed in as <strong>${opts.session.userName}</strong></span>
        <form method="post" action="/signout">
          <input type="hidden" name="csrf" value="${opts.session.csrfToken}" />
          <button class="linkish" type="submit">Sign out</button>
        </form>
      </div>`
    : ''
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${opts.title} - IAM Identity Center emulator</title>
    <style>${raw(STYLE)}</style>
  </head>
  <body>
    <header>
      <a class="brand" href="/start">IAM Identity Center<small>local emulator</small></a>
      ${who}
    </header>
    <main class="${opts.wide ? 'wide' : ''}">
      ${body}
    </main>
    <footer>A local emulator for tests and demos. It is not AWS and never contacts AWS.</footer>
    ${opts.script && opts.nonce ? html`<script nonce="${opts.nonce}">${raw(opts.script)}</script>` : ''}
  </body>
</html>`
}

/**
 * Send a page. Pages carry CSRF tokens and decisions, so they are never cached nor framed
 * (a framed Allow button would invite clickjacking), and they load nothing from outside.
 * No `form-action` directive: Chromium applies it to the redirect after a form post, and the
 * consent form's redirect goes to the client's loopback listener.
 */
export function render(
  c: Context<AppEnv>,
  opts: PageOptions,
  body: Html,
  status: ContentfulStatusCode = 200,
): Response | Promise<Response> {
  c.header('Cache-Control', 'no-store')
  const nonce = opts.script ? randomBytes(16).toString('base64') : undefined
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'${nonce ? `; script-src 'nonce-${nonce}'` : ''}`,
  )
  c.header('X-Frame-Options', 'DENY')
  c.header('X-Content-Type-Options', 'nosniff')
  // Not no-referrer: with it Chromium sends `Origin: null` on our own form posts.
  c.header('Referrer-Policy', 'same-origin')
  return c.html(layout({ ...opts, nonce }, body), status)
}

/** A page with a heading and one message, for errors and outcomes. */
export function messagePage(
  c: Context<AppEnv>,
  opts: PageOptions & { kind?: 'error' | 'success' | 'info'; message: Html | string; extra?: Html },
  status: ContentfulStatusCode = 200,
): Response | Promise<Response> {
  const kind = opts.kind ?? 'info'
  const message =
    kind === 'error'
      ? html`<p class="alert" role="alert">${opts.message}</p>`
      : kind === 'success'
        ? html`<p class="success" role="status">${opts.message}</p>`
        : html`<p>${opts.message}</p>`
  return render(
    c,
    opts,
    html`<div class="card">
      <h1>${opts.title}</h1>
      ${message} ${opts.extra ?? ''}
    </div>`,
    status,
  )
}
