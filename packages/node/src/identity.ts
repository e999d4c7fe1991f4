import { type Credentials, IdcError } from '@idc/core'
import type { AwsCredentialIdentity } from '@smithy/types'

/**
 * The AWS SDK v3 identity shape (`AwsCredentialIdentity`) with what IAM Identity Center always
 * returns made non-optional: temporary credentials carry a session token, an expiration and the
 * account id.
 */
export interface IdentityCenterCredentials extends AwsCredentialIdentity {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken: string
  readonly expiration: Date
  readonly accountId: string
  readonly credentialScope?: string
}

/** Core's credentials as the SDK identity; only the keys that have a value. */
export function toIdentity(
  credentials: Credentials,
  accountId: string | undefined,
): IdentityCenterCredentials {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials
  if (!sessionToken || !expiration)
    throw new IdcError(
      'service-error',
      'IAM Identity Center returned role credentials without a session token or expiration.',
      {
        hint: 'Retry; if it persists, report it with the output of a run with `debug` set.',
      },
    )
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration: new Date(expiration.getTime()),
    accountId: credentials.accountId ?? accountId ?? '',
  }
}
