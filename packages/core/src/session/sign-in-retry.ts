import { type IdcError, needsSignIn } from '../errors.js'

/**
 * Runs `operation`; when it fails with an error a sign-in fixes (`needsSignIn`) and `signIn` signs in
 * (resolves true; false or a throw leaves the error standing), runs it once more. The CLI asks on a
 * terminal or follows --auto-login; @idc/node follows its `login` option: the rule of when to retry
 * is this one.
 */
export async function withSignInRetry<T>(
  operation: () => Promise<T>,
  signIn: (error: IdcError) => Promise<boolean>,
): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    if (!needsSignIn(error) || !(await signIn(error))) throw error
    return operation()
  }
}
