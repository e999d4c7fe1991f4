/**
 * True when a person can answer a prompt: stdin and stderr are terminals and no CI variable is set.
 * Without one (a pipe, cron, CI) nothing ever prompts and commands give their usual errors.
 * stdout is not asked: `eval "$(aws-idc creds)"` pipes it while the person is still there.
 */
export function canPrompt(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const ci = env['CI']
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return false
  return Boolean(process.stdin.isTTY && process.stderr.isTTY)
}

/** True when the command line and environment name no profile, sso-session or start URL (the picker's cue). */
export function noTargetGiven(
  flags: {
    profile?: string | undefined
    'sso-session'?: string | undefined
    'start-url'?: string | undefined
  },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return (
    !flags.profile &&
    !flags['sso-session'] &&
    !flags['start-url'] &&
    !env['AWS_PROFILE'] &&
    !env['AWS_DEFAULT_PROFILE']
  )
}
