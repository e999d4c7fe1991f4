import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { IdcError } from '../errors.js'
import { CALLBACK_PAGE_FAIL, CALLBACK_PAGE_OK } from './callback-page.js'
import { buildAuthorizeUrl, codeChallenge, createCodeVerifier, createState } from './pkce.js'
import { DEFAULT_SCOPES } from './register.js'
import { abortError, throwIfAborted } from './sleep.js'
import { createToken } from './token-grant.js'
import type { ClientRegistration, TokenGrant, WaitProgress } from './types.js'

/** The AWS CLI waits at most 600 s for the browser to come back. */
export const DEFAULT_AUTH_CODE_TIMEOUT_MS = 600_000

export interface AuthCodeFlowOptions {
  client: SSOOIDCClient
  registration: Pick<ClientRegistration, 'clientId' | 'clientSecret'>
  /** Origin that serves `/authorize`: scheme + host of the resolved OIDC endpoint (see oidcOrigin). */
  authorizeOrigin: string
  scopes?: readonly string[] | null | undefined
  region?: string | undefined
  /** Called with the URL the user must open; open a browser here. */
  onAuthorizeUrl: (url: string) => void | Promise<void>
  onProgress?: ((p: WaitProgress) => void) | undefined
  /** How often onProgress fires while waiting (default 1 s). */
  progressIntervalMs?: number | undefined
  timeoutMs?: number | undefined
  signal?: AbortSignal | undefined
  /** The sign-in command named in hints. */
  loginCommand?: string | undefined
}

const PAGE_OK = CALLBACK_PAGE_OK
const PAGE_FAIL = CALLBACK_PAGE_FAIL

interface CallbackResult {
  code: string
}

/**
 * The authorization-code + PKCE grant (docs/reference.md#auth-code-flow): a loopback listener on 127.0.0.1 only
 * (not all interfaces, unlike the AWS CLI: nothing off this machine should reach it), S256 challenge,
 * state check, bounded wait, then CreateToken with the same redirect URI (port included).
 */
export async function runAuthCodeFlow(opts: AuthCodeFlowOptions): Promise<TokenGrant> {
  throwIfAborted(opts.signal)
  const verifier = createCodeVerifier()
  const state = createState()
  const scopes = [...(opts.scopes && opts.scopes.length > 0 ? opts.scopes : DEFAULT_SCOPES)]
  const timeoutMs = opts.timeoutMs ?? DEFAULT_AUTH_CODE_TIMEOUT_MS

  let settle: { resolve: (r: CallbackResult) => void; reject: (e: unknown) => void } | undefined
  const callback = new Promise<CallbackResult>((resolve, reject) => {
    settle = { resolve, reject }
  })
  // The browser may come back (or fail) while onAuthorizeUrl is still running; the promise is
  // awaited below, so an early rejection is not unhandled.
  callback.catch(() => {})
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const params = url.searchParams
    const error = params.get('error')
    const code = params.get('code')
    const gotState = params.get('state')
    if (error) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(PAGE_FAIL)
      const description = params.get('error_description')
      settle?.reject(
        new IdcError(
          error === 'access_denied' ? 'access-denied' : 'authorization-failed',
          `The authorization was not granted (${error}${description ? `: ${description}` : ''}).`,
          { hint: 'Run the sign-in again and choose Allow, or use --use-device-code.' },
        ),
      )
      return
    }
    if (code && gotState) {
      if (gotState !== state) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(PAGE_FAIL)
        settle?.reject(
          new IdcError(
            'state-mismatch',
            'The authorization response did not match this sign-in (state mismatch).',
            {
              hint: 'Run the sign-in again, and open only the newest URL it prints.',
            },
          ),
        )
        return
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(PAGE_OK)
      settle?.resolve({ code })
      return
    }
    // Anything else (a favicon, a probe): answer and keep waiting, as the AWS CLI does.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(PAGE_OK)
  })

  const port = await listen(server)
  const redirectUri = `http://127.0.0.1:${port}/oauth/callback`
  const started = Date.now()
  let ticker: NodeJS.Timeout | undefined
  let timer: NodeJS.Timeout | undefined
  const onAbort = () => settle?.reject(abortError(opts.signal))
  try {
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    timer = setTimeout(
      () =>
        settle?.reject(
          new IdcError(
            'authorization-expired',
            'Timed out waiting for the browser to complete the sign-in.',
            {
              hint: 'Run the sign-in again, or use --use-device-code to sign in from another device.',
            },
          ),
        ),
      timeoutMs,
    )
    if (opts.onProgress) {
      let attempt = 0
      const interval = opts.progressIntervalMs ?? 1000
      ticker = setInterval(() => {
        attempt++
        opts.onProgress?.({ attempt, remainingMs: started + timeoutMs - Date.now(), intervalMs: interval })
      }, interval)
    }
    const url = buildAuthorizeUrl({
      origin: opts.authorizeOrigin,
      clientId: opts.registration.clientId,
      redirectUri,
      state,
      scopes,
      challenge: codeChallenge(verifier),
    })
    await opts.onAuthorizeUrl(url)
    const { code } = await callback
    return await createToken(opts, {
      grantType: 'authorization_code',
      redirectUri,
      codeVerifier: verifier,
      code,
    })
  } finally {
    opts.signal?.removeEventListener('abort', onAbort)
    if (timer) clearTimeout(timer)
    if (ticker) clearInterval(ticker)
    server.closeAllConnections()
    server.close()
  }
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err) =>
      reject(
        new IdcError(
          'callback-listener-failed',
          `Unable to start the sign-in callback listener on 127.0.0.1: ${err.message}`,
          {
            hint: 'Use --use-device-code to sign in with the device code flow, which needs no listener.',
            cause: err,
          },
        ),
      ),
    )
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })
}
