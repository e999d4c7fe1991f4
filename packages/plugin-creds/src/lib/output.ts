import type { CredentialsResult } from '@idc/core'
// The formatter subpath only: the warm bundle (fast.ts) renders through this module too.
import { type FormatName, type FormatOptions, format } from '@idc/core/format'

/** The text `creds --format <name>` prints: the one renderer of the fast path and the oclif commands. */
export function renderCredentials(
  name: FormatName,
  result: Pick<CredentialsResult, 'credentials' | 'target'>,
  options: { region?: string | undefined; profile?: string | undefined } = {},
): string {
  const formatOptions: FormatOptions = {
    region: options.region,
    // ini: the section is named after --write-profile, else the source profile.
    profile: options.profile ?? result.target.profileName,
  }
  return format(name, result.credentials, formatOptions)
}

/** The `--json` shape of `creds` and `credential-process` (secrets included: that is the point). */
export interface CredentialsJson {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string | undefined
  /** ISO 8601. */
  expiration?: string | undefined
  accountId?: string | undefined
  roleName?: string | undefined
  region?: string | undefined
  /** 'sts': a chained-role profile's AssumeRole. */
  source: 'cache' | 'portal' | 'sts'
  /** The assumed role, for a chained-role profile. */
  roleArn?: string | undefined
}

export function credentialsJson(result: CredentialsResult, region?: string): CredentialsJson {
  const c = result.credentials
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
    ...(c.expiration ? { expiration: c.expiration.toISOString() } : {}),
    accountId: result.target.accountId ?? c.accountId,
    roleName: result.target.roleName,
    ...(region ? { region } : {}),
    source: result.source,
    ...(result.chain ? { roleArn: result.chain.roleArn } : {}),
  }
}

/** The `--json` of `creds --write-profile`: where the credentials went, never the secrets themselves. */
export interface WrittenProfileJson {
  profile: string
  file: string
  accessKeyId: string
  /** ISO 8601. */
  expiration?: string | undefined
  accountId?: string | undefined
  roleName?: string | undefined
  region?: string | undefined
  source: 'cache' | 'portal' | 'sts'
}

export function writtenProfileJson(
  result: CredentialsResult,
  profile: string,
  file: string,
  region?: string,
): WrittenProfileJson {
  const c = result.credentials
  return {
    profile,
    file,
    // The key id is not a secret (it appears in CloudTrail and IAM); it tells which keys were written.
    accessKeyId: c.accessKeyId,
    ...(c.expiration ? { expiration: c.expiration.toISOString() } : {}),
    accountId: result.target.accountId ?? c.accountId,
    roleName: result.target.roleName,
    ...(region ? { region } : {}),
    source: result.source,
  }
}
