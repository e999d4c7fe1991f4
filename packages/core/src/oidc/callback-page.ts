/**
 * The page the browser shows after the PKCE redirect to 127.0.0.1: self-contained (no network,
 * the listener closes right after), readable in light and dark mode, on a phone and a desktop.
 */
function page(title: string, heading: string, body: string, ok: boolean): string {
  const accent = ok ? '#1d8102' : '#d13212'
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  :root { color-scheme: light dark; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f2f3f3; color: #16191f; }
  main { max-width: 28rem; margin: 1rem; padding: 2rem; background: #fff; border-radius: 12px; border-top: 6px solid ${accent}; box-shadow: 0 2px 12px rgb(0 0 0 / 0.12); }
  h1 { margin: 0 0 0.5rem; font-size: 1.5rem; color: ${accent}; }
  p { margin: 0; }
  @media (prefers-color-scheme: dark) { body { background: #0f1b2a; color: #e9ebed; } main { background: #192534; } }
</style>
</head>
<body><main role="main"><h1>${heading}</h1><p>${body}</p></main></body>
</html>
`
}

export const CALLBACK_PAGE_OK = page(
  'aws-idc: signed in',
  'Signed in',
  'aws-idc received the authorization. You can close this tab and return to your terminal.',
  true,
)

export const CALLBACK_PAGE_FAIL = page(
  'aws-idc: sign-in failed',
  'Sign-in failed',
  'The authorization was not granted. Return to your terminal for details.',
  false,
)
