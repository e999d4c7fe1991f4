import { CodedError, type CodedErrorClass, type CodedErrorOptions } from '@idc/format'

/**
 * The one error type of aws-idc. Every failure a user can act on is an IdcError with a stable `code`,
 * a one-line `message` (what went wrong) and a `hint` (what to do next). `cause` keeps the original
 * error for `--debug`, never for display. The shape (and `toDisplayString`, `toJSON`) comes from
 * @idc/format's CodedError, which the formatters' FormatError shares.
 *
 * Recognised across package copies (two versions of @idc/core in one tree, and FormatError) by a
 * global symbol brand, which `instanceof IdcError` checks too.
 */

export type IdcErrorCode =
  // configuration files and names
  | 'config-parse' // a file cannot be parsed
  | 'config-invalid' // a value is wrong or missing
  | 'config-inconsistent' // profile and sso-session disagree
  | 'profile-not-found'
  | 'session-not-found' // [sso-session X] missing
  | 'not-sso-profile'
  | 'invalid-name' // a name or value the AWS CLI / JS SDK could not read back
  | 'invalid-argument'
  // token and caches
  | 'token-missing' // not signed in
  | 'token-invalid' // unreadable / incomplete cache file
  | 'token-expired' // expired and cannot be refreshed
  | 'refresh-failed'
  | 'timestamp-invalid'
  | 'cache-corrupt'
  | 'lock-failed'
  | 'write-failed'
  // sign-in flows
  | 'authorization-expired'
  | 'access-denied'
  | 'state-mismatch'
  | 'authorization-failed'
  | 'callback-listener-failed'
  | 'aborted'
  // service calls
  | 'forbidden'
  | 'unauthorized'
  | 'throttled'
  | 'service-error'
  | 'network-error'
  | 'clock-skew' // the local clock disagrees with the service's Date header

export type IdcErrorOptions = CodedErrorOptions

/**
 * @idc/format's CodedError with core's codes: the same class as FormatError, so `instanceof IdcError`
 * holds for the formatters' errors, and `IdcError.is` (a brand check) for an error from another copy
 * of core or of @idc/format too. Subclasses (`class X extends IdcError`) keep the prototype check.
 */
export type IdcError = CodedError<IdcErrorCode>
export const IdcError = CodedError as CodedErrorClass<IdcErrorCode>

/** Errors a new sign-in fixes: no token, an unusable or expired one, a refresh or a token the service
 * rejected. Never a network, throttling, clock or disk problem (signing in again would not help). */
const SIGN_IN_FIXES: ReadonlySet<string> = new Set<IdcErrorCode>([
  'token-missing',
  'token-invalid',
  'token-expired',
  'refresh-failed',
  'unauthorized',
])

/** Whether `error` means "not signed in", so that signing in (again) and retrying would fix it. */
export function needsSignIn(error: unknown): error is IdcError {
  return IdcError.is(error) && SIGN_IN_FIXES.has(error.code)
}

/** Keys whose values are secrets wherever they appear (token files, SDK responses, credentials). */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'accessToken',
  'refreshToken',
  'clientSecret',
  'idToken',
  'deviceCode',
  'code',
  'codeVerifier',
  'secretAccessKey',
  'sessionToken',
  'SecretAccessKey',
  'SessionToken',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'x-amz-sso_bearer_token',
  'signinToken',
  'SigninToken',
])

const REDACTED = '[redacted]'

/** Replaces every occurrence of each secret (at least 8 characters long) in `text`. */
export function redactText(text: string, secrets: Iterable<string | undefined>): string {
  let out = text
  for (const secret of secrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join(REDACTED)
  }
  return out
}

/** A deep copy of `value` with every SECRET_KEYS member replaced; safe to log. */
export function redactObject<T>(value: T): T {
  const seen = new WeakMap<object, unknown>()
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v
    if (v instanceof Date) return v
    if (seen.has(v)) return seen.get(v)
    if (Array.isArray(v)) {
      const arr: unknown[] = []
      seen.set(v, arr)
      for (const item of v) arr.push(walk(item))
      return arr
    }
    const out: Record<string, unknown> = {}
    seen.set(v, out)
    for (const [k, inner] of Object.entries(v)) {
      out[k] = SECRET_KEYS.has(k) && typeof inner === 'string' ? REDACTED : walk(inner)
    }
    return out
  }
  return walk(value) as T
}
