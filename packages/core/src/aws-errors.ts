/**
 * Turns an error thrown by an AWS SDK client (or the network under it) into an IdcError with the next
 * step for the user. Service messages are kept (they never carry secrets); tokens are never included.
 */
import { IdcError, type IdcErrorCode } from './errors.js'

export interface AwsErrorContext {
  /** e.g. 'GetRoleCredentials', 'CreateToken'. */
  operation: string
  region?: string | undefined
  endpoint?: string | undefined
  accountId?: string | undefined
  roleName?: string | undefined
  /** The token cache file the bearer token came from, named in hints. */
  tokenFile?: string | undefined
  /** The command that signs in again, for hints. */
  loginCommand?: string | undefined
  /** The flags that name the target (`--profile dev`), so a hint's command works as written. */
  targetArgs?: string | undefined
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
])

interface AwsLikeError {
  name?: string
  message?: string
  code?: string
  error_description?: string
  $metadata?: { httpStatusCode?: number; attempts?: number }
  /** host[:port] the call went to, set by the client's attempt middleware (sdk/clients.ts). */
  $host?: string
  /** Set when the call's overall time budget ran out. */
  $budgetMs?: number
}

function hostOf(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined
  try {
    return new URL(endpoint).host
  } catch {
    return undefined
  }
}

function httpStatus(err: AwsLikeError): number | undefined {
  return err.$metadata?.httpStatusCode
}

/** True for a connection-level failure (refused, reset, timed out, DNS) rather than a service answer. */
export function isNetworkError(err: unknown): boolean {
  const e = err as AwsLikeError | undefined
  return (
    !!e && typeof e === 'object' && ((!!e.code && NETWORK_CODES.has(e.code)) || e.name === 'TimeoutError')
  )
}

/** True when retrying later may succeed: throttling, 5xx, dropped connections. */
export function isRetryableAwsError(err: unknown): boolean {
  if (IdcError.is(err))
    return err.code === 'throttled' || err.code === 'network-error' || err.code === 'service-error'
  const e = err as AwsLikeError
  if (!e || typeof e !== 'object') return false
  if (
    e.name === 'TooManyRequestsException' ||
    e.name === 'ThrottlingException' ||
    e.name === 'SlowDownException'
  )
    return true
  if (e.name === 'InternalServerException') return true
  const status = httpStatus(e)
  if (status !== undefined && status >= 500) return true
  if (e.code && NETWORK_CODES.has(e.code)) return true
  if (e.name === 'TimeoutError') return true
  return false
}

function describeDescription(e: AwsLikeError): string {
  const text = e.error_description ?? (e.message && e.message !== 'UnknownError' ? e.message : '')
  return text ? `: ${text}` : ''
}

