import { deviceCodePrompt, openBrowser, type Ui, type WaitLine } from '@idc/cli-kit'
import {
  ciSecretsWarning,
  formatGithubSecrets,
  type SessionContext,
  signInForCi,
  type TargetRequest,
} from '@idc/core'

import { refuseTerminal } from './secret-output.js'

export interface ForCiOptions {
  ui: Ui
  browser: boolean
  /** Print the secrets to a terminal too. */
  force: boolean
}

/**
 * `aws-idc login --for-ci`: a device-code sign-in with a client registration of its own (not the
 * one the AWS CLI shares), printed as `gh secret set` lines and kept nowhere on this machine, so the
 * CI job's refresh token is never rotated away by this machine's own refreshes.
 */
export async function loginForCi(
  request: TargetRequest,
  ctx: SessionContext,
  opts: ForCiOptions,
): Promise<void> {
  refuseTerminal(opts.force, 'login --for-ci')
  let wait: WaitLine | undefined
  try {
    const values = await signInForCi(request, {
      ...ctx,
      onVerification: async (v) => {
        opts.ui.info(deviceCodePrompt(v, { browser: opts.browser }))
        if (opts.browser && !(await openBrowser(v.verificationUriComplete))) {
          opts.ui.debug('could not start a browser; open the URL yourself')
        }
        wait = opts.ui.wait(`Waiting for approval of code ${v.userCode}`, { deadline: v.expiresAt })
      },
      onProgress: (p) => wait?.update({ remainingMs: p.remainingMs }),
    })
    wait?.stop()
    opts.ui.warn(ciSecretsWarning(values))
    process.stdout.write(formatGithubSecrets(values))
  } finally {
    wait?.stop()
  }
}
