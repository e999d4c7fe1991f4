import type { DeviceVerification } from '@idc/core'
import { describeExpiry } from '../duration.js'

/**
 * What `login` prints while it waits for the user, in the AWS CLI v2's words (docs/reference.md#device-flow), so
 * people, docs and scripts that know `aws sso login` see the same text. Returned without the final
 * newline (Ui.info adds one).
 */

/** Device code flow: the URL and the code (plus the prefilled URL when no browser is opened). */
export function deviceCodePrompt(
  v: Pick<DeviceVerification, 'verificationUri' | 'verificationUriComplete' | 'userCode'>,
  options: { browser: boolean },
): string {
  if (options.browser) {
    return (
      'Attempting to open your default browser.\n' +
      'If the browser does not open or you wish to use a different device to authorize this request, open the following URL:\n' +
      `\n${v.verificationUri}\n` +
      `\nThen enter the code:\n\n${v.userCode}`
    )
  }
  return (
    'Browser will not be automatically opened.\n' +
    'Please visit the following URL:\n' +
    `\n${v.verificationUri}\n` +
    `\nThen enter the code:\n\n${v.userCode}\n` +
    '\nAlternatively, you may visit the following URL which will autofill the code upon loading:\n' +
    v.verificationUriComplete
  )
}

/** Authorization-code (PKCE) flow: the authorize URL, which must be opened on this machine. */
export function authCodePrompt(url: string, options: { browser: boolean }): string {
  if (options.browser) {
    return (
      'Attempting to open your default browser. If the browser does not open, open the following URL.\n' +
      "If you are unable to open the URL on this device, run this command again with the '--use-device-code' option.\n" +
      `\n${url}\n`
    )
  }
  return (
    'Browser will not be automatically opened.\n' +
    'Please visit the following URL in a browser on this device:\n' +
    `\n${url}\n` +
    "\nIf you are unable to open the URL on this device, run this command again with the '--use-device-code' option.\n"
  )
}

/** After a sign-in: the AWS CLI's success line, then what was signed in and for how long. */
export function signedInLines(startUrl: string, what: string, expiresAt: Date, now = Date.now()): string[] {
  return [
    `Successfully logged into Start URL: ${startUrl}`,
    `Signed in (${what}), expires ${describeExpiry(expiresAt, now)}.`,
  ]
}