export function fromAwsError(err: unknown, ctx: AwsErrorContext): IdcError {
  if (IdcError.is(err)) return err
  const e = (err ?? {}) as AwsLikeError
  const name = e.name ?? 'Error'
  const login = ctx.loginCommand ?? 'aws-idc login'
  const where = ctx.region ? ` in ${ctx.region}` : ''
  const make = (code: IdcErrorCode, message: string, hint: string) =>
    new IdcError(code, message, {
      hint,
      cause: err,
      details: { operation: ctx.operation, awsError: name, status: httpStatus(e) },
    })

  switch (name) {
    case 'ForbiddenException':
      return make(
        'forbidden',
        `IAM Identity Center denied ${ctx.operation}${ctx.roleName ? ` for role ${ctx.roleName}` : ''}${ctx.accountId ? ` in account ${ctx.accountId}` : ''}${describeDescription(e)}.`,
        `Check the role name (it is case-sensitive) and that a permission set of that name is assigned to you in that account; list them with \`aws-idc roles ${ctx.targetArgs ? `${ctx.targetArgs} ` : ''}--account-id ${ctx.accountId ?? '<id>'}\`.`,
      )
    case 'UnauthorizedException':
      return make(
        'unauthorized',
        `IAM Identity Center${where} rejected the SSO access token (${ctx.operation}).`,
        `The token has expired, was signed out, or was issued in another region${ctx.tokenFile ? ` (its cache file ${ctx.tokenFile} says region ${ctx.region ?? 'unknown'})` : ''}; check sso_region and run \`${login}\`.`,
      )
    case 'ResourceNotFoundException':
      return make(
        'forbidden',
        `IAM Identity Center found no such account or role (${ctx.operation}${ctx.accountId ? `, account ${ctx.accountId}` : ''}${ctx.roleName ? `, role ${ctx.roleName}` : ''}).`,
        'Check the account id and role name; list them with `aws-idc accounts` and `aws-idc roles`.',
      )
    case 'TooManyRequestsException':
    case 'ThrottlingException':
    case 'SlowDownException':
      return make(
        'throttled',
        `IAM Identity Center${where} throttled ${ctx.operation} and retries ran out.`,
        'Wait a moment and try again; lower the concurrency if you run many requests at once.',
      )
    case 'InvalidGrantException':
      return make(
        'refresh-failed',
        `IAM Identity Center rejected the grant (${ctx.operation}${describeDescription(e)}).`,
        `The session has ended or the refresh token was revoked; run \`${login}\`.`,
      )
    case 'ExpiredTokenException':
      return make(
        'authorization-expired',
        'The pending authorization to retrieve an SSO token has expired.',
        `Sign in again with \`${login}\` and approve the request before it expires.`,
      )
    case 'AccessDeniedException':
      return make(
        'access-denied',
        `The sign-in request was denied${describeDescription(e)}.`,
        `Run \`${login}\` again and choose Allow, or ask your administrator for access.`,
      )
    case 'InvalidClientException':
    case 'UnauthorizedClientException':
      return make(
        'authorization-failed',
        `IAM Identity Center${where} rejected the client registration (${name}).`,
        `The registration has expired or belongs to another region; run \`${login}\` to register again.`,
      )
    case 'InvalidScopeException':
      return make(
        'config-invalid',
        `IAM Identity Center rejected the requested scopes (${ctx.operation}).`,
        'Check sso_registration_scopes in your sso-session; `sso:account:access` is the usual value.',
      )
    case 'InvalidRequestException':
      return make(
        'service-error',
        `IAM Identity Center rejected the ${ctx.operation} request as invalid${describeDescription(e)}.`,
        'Check the account id, role name, start URL and sso_region in your configuration.',
      )
    default:
      break
  }
  if (name === 'AbortError') {
    return make('aborted', `${ctx.operation} was cancelled.`, 'Run the command again when you are ready.')
  }
  if ((e.code && NETWORK_CODES.has(e.code)) || name === 'TimeoutError' || name === 'RequestTimeout') {
    const host = e.$host || hostOf(ctx.endpoint)
    const attempts = e.$metadata?.attempts
    const why = e.$budgetMs
      ? `no answer within ${Math.round(e.$budgetMs / 1000)} s`
      : name === 'TimeoutError'
        ? 'timed out'
        : (e.code ?? name)
    return make(
      'network-error',
      `Could not reach ${host ?? `IAM Identity Center${where}`} (${ctx.operation}: ${why}${attempts && attempts > 1 ? `, ${attempts} attempts` : ''}).`,
      'Check your network connection, proxy and any endpoint override (AWS_ENDPOINT_URL*); to wait longer, raise --cli-read-timeout or cli_read_timeout (seconds).',
    )
  }
  const status = httpStatus(e)
  if (name === 'InternalServerException' || (status !== undefined && status >= 500)) {
    return make(
      'service-error',
      `IAM Identity Center${where} failed with a server error on ${ctx.operation} (${name}${status ? `, HTTP ${status}` : ''}).`,
      'This is usually temporary; try again in a moment.',
    )
  }
  return make(
    'service-error',
    `${ctx.operation} failed: ${name}${describeDescription(e)}.`,
    'Run again with --debug for details.',
  )
}
