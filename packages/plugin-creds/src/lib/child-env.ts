import { SDK_NODE_WARNING_VARIABLE, sdkNodeWarningQuietedByUs } from '@idc/cli-kit/lite'
import type { CredentialVariable } from '@idc/core'

/** Set in `exec`'s child to the profile (or sso-session / start URL) whose credentials it has, as aws-vault's AWS_VAULT. */
export const ACTIVE_PROFILE_VARIABLE = 'AWS_IDC_PROFILE'

/**
 * Variables removed from the child's environment: a profile name would make the AWS CLI/botocore skip
 * the environment credentials (an explicit profile wins), and stale keys must not mix with new ones.
 */
export const CLEARED_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
] as const

/**
 * The environment for `exec`'s child: the parent's, minus CLEARED_VARIABLES, plus the credential
 * variables and AWS_IDC_PROFILE. The SDK warning switch aws-idc set for itself
 * (`sdkWarningSetByUs`) is not passed on: it was not the user's.
 */
export function childEnv(
  parent: Readonly<Record<string, string | undefined>>,
  variables: readonly CredentialVariable[],
  options: { profile?: string | undefined; sdkWarningSetByUs?: boolean | undefined } = {},
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(parent)) if (v !== undefined) env[k] = v
  for (const k of CLEARED_VARIABLES) delete env[k]
  if (options.sdkWarningSetByUs ?? sdkNodeWarningQuietedByUs()) delete env[SDK_NODE_WARNING_VARIABLE]
  for (const [k, v] of variables) env[k] = v
  if (options.profile !== undefined) env[ACTIVE_PROFILE_VARIABLE] = options.profile
  return env
}
