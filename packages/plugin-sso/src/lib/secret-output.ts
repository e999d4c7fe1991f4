import { IdcError } from '@idc/core'

/**
 * Commands whose stdout is a secret (a sign-in session, CI secrets) refuse a terminal unless
 * forced: a screen gets shared, recorded and scrolled back; a pipe or a file is a decision.
 */
export function refuseTerminal(force: boolean, command: string): void {
  if (force || !process.stdout.isTTY) return
  throw new IdcError(
    'invalid-argument',
    `\`aws-idc ${command}\` prints secrets (your refresh token), so it does not print them to a terminal.`,
    {
      hint: `Pipe or redirect it (\`aws-idc sessions export dev | ssh host aws-idc sessions import\`), or add --force to print it here.`,
    },
  )
}
