import type { CredentialVariable } from '@idc/core'

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

/** The environment for `exec`'s child: the parent's, minus CLEARED_VARIABLES, plus the credential variables. */
export function childEnv(
  parent: Readonly<Record<string, string | undefined>>,
  variables: readonly CredentialVariable[],
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(parent)) if (v !== undefined) env[k] = v
  for (const k of CLEARED_VARIABLES) delete env[k]
  for (const [k, v] of variables) env[k] = v
  return env
}
