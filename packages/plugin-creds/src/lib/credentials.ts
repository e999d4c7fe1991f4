/**
 * Credentials for a target given as flags: shared by the oclif commands and the fast path, so it
 * imports neither @oclif/core nor the AWS SDK (core loads the SDK clients lazily, only on a cache miss).
 */
import { quietSdkNodeWarning, rememberSecrets, type TargetFlagValues, targetRequest } from '@idc/cli-kit/lite'
import {
  type CredentialsResult,
  type CredentialsTarget,
  getCredentials,
  parseSeconds,
  type SessionContext,
} from '@idc/core'

/**
 * Role credentials for the flags: `--start-url` values, `--sso-session` or a profile, with
 * `--account-id` / `--role-name` overriding the profile's account and role. `resolved` is the
 * target the warm path already resolved (and whose role cache it found stale), so the config is
 * not read twice. Every secret is registered for redaction before it goes anywhere.
 */
export async function credentialsFor(
  flags: TargetFlagValues,
  ctx: SessionContext,
  resolved?: CredentialsTarget,
): Promise<CredentialsResult> {
  // On a cache miss core loads the AWS SDK, whose Node < 22 warning would land on stderr.
  quietSdkNodeWarning()
  // The fast path passes the flags as they are; oclif's base command has parsed them already.
  const withTimeouts = {
    ...ctx,
    timeouts: ctx.timeouts ?? timeoutFlags(flags as Record<string, string | undefined>),
  }
  const result = resolved
    ? await getCredentials(resolved, { ...withTimeouts, cacheStale: true })
    : await getCredentials(targetRequest(flags), withTimeouts)
  rememberSecrets(result.credentials.secretAccessKey, result.credentials.sessionToken)
  return result
}

function timeoutFlags(flags: Record<string, string | undefined>): SessionContext['timeouts'] {
  const seconds = (name: string) => {
    const value = flags[name]
    return value === undefined ? undefined : parseSeconds(value, `--${name}`)
  }
  return { connectTimeoutMs: seconds('cli-connect-timeout'), readTimeoutMs: seconds('cli-read-timeout') }
}
