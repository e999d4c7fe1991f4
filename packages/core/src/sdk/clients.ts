/**
 * Lazy factories for the real AWS SDK clients. The SDK costs ~100 ms to import, and the warm
 * credential path (valid token + valid role cache) must not pay it, so nothing here is imported at
 * module load: the `import type` lines are erased at compile time.
 *
 * Every client gets the one network policy of aws-idc (docs/reliability.md): connect and read
 * timeouts on the SDK's NodeHttpHandler, the SDK's standard retry strategy (throttling, 5xx,
 * timeouts and dropped connections, with its backoff and retry quota), and an overall time budget
 * per call across those retries, which the SDK cannot express (an abort signal).
 */
import type { SSOClient, SSOClientConfig } from '@aws-sdk/client-sso'
import type { SSOOIDCClient, SSOOIDCClientConfig } from '@aws-sdk/client-sso-oidc'
import type { STSClient, STSClientConfig } from '@aws-sdk/client-sts'
import { callBudgetMs, effectiveTimeouts, type NetworkTimeouts } from '../config/timeouts.js'
import { recordServerDate } from './server-clock.js'

/** How often and how long a call may be tried. */
export interface RetryPolicy {
  /** Attempts per call including the first (the SDK's retry strategy). Default 6. */
  maxAttempts?: number | undefined
  /** Overall time per call across attempts. Default: 2 x (connect + read timeout). */
  budgetMs?: number | undefined
  /**
   * Called as each retry starts, with the fault that caused it (progress on a terminal:
   * "retrying, throttled 3/6"); never with a secret.
   */
  onRetry?: ((retry: { attempt: number; maxAttempts: number; error: unknown }) => void) | undefined
}

export const DEFAULT_MAX_ATTEMPTS = 6

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

export interface ServiceTarget {
  /** The IAM Identity Center region (`sso_region`), not the profile's ordinary region. */
  region: string
  /** An endpoint override (AWS_ENDPOINT_URL_SSO[_OIDC], services section, endpoint_url); undefined = AWS default. */
  endpoint?: string | undefined
  /** Passed through to the client constructor (e.g. a custom requestHandler or maxAttempts); wins over the policy. */
  clientConfig?: Record<string, unknown> | undefined
  /** Timeouts by precedence, first set wins per field (e.g. [flags, environment and config]); then the defaults. */
  timeouts?: Array<NetworkTimeouts | undefined> | undefined
  retry?: RetryPolicy | undefined
  /** Receives one line as each attempt starts (free of secrets). */
  debug?: ((line: string) => void) | undefined
}

export async function createOidcClient(target: ServiceTarget): Promise<SSOOIDCClient> {
  const { SSOOIDCClient } = await import('@aws-sdk/client-sso-oidc')
  const config: SSOOIDCClientConfig = {
    ...networkConfig(target),
    ...(target.clientConfig as SSOOIDCClientConfig | undefined),
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  }
  return withPolicy(new SSOOIDCClient(config), target)
}

export async function createPortalClient(target: ServiceTarget): Promise<SSOClient> {
  const { SSOClient } = await import('@aws-sdk/client-sso')
  const config: SSOClientConfig = {
    ...networkConfig(target),
    ...(target.clientConfig as SSOClientConfig | undefined),
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  }
  return withPolicy(new SSOClient(config), target)
}

function networkConfig(target: Omit<ServiceTarget, 'region'>) {
  const t = effectiveTimeouts(...(target.timeouts ?? []))
  return {
    // The options form of NodeHttpHandler: `socketTimeout` is the read (idle) timeout as botocore
    // applies cli_read_timeout; `requestTimeout` bounds a response that trickles in.
    requestHandler: {
      connectionTimeout: t.connectTimeoutMs,
      socketTimeout: t.readTimeoutMs,
      requestTimeout: t.readTimeoutMs,
      throwOnRequestTimeout: true,
    },
    maxAttempts: target.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'standard' as const,
  }
}

interface Sendable {
  send: (...args: never[]) => Promise<unknown>
  middlewareStack: { add: (mw: unknown, options: Record<string, unknown>) => void }
}

interface WireRequest {
  method?: string
  protocol?: string
  hostname?: string
  port?: number
  path?: string
  headers?: Record<string, string>
}

type AnnotatedError = Error & {
  $host?: string
  $retryable?: { throttling?: boolean }
  $response?: { headers?: Record<string, string> }
  $metadata?: { attempts?: number }
  code?: string
}

