import {
  checkKnownRegion,
  DEFAULT_AUTH_CODE_TIMEOUT_MS,
  IdcError,
  type LoginFlow,
  login,
  resolveTarget,
  type TargetRequest,
  withSignInRetry,
} from '@idc/core'
import type { CommandContext } from '../base-command.js'
import { describeExpiry } from '../duration.js'
import type { Ui, WaitLine } from '../ui.js'
import { openBrowser } from './browser.js'
import { isHeadless } from './headless.js'
import { authCodePrompt, deviceCodePrompt, signedInLines } from './prompts.js'
import { refreshAdvice } from './refresh-advice.js'

export interface SignInOptions {
  context: CommandContext
  /** Where the prompts and the wait line go (stderr, also with --json). */
  ui: Ui
  useDeviceCode?: boolean | undefined
  /** true: open a browser (and force the browser flow when headless); false: only print; undefined: open unless headless. */
  browser?: boolean | undefined
  force?: boolean | undefined
  /** The CLI's name, for the commands in hints. */
  bin?: string | undefined
  /** Lines after a new sign-in (default: the AWS CLI's success line and the expiry). */
  quietSuccess?: boolean | undefined
}

export type SignInResult = Awaited<ReturnType<typeof login>>

/**
 * `login`'s sign-in, for every command that signs in (login, configure, a command offering to sign
 * in when the session expired): the flow chosen as `aws sso login` does, the AWS CLI's prompts, the
 * browser opened when there is one, a wait line with the time left.
 */
export async function signIn(request: TargetRequest, options: SignInOptions): Promise<SignInResult> {
  const { ui } = options
  let flow: LoginFlow | undefined
  let openInBrowser = options.browser !== false
  if (options.useDeviceCode) flow = 'device'
  else if (options.browser === undefined && isHeadless(options.context.env)) {
    flow = 'device'
    // Nothing can open a browser here either: print the URL that fills in the code.
    openInBrowser = false
    options.context.debug(
      'no local browser (SSH session, CI or no display): using the device code flow; --browser forces the browser flow',
    )
  }

  let wait: WaitLine | undefined
  const startWait = (label: string, deadline: Date) => {
    wait?.stop()
    wait = ui.wait(label, { deadline })
  }
  const open = async (url: string) => {
    if (!openInBrowser) return
    if (!(await openBrowser(url, options.context.env)))
      options.context.debug('could not start a browser; open the URL yourself')
  }

  let result: SignInResult
  try {
    result = await login(request, {
      ...options.context,
      flow,
      force: options.force,
      onVerification: async (v) => {
        ui.info(deviceCodePrompt(v, { browser: openInBrowser }))
        await open(v.verificationUriComplete)
        startWait(`Waiting for approval of code ${v.userCode}`, v.expiresAt)
      },
      onAuthorizeUrl: async (url) => {
        ui.info(authCodePrompt(url, { browser: openInBrowser }))
        await open(url)
        startWait('Waiting for the browser sign-in', new Date(Date.now() + DEFAULT_AUTH_CODE_TIMEOUT_MS))
      },
      onProgress: (p) => wait?.update({ remainingMs: p.remainingMs }),
    })
  } catch (error) {
    throw await regionTypo(error, request, options.context)
  } finally {
    wait?.stop()
  }
  if (!result.reused && !options.quietSuccess) {
    const what = describeSignIn(result)
    for (const line of signedInLines(result.target.startUrl, what, result.expiresAt)) ui.info(line)
  }
  if (!result.reused && !result.refreshable) {
    const advice = refreshAdvice(result.target, options.bin)
    ui.warn(
      `this sign-in cannot be refreshed: ${advice.problem}; it ends ${describeExpiry(result.expiresAt)}. ${advice.fix}`,
    )
  }
  return result
}

export function describeSignIn(result: Pick<SignInResult, 'target'>): string {
  return result.target.sessionName
    ? `sso-session ${result.target.sessionName}`
    : `start URL ${result.target.startUrl}`
}

export interface WhenNeededOptions extends SignInOptions {
  /** --auto-login: sign in without asking (may open a browser). */
  autoLogin?: boolean | undefined
  /** A person is at a terminal (stdin and stderr are TTYs, not --json). */
  interactive: boolean
}

/**
 * Runs `work`; when it fails because the session expired or is missing, offers to sign in (on a
 * terminal) or signs in (--auto-login), then runs `work` once more. Otherwise the error stands.
 */
export async function withSignIn<T>(
  request: TargetRequest,
  options: WhenNeededOptions,
  work: () => Promise<T>,
): Promise<T> {
  return withSignInRetry(work, async (error) => {
    if (!(options.autoLogin || options.interactive)) return false
    if (!options.autoLogin) {
      options.ui.info(`${error.message}`)
      const { default: confirm } = await import('@inquirer/confirm')
      const yes = await confirm(
        { message: 'Sign in now?', default: true },
        { output: process.stderr, signal: options.context.signal },
      ).catch(() => false)
      if (!yes) return false
    }
    await signIn(request, { ...options, force: true })
    return true
  })
}

/**
 * A sign-in that could not reach IAM Identity Center in an sso_region the SDK does not know
 * (`eu-wset-1`) failed because of the typo, not the network: say so, with the closest regions.
 */
async function regionTypo(error: unknown, request: TargetRequest, context: CommandContext): Promise<unknown> {
  if (!IdcError.is(error) || error.code !== 'network-error') return error
  try {
    const target = await resolveTarget(request, context)
    const check = await checkKnownRegion(target.ssoRegion)
    if (check.known) return error
    const where = target.source.section ? ` (${target.source.section} in ${target.source.configFile})` : ''
    return new IdcError(
      'config-invalid',
      `sso_region ${JSON.stringify(target.ssoRegion)}${where} is not a known AWS Region, so IAM Identity Center could not be reached.`,
      {
        hint:
          check.suggestions.length > 0
            ? `Did you mean ${check.suggestions.join(' or ')}? Fix sso_region${where}.`
            : `Fix sso_region${where}.`,
        cause: error,
      },
    )
  } catch {
    return error
  }
}
