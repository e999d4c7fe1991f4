import {
  login as coreLogin,
  type LoginOptions,
  type LoginResult,
  type SessionContext,
  type TargetRequest,
  withSignInRetry,
} from '@idc/core'
import type { AutoSignInOptions, SignInCallbacks, SignInFlow } from './options.js'

function showVerificationOnStderr(v: { verificationUriComplete: string; userCode: string }): void {
  process.stderr.write(
    `To sign in to AWS IAM Identity Center, open ${v.verificationUriComplete} and check that the code is ${v.userCode}.\n`,
  )
}

/** Runs core's sign-in with the public callbacks. */
export function runSignIn(
  request: TargetRequest,
  ctx: SessionContext,
  flow: SignInFlow | undefined,
  callbacks: SignInCallbacks,
  force: boolean | undefined,
): Promise<LoginResult> {
  const options: LoginOptions = {
    ...ctx,
    flow: flow === undefined ? undefined : flow === 'browser' ? 'auth-code' : 'device',
    force,
    onVerification: callbacks.onVerification ?? showVerificationOnStderr,
    onAuthorizeUrl: callbacks.onAuthorizeUrl,
    onProgress: callbacks.onProgress,
    timeoutMs: callbacks.loginTimeoutMs,
  }
  return coreLogin(request, options)
}

/**
 * Runs `operation`; when it fails because the user is not signed in and `login` allows it, signs in
 * (a forced sign-in: the cached token is known to be unusable) and runs it once more.
 */
export async function withSignIn<T>(
  request: TargetRequest,
  ctx: SessionContext,
  options: AutoSignInOptions,
  operation: () => Promise<T>,
): Promise<T> {
  return withSignInRetry(operation, async (error) => {
    const flow = options.login ?? 'never'
    if (flow === 'never') return false
    ctx.debug?.(`not signed in (${error.code}); signing in with the ${flow} flow`)
    await runSignIn(request, ctx, flow, options, true)
    return true
  })
}
