import type { Credentials } from './types.js'
import { checkCredentials, checkRegion, type RegionOption } from './values.js'

/** The shape of `--format json`: the SDK's `AwsCredentialIdentity` names, plus the region. */
export interface CredentialsJson {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  /** `YYYY-MM-DDTHH:MM:SS+00:00`, the same text as every other format; `new Date()` parses it. */
  expiration?: string
  accountId?: string
  region?: string
}

/**
 * A JSON object for programs and SDKs (`--format json`, `--json`): camelCase keys as in the SDK's
 * `AwsCredentialIdentity`, absent fields left out, two-space indent and a trailing newline.
 * The expiration uses the `+00:00` form because Python < 3.11 `fromisoformat` rejects `Z`.
 */
export function formatJson(creds: Credentials, options: RegionOption = {}): string {
  const c = checkCredentials(creds)
  const region = checkRegion(options.region)
  const out: CredentialsJson = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey }
  if (c.sessionToken !== undefined) out.sessionToken = c.sessionToken
  if (c.expiration !== undefined) out.expiration = c.expiration
  if (c.accountId !== undefined) out.accountId = c.accountId
  if (region !== undefined) out.region = region
  return `${JSON.stringify(out, null, 2)}\n`
}
