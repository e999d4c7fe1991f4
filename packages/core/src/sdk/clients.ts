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
import type { SdkSettings } from '../config/sdk-settings.js'
import { callBudgetMs, effectiveTimeouts, type NetworkTimeouts } from '../config/timeouts.js'
import {
  type AdaptiveConcurrency,
  type AttemptOutcome,
  abortError,
  isThrottling,
} from './adaptive-concurrency.js'
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
  /**
   * The profile's SDK settings, resolved by aws-idc (config/sdk-settings.ts). With them, `endpoint`
   * is aws-idc's decision too and the SDK reads no shared config itself; without them (a caller of
   * getCallerIdentity that gives none), the SDK reads the environment and its active profile.
   */
  settings?: SdkSettings | undefined
  /** Passed through to the client constructor (e.g. a custom requestHandler or maxAttempts); wins over the policy. */
  clientConfig?: Record<string, unknown> | undefined
  /** Timeouts by precedence, first set wins per field (e.g. [flags, environment and config]); then the defaults. */
  timeouts?: Array<NetworkTimeouts | undefined> | undefined
  retry?: RetryPolicy | undefined
  /** Receives one line as each attempt starts (free of secrets). */
  debug?: ((line: string) => void) | undefined
  /**
   * Attempts in flight, adapted to throttling (sdk/adaptive-concurrency.ts): every attempt of the
   * client waits for a place. The SDK's retry strategy still decides what is retried and when.
   */
  concurrency?: AdaptiveConcurrency | undefined
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
    ...(await windowedRetry(target)),
    ...(target.clientConfig as SSOClientConfig | undefined),
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  }
  return withPolicy(new SSOClient(config), target)
}

/**
 * A client with an adaptive window retries a throttled or failed attempt after a short, jittered wait
 * (up to 100 ms, doubling per attempt, at most 2 s): the window, halved on throttling, is what slows
 * it down, and the SDK's throttling backoff (up to 1 s, then 2 s, ...) would leave the last calls
 * of a listing idle long after the service has room again. Same attempts, same retry quota: the
 * SDK's standard strategy with its backoff configured (@smithy/core's ConfiguredRetryStrategy).
 */
async function windowedRetry(target: Omit<ServiceTarget, 'region'>) {
  if (!target.concurrency) return {}
  const { ConfiguredRetryStrategy } = await import('@smithy/core/retry')
  const maxAttempts = target.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  return {
    retryStrategy: new ConfiguredRetryStrategy(maxAttempts, (attempt: number) =>
      Math.round(Math.random() * Math.min(2000, WINDOWED_RETRY_BASE_MS * 2 ** Math.max(0, attempt - 2))),
    ),
  }
}
const WINDOWED_RETRY_BASE_MS = 100

function networkConfig(target: Omit<ServiceTarget, 'region'>) {
  const t = effectiveTimeouts(...(target.timeouts ?? []))
  // The SDK's agents hold 50 sockets; a larger cap would queue in the agent instead.
  const sockets = Math.max(50, target.concurrency?.max ?? 0)
  return {
    // The options form of NodeHttpHandler: `socketTimeout` is the read (idle) timeout as botocore
    // applies cli_read_timeout; `requestTimeout` bounds a response that trickles in.
    requestHandler: {
      connectionTimeout: t.connectTimeoutMs,
      socketTimeout: t.readTimeoutMs,
      requestTimeout: t.readTimeoutMs,
      throwOnRequestTimeout: true,
      ...(sockets > 50 ? { httpAgent: { maxSockets: sockets }, httpsAgent: { maxSockets: sockets } } : {}),
    },
    maxAttempts: target.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'standard' as const,
    // Resolve each command's middleware stack once per client instead of on every call (about a
    // fifth of the SDK's CPU per call; docs/performance.md). The SDK uses the cache only for sends
    // without options, so the call's abort signal travels on the command instead (boundSend).
    cacheMiddleware: true,
    ...settingsConfig(target.settings),
  }
}

/**
 * Every setting the SSO, OIDC and STS clients would read from the shared config files,
 * given, so that they read none: the SDK takes them from the profile AWS_PROFILE (or `default`)
 * selects, not from the one aws-idc resolved, and parses both files again to do so
 * (docs/reference.md#sdk-settings).
 */
