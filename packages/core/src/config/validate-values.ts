import { IdcError, type IdcErrorCode } from '../errors.js'

/** Where a value came from, for the message: a config setting or a named argument. */
export interface ValueOrigin {
  /** e.g. `sso_region in [sso-session my-sso] of /home/u/.aws/config (line 3)` or `the start URL argument`. */
  what: string
  /** The first words of the hint, e.g. `Fix sso_region on line 3 of /home/u/.aws/config` or `Pass`. */
  fix: string
  code: IdcErrorCode
  details?: Record<string, unknown> | undefined
}

// A region goes into a hostname (oidc.<region>.amazonaws.com), so only DNS-label characters.
const REGION = /^[a-z0-9]+(-[a-z0-9]+)*$/
const ACCOUNT_ID = /^\d{12}$/

/** A 12-digit AWS account ID. */
export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value)
}

/**
 * How an account given on a command line is read: digits are an ID (then checked for 12 of them:
 * `--account-id 123` is refused before any call), anything else an account name to look up.
 */
export function isAccountIdForm(value: string): boolean {
  return /^\d+$/.test(value)
}

export function checkStartUrl(value: string, origin: ValueOrigin): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    throw invalid(
      origin,
      `is not a start URL: ${JSON.stringify(value)}`,
      'the AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start',
    )
  }
  return value
}

export function checkRegion(value: string, origin: ValueOrigin): string {
  if (!REGION.test(value))
    throw invalid(origin, `is not an AWS Region: ${JSON.stringify(value)}`, 'a Region such as us-east-1')
  return value
}

export function checkAccountId(value: string, origin: ValueOrigin): string {
  if (!ACCOUNT_ID.test(value)) {
    throw invalid(origin, `is not an AWS account ID: ${JSON.stringify(value)}`, 'the 12-digit account ID')
  }
  return value
}

export function checkNonEmpty(value: string, origin: ValueOrigin, expected: string): string {
  if (value.trim() === '') throw invalid(origin, 'is empty', expected)
  return value
}

/** `sso_registration_scopes`: comma-separated, items trimmed, empty items dropped. */
export function parseScopes(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

function invalid(origin: ValueOrigin, problem: string, expected: string): IdcError {
  return new IdcError(origin.code, `The value of ${origin.what} ${problem}.`, {
    hint: `${origin.fix} to ${expected}.`,
    details: origin.details,
  })
}
