/**
 * The federation endpoint's getSigninToken: role credentials in, a console sign-in token out.
 * There is no SDK client for it (it is not an AWS API), so this is a plain HTTPS GET with a
 * connect+response timeout per attempt, retries of transient failures and an overall budget.
 */
import { IdcError } from '../errors.js'
import type { Credentials } from '../types.js'

export interface SigninTokenOptions {
  federation: string
  signal?: AbortSignal | undefined
  /** Seconds the console session may last (900-43200); left out for role-chained credentials. */
  sessionDurationSeconds?: number | undefined
  /** Per attempt (default 10 s); the whole call gets three attempts within 30 s. */
  timeoutMs?: number | undefined
  fetch?: typeof fetch | undefined
}

const ATTEMPTS = 3
const BUDGET_MS = 30_000

export async function getSigninToken(credentials: Credentials, options: SigninTokenOptions): Promise<string> {
  const session = JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  })
  const query = new URLSearchParams({ Action: 'getSigninToken', Session: session })
  if (options.sessionDurationSeconds !== undefined)
    query.set('SessionDuration', String(options.sessionDurationSeconds))
  const url = `${options.federation}?${query}`
  const host = new URL(options.federation).host
  const doFetch = options.fetch ?? fetch
  const deadline = Date.now() + BUDGET_MS
  let lastError: unknown
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const timeout = AbortSignal.timeout(
      Math.max(1, Math.min(options.timeoutMs ?? 10_000, deadline - Date.now())),
    )
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
    let res: Response
    try {
      res = await doFetch(url, { signal, headers: { accept: 'application/json' } })
    } catch (error) {
      if (options.signal?.aborted) throw new IdcError('aborted', 'Interrupted.', { cause: error })
      lastError = error
      if (attempt < ATTEMPTS && Date.now() < deadline) {
        await sleep(backoff(attempt))
        continue
      }
      const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name
      throw new IdcError('network-error', `Could not reach the AWS sign-in endpoint ${host} (${reason}).`, {
        hint: `Check your network connection and proxy, or the endpoint override (AWS_IDC_ENDPOINT_URL_SIGNIN, AWS_ENDPOINT_URL).`,
        cause: error,
      })
    }
    if (res.status >= 500 || res.status === 429) {
      lastError = new Error(`HTTP ${res.status}`)
      if (attempt < ATTEMPTS && Date.now() < deadline) {
        await res.body?.cancel()
        await sleep(backoff(attempt))
        continue
      }
      throw new IdcError(
        res.status === 429 ? 'throttled' : 'service-error',
        `The AWS sign-in endpoint ${host} failed (HTTP ${res.status}).`,
        { hint: 'This is usually temporary; try again in a moment.' },
      )
    }
    const text = await res.text()
    if (res.status !== 200) {
      throw new IdcError(
        'service-error',
        `The AWS sign-in endpoint ${host} refused the credentials (HTTP ${res.status}: ${text.trim().slice(0, 200) || 'no reason given'}).`,
        {
          hint: 'Run the command again (expired credentials are fetched anew); for a chained role check that it may be used for the console.',
        },
      )
    }
    let token: unknown
    try {
      token = (JSON.parse(text) as { SigninToken?: unknown }).SigninToken
    } catch {
      token = undefined
    }
    if (typeof token !== 'string' || token === '') {
      throw new IdcError(
        'service-error',
        `The AWS sign-in endpoint ${host} answered without a sign-in token.`,
        {
          hint: 'Check the endpoint override (AWS_IDC_ENDPOINT_URL_SIGNIN, AWS_ENDPOINT_URL); run again with --debug.',
        },
      )
    }
    return token
  }
  throw new IdcError('service-error', `The AWS sign-in endpoint ${host} failed.`, { cause: lastError })
}

function backoff(attempt: number): number {
  return Math.random() * Math.min(2000, 250 * 2 ** attempt)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
