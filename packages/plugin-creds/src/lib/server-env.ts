import type { CredentialServer } from '@idc/core'
import { childEnv } from './child-env.js'

/**
 * Variables that would make a child's SDK skip or misread the credential server: the relative URI
 * and the token file win over the full URI and the token in both botocore and the JS SDK.
 */
export const CLEARED_SERVER_VARIABLES = [
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
] as const

/**
 * The environment for `exec --server`'s child: as plain `exec` (profile and static keys removed),
 * with AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN instead of the keys,
 * so the child's SDKs fetch (and refresh) credentials from the server themselves.
 */
export function serverChildEnv(
  parent: Readonly<Record<string, string | undefined>>,
  server: CredentialServer,
  region: string | undefined,
): Record<string, string> {
  const env = childEnv(
    parent,
    region
      ? [
          ['AWS_REGION', region],
          ['AWS_DEFAULT_REGION', region],
        ]
      : [],
  )
  for (const k of CLEARED_SERVER_VARIABLES) delete env[k]
  for (const [k, v] of server.variables()) env[k] = v
  return env
}