function withPolicy<C>(sdkClient: C, target: Omit<ServiceTarget, 'region'>): C {
  const client = sdkClient as unknown as Sendable
  const seen: Seen = {}
  client.middlewareStack.add(attemptMiddleware(target, seen), {
    // Inside the SDK's retry middleware (finalizeRequest, high priority): runs once per attempt.
    step: 'finalizeRequest',
    priority: 'low',
    name: 'idcAttempt',
  })
  const t = effectiveTimeouts(...(target.timeouts ?? []))
  const budget = target.retry?.budgetMs ?? callBudgetMs(t)
  if (budget !== undefined) boundSend(client, budget, seen)
  return sdkClient
}

/** The host the client's last attempt went to (the budget's error names it). */
interface Seen {
  host?: string
  /** The previous attempt's fault, for `onRetry`. */
  lastError?: unknown
}

function attemptMiddleware(target: Omit<ServiceTarget, 'region'>, seen: Seen) {
  return (
    next: (args: { request: unknown; input?: unknown }) => Promise<{ response: unknown }>,
    context: { commandName?: string },
  ) =>
    async (args: { request: unknown; input?: unknown }) => {
      const request = args.request as WireRequest
      const host = `${request.hostname ?? ''}${request.port ? `:${request.port}` : ''}`
      seen.host = host
      const operation = (context.commandName ?? 'call').replace(/Command$/, '')
      const attempt = /attempt=(\d+); max=(\d+)/.exec(request.headers?.['amz-sdk-request'] ?? '')
      if (attempt && Number(attempt[1]) > 1) {
        target.retry?.onRetry?.({
          attempt: Number(attempt[1]),
          maxAttempts: Number(attempt[2]),
          error: seen.lastError,
        })
      }
      if (target.debug) {
        target.debug(
          `${operation}: attempt ${attempt ? `${attempt[1]}/${attempt[2]}` : '1'} ${request.method ?? 'POST'} ${request.protocol ?? 'https:'}//${host}${request.path ?? '/'}`,
        )
      }
      try {
        const out = await next(args)
        recordServerDate(host, (out.response as { headers?: Record<string, string> })?.headers?.date)
        return out
      } catch (error) {
        seen.lastError = error
        if (error && typeof error === 'object') {
          const e = error as AnnotatedError
          e.$host ??= host
          recordServerDate(host, e.$response?.headers?.date)
          // SlowDown on anything but the device poll (whose interval the flow raises itself) is
          // throttling: let the SDK's retry strategy back off and try again.
          const grant = (args.input as { grantType?: string } | undefined)?.grantType
          if (e.name === 'SlowDownException' && grant !== DEVICE_GRANT) e.$retryable = { throttling: true }
        }
        throw error
      }
    }
}

/** Every `send` of the client ends within `budgetMs`, the caller's own abort signal still honoured. */
function boundSend(client: Sendable, budgetMs: number, seen: Seen): void {
  const send = client.send.bind(client) as (
    command: unknown,
    options?: Record<string, unknown>,
  ) => Promise<unknown>
  ;(client as { send: unknown }).send = async (command: unknown, options?: Record<string, unknown>) => {
    const user = options?.abortSignal as AbortSignal | undefined
    const budget = new AbortController()
    const timer = setTimeout(() => budget.abort(), budgetMs)
    try {
      return await send(command, {
        ...options,
        abortSignal: user ? AbortSignal.any([user, budget.signal]) : budget.signal,
      })
    } catch (error) {
      if (budget.signal.aborted && !user?.aborted) {
        const e = error as AnnotatedError
        throw Object.assign(new Error(`no answer within ${Math.round(budgetMs / 1000)} s`), {
          name: 'TimeoutError',
          code: 'ETIMEDOUT',
          $host: e?.$host ?? seen.host,
          $budgetMs: budgetMs,
          $metadata: e?.$metadata,
          cause: error,
        })
      }
      throw error
    } finally {
      clearTimeout(timer)
    }
  }
}

/** An STS client signing with `credentials` (AssumeRole for chained profiles). */
export async function createStsClient(
  target: ServiceTarget & {
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }
  },
): Promise<STSClient> {
  const { STSClient } = await import('@aws-sdk/client-sts')
  const config: STSClientConfig = {
    ...networkConfig(target),
    ...(target.clientConfig as STSClientConfig | undefined),
    region: target.region,
    credentials: target.credentials,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  }
  return withPolicy(new STSClient(config), target)
}

/**
 * The OIDC origin the browser is sent to for `/authorize` (docs/reference.md#auth-code-flow): scheme and host of the
 * resolved OIDC endpoint; any path of an override is dropped, as the AWS CLI does.
 */
export function oidcOrigin(region: string, endpoint?: string): string {
  if (endpoint) {
    const url = new URL(endpoint)
    return `${url.protocol}//${url.host}`
  }
  const suffix = region.startsWith('cn-')
    ? 'amazonaws.com.cn'
    : region.startsWith('eusc-')
      ? 'amazonaws.eu'
      : 'amazonaws.com'
  return `https://oidc.${region}.${suffix}`
}
