import { IdcError } from '@idc/core'

/** Errors a new sign-in fixes (never a network, throttling or disk problem). */
const SIGN_IN_FIXES = new Set([
  'token-missing',
  'token-expired',
  'token-invalid',
  'refresh-failed',
  'unauthorized',
])

export function needsSignIn(error: unknown): error is IdcError {
  return IdcError.is(error) && SIGN_IN_FIXES.has(error.code)
}
