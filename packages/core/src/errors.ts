/**
 * The one error type of aws-idc. Every failure a user can act on is an IdcError with a stable `code`,
 * a one-line `message` (what went wrong) and a `hint` (what to do next). `cause` keeps the original
 * error for `--debug`, never for display.
 *
 * Recognised across package copies (two versions of @idc/core in one tree) by a global symbol brand,
 * not by `instanceof`.
 */

const BRAND = Symbol.for('@idc/core/IdcError')

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

export interface IdcErrorOptions {
  /** The next step for the user, one sentence. */
  hint?: string | undefined
  cause?: unknown
  /** Structured facts for `--json` / `--debug` (never secrets). */
  details?: Record<string, unknown> | undefined
}

export class IdcError extends Error {
  readonly code: IdcErrorCode
  readonly hint: string | undefined
  readonly details: Record<string, unknown> | undefined
  readonly [BRAND] = true

  constructor(code: IdcErrorCode, message: string, options: IdcErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'IdcError'
    this.code = code
    this.hint = options.hint
    this.details = options.details
  }

  /** True for an IdcError from any copy of @idc/core. */
  static is(value: unknown): value is IdcError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true
  }

  /** `message` plus the hint, as one or two lines for a terminal. */
  toDisplayString(): string {
    return this.hint ? `${this.message}\n${this.hint}` : this.message
  }

  toJSON(): { code: IdcErrorCode; message: string; hint?: string; details?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.details ? { details: this.details } : {}),
    }
  }
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