function settingsConfig(settings: SdkSettings | undefined) {
  if (!settings) return {}
  return {
    useFipsEndpoint: settings.useFipsEndpoint,
    useDualstackEndpoint: settings.useDualstackEndpoint,
    // A provider: `undefined` itself would send the SDK to the files for sdk_ua_app_id.
    userAgentAppId: () => Promise.resolve(settings.userAgentAppId),
    // Their operations each have one auth scheme (none, the portal's bearer token, or STS's SigV4):
    // a preference cannot change them.
    authSchemePreference: [],
    // `endpoint` (set or not) is aws-idc's resolution of the same overrides.
    ignoreConfiguredEndpointUrls: true,
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

/** The abort signal of one call (budget and caller), set by boundSend on the command. */
const CALL_SIGNAL = Symbol('aws-idc.callSignal')
/** The signal of each attempt's wire request, for the HTTP handler (see signalledHandler). */
const requestSignals = new WeakMap<object, AbortSignal>()
const SIGNALLED = Symbol('aws-idc.signalledHandler')

interface RequestHandlerLike {
  handle?: (request: object, options?: Record<string, unknown>) => Promise<unknown>
  [SIGNALLED]?: true
}

/**
 * With the middleware cache the SDK hands its HTTP handler no per-call options, so the handler
 * takes the attempt's abort signal from the request the attempt middleware tagged.
 */
function signalledHandler(client: unknown): void {
  const handler = (client as { config?: { requestHandler?: RequestHandlerLike } }).config?.requestHandler
  if (!handler?.handle || handler[SIGNALLED]) return
  const handle = handler.handle.bind(handler)
  handler.handle = (request, options) => {
    const signal = requestSignals.get(request)
    return handle(request, signal ? { ...options, abortSignal: signal } : options)
  }
  handler[SIGNALLED] = true
}

function withPolicy<C>(sdkClient: C, target: Omit<ServiceTarget, 'region'>): C {
  const client = sdkClient as unknown as Sendable
  signalledHandler(client)
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
    context: { commandName?: string; __smithy_context?: { abortSignal?: AbortSignal } },
  ) =>
    async (args: { request: unknown; input?: unknown }) => {
      const signal =
        ((args as Record<symbol, unknown>)[CALL_SIGNAL] as AbortSignal | undefined) ??
        context.__smithy_context?.abortSignal
      // A retry that starts after the call's budget or its caller gave up goes no further.
      if (signal?.aborted) throw abortError(signal)
      // A place in the adaptive window first: the attempt starts (and is logged) when it gets one.
      const release = await target.concurrency?.acquire(signal)
      if (signal && args.request && typeof args.request === 'object') requestSignals.set(args.request, signal)
      const request = args.request as WireRequest
      const host = `${request.hostname ?? ''}${request.port ? `:${request.port}` : ''}`
      seen.host = host
      const operation = (context.commandName ?? 'call').replace(/Command$/, '')
      const attempt = /attempt=(\d+); max=(\d+)/.exec(request.headers?.['amz-sdk-request'] ?? '')
      let outcome: AttemptOutcome = 'other'
      try {
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
        const out = await next(args)
        outcome = 'ok'
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
        if (isThrottling(error)) outcome = 'throttled'
        throw error
      } finally {
        release?.(outcome)
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
    const { abortSignal, ...rest } = options ?? {}
    const user = abortSignal as AbortSignal | undefined
    const budget = new AbortController()
    const timer = setTimeout(() => budget.abort(), budgetMs)
    const signal = user ? AbortSignal.any([user, budget.signal]) : budget.signal
    // On the command, not in the options: a send without options uses the middleware cache.
    ;(command as Record<symbol, unknown>)[CALL_SIGNAL] = signal
    const pending = send(command, Object.keys(rest).length > 0 ? { ...rest, abortSignal: signal } : undefined)
    // The SDK's backoff sleep between attempts cannot see the signal: the call ends at the abort,
    // and a retry due later stops at the attempt middleware.
    pending.catch(() => {})
    try {
      return await Promise.race([pending, aborted(signal)])
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

/** Rejects (with the handler's AbortError) once `signal` aborts. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(abortError(signal))
    else signal.addEventListener('abort', () => reject(abortError(signal)), { once: true })
  })
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
