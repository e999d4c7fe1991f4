/** The picker in `creds` / `exec` (and `console`, `login`): used only when no target was given. */
import { canPrompt, type PickerUi, pickTarget, type TargetFlagValues } from '@idc/cli-kit'
import { IdcError, type SessionContext } from '@idc/core'
import { resolveFlagsTarget } from './agent-safe.js'

/** The errors of the implicit `default` profile that mean "no profile chosen" rather than "broken". */
const NO_PROFILE = new Set(['profile-not-found', 'not-sso-profile'])

/** True when the command line and environment name no profile, sso-session or start URL. */
export function noTargetGiven(
  flags: TargetFlagValues,
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

/**
 * The flags to use: as given, unless nothing names a target, the `default` profile cannot give
 * credentials and a person is at a terminal; then the picker's choice. Without a terminal this
 * never prompts, and the command gives its usual "no profile" error.
 */
export async function withPickedTarget<F extends TargetFlagValues>(
  flags: F,
  ctx: SessionContext & { env: Readonly<Record<string, string | undefined>> },
  ui: PickerUi,
): Promise<F> {
  if (!noTargetGiven(flags, ctx.env) || !canPrompt(ctx.env)) return flags
  try {
    await resolveFlagsTarget(flags, ctx)
    return flags
  } catch (error) {
    if (!IdcError.is(error) || !NO_PROFILE.has(error.code)) return flags
  }
  const picked = await pickTarget(ctx, ui)
  return picked ? { ...flags, ...picked.flags } : flags
}
